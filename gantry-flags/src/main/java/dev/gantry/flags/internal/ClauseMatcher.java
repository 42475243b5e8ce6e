package dev.gantry.flags.internal;

import dev.gantry.flags.EvaluationContext;
import java.util.List;

/** One compiled clause. */
abstract class ClauseMatcher {
    abstract boolean matches(EvaluationContext ctx);

    /** Compares one attribute (each element, for lists) with a {@link ValueMatcher}. */
    static final class OnAttribute extends ClauseMatcher {
        private final String attribute;
        private final ValueMatcher matcher;
        private final boolean negate;

        OnAttribute(String attribute, ValueMatcher matcher, boolean negate) {
            this.attribute = attribute;
            this.matcher = matcher;
            this.negate = negate;
        }

        @Override
        boolean matches(EvaluationContext ctx) {
            Object v = ctx.attributeOrNull(attribute);
            if (v == null) {
                return false;
            }
            boolean hit = false;
            if (v instanceof List<?> list) {
                for (int i = 0, n = list.size(); i < n && !hit; i++) {
                    hit = matcher.matches(list.get(i));
                }
            } else {
                hit = matcher.matches(v);
            }
            return hit != negate;
        }
    }

    /** Segment membership. */
    static final class InSegment extends ClauseMatcher {
        private final CompiledSegment[] segments;
        private final boolean negate;

        InSegment(CompiledSegment[] segments, boolean negate) {
            this.segments = segments;
            this.negate = negate;
        }

        @Override
        boolean matches(EvaluationContext ctx) {
            boolean hit = false;
            for (int i = 0; i < segments.length && !hit; i++) {
                hit = segments[i].contains(ctx);
            }
            return hit != negate;
        }
    }
}
