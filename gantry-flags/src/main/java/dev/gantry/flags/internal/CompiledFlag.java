package dev.gantry.flags.internal;

import dev.gantry.flags.EvaluationContext;
import dev.gantry.flags.EvaluationDetail;
import dev.gantry.flags.Flag;
import dev.gantry.flags.FlagType;
import java.util.Map;

/** A flag with every cross-reference resolved and every possible result pre-built. */
final class CompiledFlag {
    final Flag flag;
    final int index;
    final FlagType type;
    final boolean on;
    final EvaluationDetail<?> offDetail;
    final Map<String, EvaluationDetail<?>> targets;
    final CompiledRule[] rules;
    final CompiledServe fallthrough;
    CompiledPrerequisite[] prerequisites = new CompiledPrerequisite[0];
    EvaluationDetail<?> malformedDetail;

    CompiledFlag(Flag flag, int index, EvaluationDetail<?> offDetail, Map<String, EvaluationDetail<?>> targets,
            CompiledRule[] rules, CompiledServe fallthrough) {
        this.flag = flag;
        this.index = index;
        this.type = flag.type();
        this.on = flag.on();
        this.offDetail = offDetail;
        this.targets = targets;
        this.rules = rules;
        this.fallthrough = fallthrough;
    }

    record CompiledPrerequisite(CompiledFlag flag, int variationIndex, EvaluationDetail<?> failedDetail) {
    }

    /** A rule: all clauses must match. */
    static final class CompiledRule {
        final ClauseMatcher[] clauses;
        final CompiledServe serve;

        CompiledRule(ClauseMatcher[] clauses, CompiledServe serve) {
            this.clauses = clauses;
            this.serve = serve;
        }

        boolean matches(EvaluationContext ctx) {
            for (ClauseMatcher c : clauses) {
                if (!c.matches(ctx)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A fixed result, or a split over pre-built results. */
    static final class CompiledServe {
        private final EvaluationDetail<?> fixed;
        private final int[] cumulative;
        private final EvaluationDetail<?>[] details;
        private final byte[] prefix;
        private final String bucketBy;

        private CompiledServe(EvaluationDetail<?> fixed, int[] cumulative, EvaluationDetail<?>[] details, byte[] prefix,
                String bucketBy) {
            this.fixed = fixed;
            this.cumulative = cumulative;
            this.details = details;
            this.prefix = prefix;
            this.bucketBy = bucketBy;
        }

        static CompiledServe fixed(EvaluationDetail<?> detail) {
            return new CompiledServe(detail, null, null, null, null);
        }

        static CompiledServe split(int[] cumulative, EvaluationDetail<?>[] details, byte[] prefix, String bucketBy) {
            return new CompiledServe(null, cumulative, details, prefix, bucketBy);
        }

        EvaluationDetail<?> select(EvaluationContext ctx) {
            if (fixed != null) {
                return fixed;
            }
            int bucket = Murmur3.bucket(prefix, unit(ctx));
            for (int i = 0; i < cumulative.length; i++) {
                if (bucket < cumulative[i]) {
                    return details[i];
                }
            }
            return details[details.length - 1];
        }

        private String unit(EvaluationContext ctx) {
            if (bucketBy != null) {
                Object v = ctx.attributeOrNull(bucketBy);
                if (v instanceof String s) {
                    return s;
                }
                if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
                    return Long.toString((long) (double) d);
                }
            }
            String key = ctx.targetingKeyOrNull();
            return key == null ? "" : key;
        }
    }
}
