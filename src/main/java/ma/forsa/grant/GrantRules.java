package ma.forsa.grant;

import java.time.Duration;
import java.time.Instant;

import ma.forsa.common.rules.Checked;
import ma.forsa.common.rules.Violation;

/** The access grant rulebook: what a request for a learner's identity must say, and how long a grant lasts. */
public final class GrantRules {

    public static final int MIN_REASON = 10;
    public static final int MAX_REASON = 500;
    static final Duration SHORTEST = Duration.ofMinutes(5);
    static final Duration LONGEST = Duration.ofDays(7);

    private GrantRules() {
    }

    /** The reason, trimmed: required, {@value #MIN_REASON} to {@value #MAX_REASON} characters. */
    public static Checked<String> reason(String reason) {
        String text = reason == null ? "" : reason.strip();
        Checked.Collector c = new Checked.Collector();
        if (text.length() < MIN_REASON) {
            c.add(Violation.invalid("reason", "grant.reason.required", MIN_REASON));
        } else if (text.length() > MAX_REASON) {
            c.add(Violation.invalid("reason", "grant.reason.tooLong", MAX_REASON));
        }
        return c.result(text);
    }

    /** The configured duration, checked at start-up. */
    public static Duration duration(Duration configured) {
        if (configured == null || configured.compareTo(SHORTEST) < 0 || configured.compareTo(LONGEST) > 0) {
            throw new IllegalStateException("forsa.grants.duration must be between PT5M and P7D (got " + configured + ").");
        }
        return configured;
    }

    /** Whether a grant is live at {@code now}: until its expiry, excluded. */
    public static boolean live(Instant expiresAt, Instant now) {
        return now.isBefore(expiresAt);
    }
}
