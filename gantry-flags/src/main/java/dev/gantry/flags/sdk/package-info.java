/**
 * The Gantry Java SDK: {@link dev.gantry.flags.sdk.GantryClient} keeps a flag snapshot current
 * (from a file, by HTTP polling or over server-sent events), evaluates flags locally, keeps a
 * last-known-good cache file, notifies listeners and reports evaluation counters. The wire
 * protocol is docs/sdk-protocol.md.
 */
package dev.gantry.flags.sdk;
