/**
 * Public only so the SDK package can reach it; not an API. Compiled flags, the evaluation engine,
 * hashing, and the snapshot JSON reader and writer. May change in any release.
 */
package dev.gantry.flags.internal;
