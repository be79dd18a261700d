package ma.forsa.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgConnectOptions;

/** forsa.db.read.url: host, port and database of a reactive URL; anything else is refused at start-up, without echoing it. */
class ReadUrlTest {

    @Test
    void aReadOnlyServiceUrlGivesHostPortAndDatabase() {
        PgConnectOptions target = DbPools.readTarget(" postgresql://forsa-db-ro:5432/forsa ");
        assertEquals("forsa-db-ro", target.getHost());
        assertEquals(5432, target.getPort());
        assertEquals("forsa", target.getDatabase());
        assertEquals(6543, DbPools.readTarget("postgres://replica.example:6543/forsa").getPort());
    }

    @Test
    void credentialsJdbcUrlsAndMissingDatabasesAreRefused() {
        for (String url : new String[] { "postgresql://forsa:s3cret@forsa-db-ro:5432/forsa", "jdbc:postgresql://forsa-db-ro:5432/forsa",
                "postgresql://forsa-db-ro:5432", "forsa-db-ro", "postgresql://forsa-db-ro:5432/ forsa" }) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> DbPools.readTarget(url), url);
            assertTrue(e.getMessage().startsWith("forsa.db.read.url (FORSA_DB_READ_URL)"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"), "the refusal does not echo the URL");
        }
    }
}
