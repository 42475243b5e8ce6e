/** Notifications: Slack, PagerDuty, signed webhooks and email, delivered through a durable outbox. */
package dev.gantry.server.notify;
