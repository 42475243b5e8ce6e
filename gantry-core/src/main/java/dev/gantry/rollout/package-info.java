/**
 * The rollout engine: a durable state machine over an append-only list of {@link
 * dev.gantry.rollout.RolloutEvent}s, guard tracking with {@code for} and hysteresis, the
 * statistical comparison of the new variation with the old one, and a pure decision function
 * ({@link dev.gantry.rollout.RolloutEngine}) that returns events to append and effects to perform.
 * No I/O: the server stores the events, gathers the samples and performs the effects.
 * Semantics: docs/rollout.md.
 */
package dev.gantry.rollout;
