/** Flags per environment: management API, versioned changes, snapshots, the SDK protocol. */
package dev.gantry.server.flag;
