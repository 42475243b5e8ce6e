/**
 * The Gantry control plane: {@link dev.gantry.server.GantryServer} wires the feature packages
 * ({@code auth}, {@code audit}, {@code release}, {@code flag}, {@code ofrep}, {@code health})
 * onto one Javalin server over one {@link dev.gantry.server.db.Database}.
 */
package dev.gantry.server;
