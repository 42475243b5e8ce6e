package dev.gantry.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A comparison against a number, as plans write guards, alerts and targets: {@code > 0.05},
 * {@code > 5%} (the measured value is a ratio, so 5% is 0.05), {@code > 2s} and
 * {@code > 800ms} (the measured value is in seconds), {@code >= 99.5%}. A bare number means
 * "at least".
 *
 * @param operator how the measured value is compared
 * @param value the number compared against, in the measured value's unit
 * @param text the threshold as written
 */
public record Threshold(Operator operator, double value, String text) {
    private static final Pattern FORM = Pattern.compile("(>=|<=|==|!=|>|<)?\\s*(-?\\d+(?:\\.\\d+)?)\\s*(%|ms|s)?");

    /** How a measured value is compared with the threshold. */
    public enum Operator {
        GREATER(">"), GREATER_OR_EQUAL(">="), LESS("<"), LESS_OR_EQUAL("<="), EQUAL("=="), NOT_EQUAL("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        static Operator of(String symbol) {
            for (Operator operator : values()) {
                if (operator.symbol.equals(symbol)) {
                    return operator;
                }
            }
            throw new IllegalArgumentException("no operator " + symbol);
        }
    }

    public Threshold {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a threshold is a finite number");
        }
    }

    /** Whether {@code measured} satisfies the comparison. */
    public boolean test(double measured) {
        return switch (operator) {
            case GREATER -> measured > value;
            case GREATER_OR_EQUAL -> measured >= value;
            case LESS -> measured < value;
            case LESS_OR_EQUAL -> measured <= value;
            case EQUAL -> measured == value;
            case NOT_EQUAL -> measured != value;
        };
    }

    @JsonValue
    @Override
    public String text() {
        return text;
    }

    /** The threshold {@code text} names, or empty when it names none. */
    public static Optional<Threshold> parse(String text) {
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Operator operator = matcher.group(1) == null ? Operator.GREATER_OR_EQUAL : Operator.of(matcher.group(1));
        double value = Double.parseDouble(matcher.group(2));
        String unit = matcher.group(3);
        if ("%".equals(unit)) {
            value = value / 100.0;
        } else if ("ms".equals(unit)) {
            value = value / 1000.0;
        }
        return Optional.of(new Threshold(operator, value, text.strip()));
    }
}
