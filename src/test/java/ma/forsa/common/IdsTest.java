package ma.forsa.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void timeOrderedIdsAreVersion7WithTheirMillisecondFirstAndRandomBitsAfter() {
        long at = 1_764_720_000_123L; // 2025-12-03T00:00:00.123Z
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = Ids.timeOrdered(at);
            assertEquals(7, id.version());
            assertEquals(2, id.variant());
            assertEquals(at, id.getMostSignificantBits() >>> 16, "the first 48 bits are the time in milliseconds");
            assertTrue(seen.add(id), "74 random bits: no repeat within one millisecond");
            assertEquals(id, UUID.fromString(id.toString()));
        }
        // sorted as PostgreSQL sorts uuid values (bytes, unsigned): a later millisecond comes after
        UUID earlier = Ids.timeOrdered(at);
        UUID later = Ids.timeOrdered(at + 1);
        assertTrue(earlier.toString().compareTo(later.toString()) < 0, earlier + " < " + later);
        assertTrue(Ids.timeOrdered(0x0000_FFFF_FFFF_FFFFL).toString().startsWith("ffffffff-ffff-7"));
    }
}
