/**
 * The public status page: components, incidents with updates, scheduled maintenance; a read
 * model ({@link dev.gantry.server.status.StatusPage}) served as JSON without authentication and
 * rendered as HTML by the dashboard.
 */
package dev.gantry.server.status;
