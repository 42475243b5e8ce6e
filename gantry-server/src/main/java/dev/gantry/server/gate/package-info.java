/**
 * Gates over the API: waivers, gate runs posted by the CLI, and gate runs the server performs
 * itself (only {@code http}, {@code http-headers} and {@code prometheus} checks, to allowed
 * outbound hosts).
 */
package dev.gantry.server.gate;
