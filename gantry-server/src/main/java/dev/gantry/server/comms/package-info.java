/**
 * Communications of releases: drafts rendered from the plan's templates, approvals bound to the
 * draft's content, sending at the planned time (or on a rollback) through a
 * {@link dev.gantry.server.notify.Notifier}, once, recorded in the sent log.
 */
package dev.gantry.server.comms;
