package ma.forsa.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ma.forsa.common.db.Sql;
import ma.forsa.common.paging.PageRequest;

/**
 * An association's page of learners carries its size in the statement's text ({@link PageRequest#limitClause}): with a
 * bound {@code LIMIT $n} PostgreSQL planned it again at every execution (docs/performance.md).
 */
class LearnerPageSqlTest {

    @Test
    void anAssociationsPageWritesItsSizeIntoTheStatement() {
        UUID association = UUID.randomUUID();
        Sql sql = LearnerRepository.associationPage(association, PageRequest.of(20, null), Sql.Fragment.of("l.id"));
        String text = sql.reactive();
        assertEquals(3, text.split(" LIMIT 21\\b", -1).length - 1, text);
        assertFalse(text.matches("(?s).*LIMIT \\$\\d.*"), text);
        assertEquals(List.of(association, association), sql.values());
    }
}
