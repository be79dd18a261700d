package ma.forsa.common.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ma.forsa.common.ApiException;
import ma.forsa.common.ErrorCode;
import ma.forsa.common.db.Sql;

/** Opaque cursors that carry only a row id, the page request and the one keyset pager. Plain JUnit. */
@Tag("unit")
class CursorTest {

    @Test
    void aCursorRoundTripsTheRowIdAndNothingElse() {
        UUID id = UUID.randomUUID();
        String cursor = Cursor.encode(id);
        assertEquals(id, Cursor.decodeUuid(cursor));
        assertEquals(42L, Cursor.decodeLong(Cursor.encode(42L)));
        assertFalse(cursor.contains("=") || cursor.contains("+") || cursor.contains("/"), "URL-safe, no padding: " + cursor);
        assertEquals("c2:" + id, new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "not base64!", "YWJj", "c2:not-a-uuid", "Y3VyOjEyMw" })
    void aCursorTheListDidNotGiveOutIsAValidationErrorOnAfter(String cursor) {
        ApiException e = assertThrows(ApiException.class, () -> Cursor.decodeUuid(cursor));
        assertEquals(ErrorCode.VALIDATION, e.code());
        assertEquals("after", e.details().get("field"));
        assertTrue(e.getMessage().contains("endCursor"), e.getMessage());
    }

    @Test
    void aLongCursorOrANumberCursorForAUuidListIsRefused() {
        String tooLong = Base64.getUrlEncoder().withoutPadding().encodeToString(("c2:" + "1".repeat(41)).getBytes(StandardCharsets.UTF_8));
        assertThrows(ApiException.class, () -> Cursor.decodeLong(tooLong));
        assertThrows(ApiException.class, () -> Cursor.decodeUuid(Cursor.encode(7L)));
        assertThrows(ApiException.class, () -> Cursor.decodeLong(Cursor.encode(UUID.randomUUID())));
    }

    @Test
    void pageRequestsAreBounded() {
        assertEquals(new PageRequest(20, null), PageRequest.of(null, null));
        assertEquals(new PageRequest(0, null), PageRequest.of(0, "  "));
        assertEquals(101, PageRequest.of(100, null).limit());
        for (int bad : new int[] { -1, 101, Integer.MAX_VALUE }) {
            ApiException e = assertThrows(ApiException.class, () -> PageRequest.of(bad, null));
            assertEquals("first", e.details().get("field"));
        }
        ApiException e = assertThrows(ApiException.class, () -> PageRequest.of(10, "x".repeat(201)));
        assertEquals("after", e.details().get("field"));
    }

    @Test
    void theKeysetPagerStartsAfterTheCursorsRowInTheListsOrder() {
        Keyset centers = Keyset.ascending("center", "c", "c.code");
        UUID after = UUID.randomUUID();
        Sql page = centers.page(Sql.select("SELECT c.id FROM center c").where("c.status = ?", "OPEN"),
                PageRequest.of(5, Cursor.encode(after)));
        assertEquals("SELECT c.id FROM center c WHERE (c.status = $1) AND ((c.code, c.id) > (SELECT c.code, c.id FROM center c "
                + "WHERE c.id = $2)) ORDER BY c.code, c.id LIMIT 6", page.reactive());
        assertEquals(List.of("OPEN", after), page.values(), "the page's size is written into the statement, not bound");

        Sql first = Keyset.descending("audit_event", "a", "a.at").page(Sql.select("SELECT a.id FROM audit_event a"),
                PageRequest.of(null, null));
        assertEquals("SELECT a.id FROM audit_event a ORDER BY a.at DESC, a.id DESC LIMIT 21", first.reactive());
    }

    @Test
    void edgesCutThePageAndCarryCursorsOfTheirRows() {
        List<UUID> rows = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Keyset.Page<String> page = Keyset.edges(rows, PageRequest.of(2, null), id -> id, (cursor, id) -> cursor);
        assertEquals(2, page.edges().size());
        assertTrue(page.info().hasNextPage());
        assertEquals(rows.get(1), Cursor.decodeUuid(page.info().endCursor()));
        Keyset.Page<String> last = Keyset.edges(rows, PageRequest.of(5, null), id -> id, (cursor, id) -> cursor);
        assertFalse(last.info().hasNextPage());
        assertEquals(3, last.edges().size());
        assertNull(Keyset.edges(List.<UUID> of(), PageRequest.of(5, null), id -> id, (cursor, id) -> cursor).info().endCursor());
    }
}
