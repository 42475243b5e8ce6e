package dev.gantry.server.status;

import java.util.regex.Pattern;

/**
 * Machine-made text that goes on a public page or into a log (rollback causes, delivery and
 * measurement errors): links and credentials are removed before it is stored, so a cause or an
 * error that quotes a webhook URL, a routing key or a token cannot leak. Operators' and plans'
 * own words are not changed. Stateless.
 */
public final class PublicText {
    private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://\\S+");
    private static final Pattern TOKEN = Pattern.compile("\\b(?:gat|gsk|xox[abprs]|sk|pk|rk)[_-][A-Za-z0-9_-]{8,}");
    private static final Pattern LONG_SECRETISH = Pattern.compile("\\b[A-Za-z0-9_+/=-]{32,}\\b");

    private PublicText() {}

    /** @return {@code text} with links replaced by {@code [link removed]} and tokens by {@code [redacted]} */
    public static String scrub(String text) {
        String s = URL.matcher(text).replaceAll("[link removed]");
        s = TOKEN.matcher(s).replaceAll("[redacted]");
        return LONG_SECRETISH.matcher(s).replaceAll("[redacted]");
    }
}
