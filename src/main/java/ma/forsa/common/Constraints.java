package ma.forsa.common;

import java.util.Map;

import io.vertx.pgclient.PgException;

/**
 * Turns a database constraint violation that slipped past the checks (two writers racing for the
 * same reference or code) into the VALIDATION error the checks would have given, never an
 * internal error. Optimistic-lock failures at flush become CONFLICT.
 */
public final class Constraints {

    /** constraint -> the input field at fault; the message is the catalogue's {@code constraint.<name>}. */
    private static final Map<String, String> KNOWN = Map.of(
            "association_registration_number_key", "registrationNumber",
            "agreement_reference_key", "reference",
            "center_code_key", "code",
            "tranche_seq_key", "version",
            "amendment_seq_key", "version");

    private Constraints() {
    }

    public static Throwable translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException) {
                return t;
            }
            if (t instanceof PgException pg && pg.getConstraint() != null && KNOWN.containsKey(pg.getConstraint())) {
                return ApiException.invalid(KNOWN.get(pg.getConstraint()), "constraint." + pg.getConstraint());
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException cv && cv.getConstraintName() != null) {
                for (var e : KNOWN.entrySet()) {
                    if (cv.getConstraintName().contains(e.getKey())) {
                        return ApiException.invalid(e.getValue(), "constraint." + e.getKey());
                    }
                }
            }
            if (t instanceof org.hibernate.StaleStateException || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.dialect.lock.OptimisticEntityLockException) {
                return ApiException.keyed(ErrorCode.CONFLICT, Map.of(), "error.conflict.concurrent");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure;
    }
}
