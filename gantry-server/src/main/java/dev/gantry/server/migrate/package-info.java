/**
 * Database awareness: the migrations applied to production ({@code gantry migrate mark-applied}),
 * and whether a release is past its point of no return.
 */
package dev.gantry.server.migrate;
