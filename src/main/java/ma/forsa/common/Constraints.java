package ma.forsa.common;

import java.util.Map;

import io.vertx.pgclient.PgException;

/**
 * Turns a database constraint violation that slipped past the checks (two writers racing for the
 * same reference or code) into the VALIDATION error the checks would have given, never an
 * internal error. Optimistic-lock failures at flush become CONFLICT.
 */
public final class Constraints {

    private static final Map<String, String[]> KNOWN = Map.of(
            "association_registration_number_key", new String[] { "registrationNumber",
                    "registrationNumber is already used by another association: check the number." },
            "agreement_reference_key", new String[] { "reference", "reference is already used by another agreement: choose another." },
            "center_code_key", new String[] { "code", "code is already used by another centre: choose another." },
            "tranche_seq_key", new String[] { "version", "Another tranche was added at the same time: reload the agreement and retry." },
            "amendment_seq_key", new String[] { "version", "Another amendment was recorded at the same time: reload the agreement and retry." });

    private Constraints() {
    }

    public static Throwable translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException) {
                return t;
            }
            if (t instanceof PgException pg && pg.getConstraint() != null && KNOWN.containsKey(pg.getConstraint())) {
                String[] known = KNOWN.get(pg.getConstraint());
                return ApiException.validation(known[0], known[1]);
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException cv && cv.getConstraintName() != null) {
                for (var e : KNOWN.entrySet()) {
                    if (cv.getConstraintName().contains(e.getKey())) {
                        return ApiException.validation(e.getValue()[0], e.getValue()[1]);
                    }
                }
            }
            if (t instanceof org.hibernate.StaleStateException || t instanceof jakarta.persistence.OptimisticLockException) {
                return new ApiException(ErrorCode.CONFLICT,
                        "The record was changed by someone else while you were saving: reload it and apply your change again.");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure;
    }
}
