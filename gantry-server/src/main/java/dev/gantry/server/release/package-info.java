/** Release plans pushed to the server: revisions, overview, diff. */
package dev.gantry.server.release;
