/**
 * Gantry feature flags: the flag model, the snapshot JSON format and the evaluator.
 *
 * <p>Start with {@link dev.gantry.flags.Snapshot#parse(String)} to turn the JSON form into an
 * immutable, pre-compiled {@link dev.gantry.flags.Snapshot}, then evaluate with the
 * {@link dev.gantry.flags.FlagEvaluator} methods against an
 * {@link dev.gantry.flags.EvaluationContext}. Every evaluation returns an
 * {@link dev.gantry.flags.EvaluationDetail} and never throws. The Java SDK that keeps a snapshot
 * up to date lives in {@code dev.gantry.flags.sdk}.
 */
package dev.gantry.flags;
