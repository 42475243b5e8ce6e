package dev.gantry.flags.internal;

import dev.gantry.flags.ErrorCode;
import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.EvaluationDetail;
import dev.gantry.flags.Flag;
import dev.gantry.flags.FlagType;
import dev.gantry.flags.Prerequisite;
import dev.gantry.flags.Reason;
import dev.gantry.flags.Segment;
import dev.gantry.flags.SnapshotFormatException;
import dev.gantry.flags.internal.CompiledFlag.CompiledPrerequisite;
import dev.gantry.flags.internal.CompiledFlag.CompiledRule;
import java.util.List;
import java.util.Map;

/**
 * Flags and segments checked, cross-referenced and turned into matchers and pre-built results.
 * Immutable and thread-safe once built. Prerequisite cycles (and chains deeper than
 * {@value #MAX_PREREQUISITE_DEPTH}) do not reject the snapshot: the flags involved evaluate to
 * {@link ErrorCode#MALFORMED_FLAG}, so evaluation recursion is bounded.
 */
public final class CompiledSnapshot {
    /** Longest prerequisite chain evaluated; longer chains make the flag malformed. */
    public static final int MAX_PREREQUISITE_DEPTH = 32;

    private final Map<String, CompiledFlag> byKey;

    CompiledSnapshot(Map<String, CompiledFlag> byKey) {
        this.byKey = byKey;
    }

    /**
     * @param flags the flags, in document order
     * @param segments the segments, in document order
     * @return the compiled snapshot
     * @throws SnapshotFormatException listing every problem, with JSON paths
     */
    public static CompiledSnapshot compile(List<Flag> flags, List<Segment> segments) {
        return new SnapshotCompiler(flags, segments).compile();
    }

    /**
     * Evaluates a flag. Never throws.
     *
     * @param flagKey flag key (null is treated as not found)
     * @param ctx the context (null is treated as empty)
     * @param expected the type the caller wants
     * @return a pre-built success detail, or an error detail whose value is null (the caller
     *     substitutes its default)
     */
    public EvaluationDetail<?> evaluate(String flagKey, EvaluationContext ctx, FlagType expected) {
        CompiledFlag f = flagKey == null ? null : byKey.get(flagKey);
        if (f == null) {
            return EvaluationDetail.error(null, ErrorCode.FLAG_NOT_FOUND,
                    "No flag with key '" + flagKey + "' in the current snapshot.", -1);
        }
        if (f.type != expected) {
            return EvaluationDetail.error(null, ErrorCode.TYPE_MISMATCH, "Flag '" + flagKey + "' is of type "
                    + f.type.jsonName() + " but was evaluated as " + expected.jsonName() + ".", f.index);
        }
        try {
            return evaluate(f, ctx == null ? EvaluationContext.empty() : ctx);
        } catch (RuntimeException | StackOverflowError e) {
            return EvaluationDetail.error(null, ErrorCode.MALFORMED_FLAG,
                    "Flag '" + flagKey + "' could not be evaluated: " + e, f.index);
        }
    }

    private static EvaluationDetail<?> evaluate(CompiledFlag f, EvaluationContext ctx) {
        if (f.malformedDetail != null) {
            return f.malformedDetail;
        }
        if (!f.on) {
            return f.offDetail;
        }
        for (CompiledPrerequisite p : f.prerequisites) {
            CompiledFlag pf = p.flag();
            EvaluationDetail<?> pd = evaluate(pf, ctx);
            if (!pf.on || pd.isError() || pd.reason() == Reason.PREREQUISITE_FAILED
                    || pd.variationIndex() != p.variationIndex()) {
                return p.failedDetail();
            }
        }
        String key = ctx.targetingKeyOrNull();
        if (key != null && !f.targets.isEmpty()) {
            EvaluationDetail<?> t = f.targets.get(key);
            if (t != null) {
                return t;
            }
        }
        for (CompiledRule rule : f.rules) {
            if (rule.matches(ctx)) {
                return rule.serve.select(ctx);
            }
        }
        return f.fallthrough.select(ctx);
    }
}
