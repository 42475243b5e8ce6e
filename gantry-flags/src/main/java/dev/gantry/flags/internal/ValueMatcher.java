package dev.gantry.flags.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches one scalar attribute value (String, Double, Boolean or Instant) against a clause's
 * pre-compiled operands. Implementations for strings, numbers and sets allocate nothing.
 */
abstract class ValueMatcher {

    abstract boolean matches(Object value);

    /** in: string equality, numeric equality, boolean equality. */
    static final class In extends ValueMatcher {
        private final Set<String> strings;
        private final double[] numbers;
        private final boolean hasTrue;
        private final boolean hasFalse;

        In(Set<String> strings, double[] numbers, boolean hasTrue, boolean hasFalse) {
            this.strings = new HashSet<>(strings);
            this.numbers = numbers.clone();
            for (int i = 0; i < this.numbers.length; i++) {
                this.numbers[i] = this.numbers[i] + 0.0; // -0.0 -> 0.0
            }
            Arrays.sort(this.numbers);
            this.hasTrue = hasTrue;
            this.hasFalse = hasFalse;
        }

        @Override
        boolean matches(Object value) {
            if (value instanceof String s) {
                return strings.contains(s);
            }
            if (value instanceof Double d) {
                return Arrays.binarySearch(numbers, d + 0.0) >= 0;
            }
            if (value instanceof Boolean b) {
                return b ? hasTrue : hasFalse;
            }
            return false;
        }
    }

    /** startsWith / endsWith / contains. */
    static final class Text extends ValueMatcher {
        enum Kind { STARTS_WITH, ENDS_WITH, CONTAINS }

        private final Kind kind;
        private final String[] operands;

        Text(Kind kind, String[] operands) {
            this.kind = kind;
            this.operands = operands.clone();
        }

        @Override
        boolean matches(Object value) {
            if (!(value instanceof String s)) {
                return false;
            }
            for (String op : operands) {
                boolean hit = switch (kind) {
                    case STARTS_WITH -> s.startsWith(op);
                    case ENDS_WITH -> s.endsWith(op);
                    case CONTAINS -> s.contains(op);
                };
                if (hit) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * matches: regular expressions compiled at snapshot load. Platform threads reuse one
     * {@link Matcher} per pattern and thread, so matching allocates nothing after the first call
     * on a thread; virtual threads are usually short-lived, so they create a Matcher per call
     * instead of filling thread-local maps.
     */
    static final class Regex extends ValueMatcher {
        private final Pattern[] patterns;
        private final ThreadLocal<Matcher[]> matchers;

        Regex(Pattern[] patterns) {
            Pattern[] copy = patterns.clone();
            this.patterns = copy;
            this.matchers = ThreadLocal.withInitial(() -> {
                Matcher[] ms = new Matcher[copy.length];
                for (int i = 0; i < ms.length; i++) {
                    ms[i] = copy[i].matcher("");
                }
                return ms;
            });
        }

        @Override
        boolean matches(Object value) {
            if (!(value instanceof String s)) {
                return false;
            }
            if (Thread.currentThread().isVirtual()) {
                for (Pattern p : patterns) {
                    if (p.matcher(s).find()) {
                        return true;
                    }
                }
                return false;
            }
            for (Matcher m : matchers.get()) {
                boolean hit = m.reset(s).find();
                m.reset(""); // do not keep the attribute value reachable from the thread
                if (hit) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Numeric comparisons. */
    static final class NumberCompare extends ValueMatcher {
        enum Kind { LT, LE, GT, GE }

        private final Kind kind;
        private final double[] operands;

        NumberCompare(Kind kind, double[] operands) {
            this.kind = kind;
            this.operands = operands.clone();
        }

        @Override
        boolean matches(Object value) {
            if (!(value instanceof Double boxed)) {
                return false;
            }
            double d = boxed;
            for (double op : operands) {
                boolean hit = switch (kind) {
                    case LT -> d < op;
                    case LE -> d <= op;
                    case GT -> d > op;
                    case GE -> d >= op;
                };
                if (hit) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Semantic-version comparisons; the attribute must be a valid semantic version string. Compared
     * in place, without parsing it into an object.
     */
    static final class SemverCompare extends ValueMatcher {
        enum Kind { EQ, LT, GT }

        private final Kind kind;
        private final Semver[] operands;

        SemverCompare(Kind kind, Semver[] operands) {
            this.kind = kind;
            this.operands = operands.clone();
        }

        @Override
        boolean matches(Object value) {
            if (!(value instanceof String s)) {
                return false;
            }
            for (Semver op : operands) {
                int c = op.compareText(s);
                if (c == Semver.INVALID) {
                    return false;
                }
                boolean hit = switch (kind) {
                    case EQ -> c == 0;
                    case LT -> c < 0;
                    case GT -> c > 0;
                };
                if (hit) {
                    return true;
                }
            }
            return false;
        }
    }

    /** before / after, on epoch milliseconds. */
    static final class DateCompare extends ValueMatcher {
        private final boolean before;
        private final long[] operands;

        DateCompare(boolean before, long[] operands) {
            this.before = before;
            this.operands = operands.clone();
        }

        @Override
        boolean matches(Object value) {
            long millis;
            if (value instanceof Instant i) {
                millis = i.toEpochMilli();
            } else if (value instanceof Double d) {
                millis = (long) (double) d;
            } else if (value instanceof String s) {
                Optional<Long> parsed = parseDate(s);
                if (parsed.isEmpty()) {
                    return false;
                }
                millis = parsed.get();
            } else {
                return false;
            }
            for (long op : operands) {
                if (before ? millis < op : millis > op) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * @param s an RFC 3339 / ISO-8601 date-time with offset, e.g. 2026-03-02T10:00:00Z
     * @return epoch milliseconds, if parseable
     */
    static Optional<Long> parseDate(String s) {
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
