package ma.forsa.common;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Keeps values out of the log whatever library writes it: PostgreSQL's details of a constraint violation
 * ({@code Key (massar_code)=(J130012345) already exists}, also logged by Hibernate Reactive as HR000057) keep the
 * column and lose the value; an exception whose message carries such a detail is replaced by {@link SafeLog}'s
 * description (classes, SQL state, constraint). Installed on the console by {@code quarkus.log.console.filter}.
 */
@LoggingFilter(name = "forsa-redact")
public final class RedactingLogFilter implements Filter {

    private static final Pattern KEY_VALUE = Pattern.compile("(Key \\(([^)]{0,200})\\))=\\((.*?)\\)( already exists| is not present| is still referenced)?",
            Pattern.DOTALL);
    private static final Pattern FAILING_ROW = Pattern.compile("Failing row contains \\(.*?\\)\\.?", Pattern.DOTALL);

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String message = ext.getFormattedMessage();
            if (message != null && (message.contains("Key (") || message.contains("Failing row contains"))) {
                ext.setMessage(redact(message), ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
            Throwable thrown = ext.getThrown();
            if (thrown != null && carriesValues(thrown)) {
                ext.setThrown(null);
                ext.setMessage(redact(ext.getFormattedMessage()) + "\n" + SafeLog.describe(thrown), ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        }
        return true;
    }

    static String redact(String message) {
        if (message == null) {
            return null;
        }
        String out = KEY_VALUE.matcher(message).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + "=(…)"
                + (m.group(4) == null ? "" : m.group(4))));
        return FAILING_ROW.matcher(out).replaceAll("Failing row contains (…).");
    }

    private static boolean carriesValues(Throwable thrown) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < 10; t = t.getCause() == t ? null : t.getCause(), depth++) {
            String m = t.getMessage();
            if (m != null && (m.contains("Key (") || m.contains("Failing row contains"))) {
                return true;
            }
        }
        return false;
    }
}
