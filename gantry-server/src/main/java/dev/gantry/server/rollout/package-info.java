/** The rollout controller: guarded percentage phases, feature activation, automatic rollback. */
package dev.gantry.server.rollout;
