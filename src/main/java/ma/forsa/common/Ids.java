package ma.forsa.common;

import java.security.SecureRandom;
import java.util.UUID;

/** Record ids are UUIDs; a malformed id is answered like an unknown one. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /**
     * A new id for rows written by the thousand (the bulk import): a version 7 UUID (RFC 9562), the creation time in
     * milliseconds then 74 random bits. Rows created together sit together in every index on their id and on the
     * columns that refer to it, instead of one random page of each index per row: at 1,000,000 rows the indexes of
     * random ids no longer fit in memory, and each insert read and dirtied one page per index. The id tells when the
     * row was created, which the row's {@code created_at} and its audit events tell anyway.
     */
    public static UUID timeOrdered(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long lsb = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            lsb |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(msb, lsb);
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
