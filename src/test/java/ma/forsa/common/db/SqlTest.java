package ma.forsa.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A statement's text and values, rendered for both doors of {@link Db}, and rendered anew after every change. */
class SqlTest {

    @Test
    void markersAreNumberedInOrderAndValuesFollowThem() {
        Sql.Fragment scope = Sql.Fragment.of("c.association_id = ?", "a").or(Sql.Fragment.of("c.id = ANY(?)", (Object) new String[] {}));
        Sql sql = Sql.select("SELECT c.id FROM center c JOIN x ON x.k = ?", 7).where(scope).where(Sql.Fragment.TRUE)
                .where("c.status = ?", (Object) null).then(" ORDER BY c.code LIMIT ?", 21);
        assertEquals("SELECT c.id FROM center c JOIN x ON x.k = $1 WHERE ((c.association_id = $2) OR (c.id = ANY($3)))"
                + " AND (c.status = $4) ORDER BY c.code LIMIT $5", sql.reactive());
        assertEquals("SELECT c.id FROM center c JOIN x ON x.k = ?1 WHERE ((c.association_id = ?2) OR (c.id = ANY(?3)))"
                + " AND (c.status = ?4) ORDER BY c.code LIMIT ?5", sql.nativeQuery());
        assertEquals(5, sql.values().size());
        assertEquals(Arrays.asList(7, "a"), sql.values().subList(0, 2));
        assertEquals(Arrays.asList(null, 21), sql.values().subList(3, 5));
    }

    @Test
    void aChangeAfterRenderingIsRendered() {
        Sql sql = Sql.select("SELECT 1 FROM t");
        assertEquals("SELECT 1 FROM t", sql.reactive());
        Sql count = sql.copy().then(" LIMIT ?", 1);
        sql.where("a = ?", 1);
        assertEquals("SELECT 1 FROM t WHERE (a = $1)", sql.reactive());
        assertEquals(List.of(1), sql.values());
        sql.plusFragment(Sql.Fragment.of(" JOIN u ON u.b = ?", 2));
        assertEquals("SELECT 1 FROM t JOIN u ON u.b = $1 WHERE (a = $2)", sql.reactive());
        assertEquals(List.of(2, 1), sql.values());
        sql.then(" LIMIT ?", 3);
        assertEquals("SELECT 1 FROM t JOIN u ON u.b = $1 WHERE (a = $2) LIMIT $3", sql.reactive());
        assertEquals("SELECT 1 FROM t LIMIT $1", count.reactive());
    }

    @Test
    void textWhoseMarkersDoNotMatchItsValuesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sql.Fragment.of("a = ? AND b = ?", 1));
        assertThrows(IllegalArgumentException.class, () -> Sql.select("SELECT 1").where("a = 1", 1));
        assertThrows(IllegalArgumentException.class, () -> Sql.select("SELECT 1").then(" LIMIT ?"));
    }
}
