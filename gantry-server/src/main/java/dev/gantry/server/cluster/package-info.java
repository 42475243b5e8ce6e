/** Replicas on one PostgreSQL: advisory-lock leader election and LISTEN/NOTIFY flag fan-out. */
package dev.gantry.server.cluster;
