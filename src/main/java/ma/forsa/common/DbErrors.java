package ma.forsa.common;

import io.vertx.pgclient.PgException;

/** Recognises constraint violations raised by PostgreSQL, whatever wraps them (Hibernate, Vert.x). */
public final class DbErrors {

    private DbErrors() {
    }

    public static boolean violates(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && constraint.equals(pg.getConstraint())) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains(constraint)) {
                return true;
            }
        }
        return false;
    }
}
