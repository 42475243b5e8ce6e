/** Liveness, readiness and Prometheus metrics endpoints. */
package dev.gantry.server.health;
