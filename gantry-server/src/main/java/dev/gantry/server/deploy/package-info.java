/** Deploy and rollback runs the CLI reports to the control plane. */
package dev.gantry.server.deploy;
