package ma.forsa.common;

import java.util.UUID;

/** Record ids are UUIDs; a malformed id is answered like an unknown one. */
public final class Ids {

    private Ids() {
    }

    public static UUID parse(String id, String entity) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.notFound(entity, id);
        }
    }

    /** For ids given inside an input: a malformed one is a VALIDATION error on that field. */
    public static UUID parseInput(String id, String field) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.invalid(field, "input.id", field);
        }
    }
}
