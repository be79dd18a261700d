package ma.forsa.common;

import java.util.ArrayList;
import java.util.List;

import io.vertx.pgclient.PgException;

/**
 * Describes a failure for the log without the values it may carry: the chain of exception classes, PostgreSQL's SQL
 * state and constraint name, and the first frames of the root cause — never exception messages, which may hold
 * SQL parameters or row values (a unique-key violation names the key's value).
 */
public final class SafeLog {

    private SafeLog() {
    }

    public static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        Throwable root = failure;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 10; t = t.getCause() == t ? null : t.getCause(), depth++) {
            String part = t.getClass().getName();
            if (t instanceof PgException pg) {
                part += "[sqlState=" + pg.getSqlState() + (pg.getConstraint() != null ? ", constraint=" + pg.getConstraint() : "")
                        + "]";
            } else if (t instanceof org.hibernate.exception.ConstraintViolationException cv && cv.getConstraintName() != null) {
                part += "[constraint=" + cv.getConstraintName() + "]";
            }
            parts.add(part);
            root = t;
        }
        StringBuilder out = new StringBuilder(String.join(" <- ", parts));
        StackTraceElement[] frames = root.getStackTrace();
        for (int i = 0; i < Math.min(8, frames.length); i++) {
            out.append("\n\tat ").append(frames[i]);
        }
        return out.toString();
    }
}
