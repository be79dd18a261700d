package ma.forsa.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Role;

/** AuditLog.record joins the caller's transaction: the event commits with the change and rolls back with it. */
@QuarkusTest
class AuditLogTransactionTest {

    @Inject
    AuditLog auditLog;

    @Inject
    Pool pool;

    private static final AccessScope SCOPE = AccessScope.of("tx-tester", Role.ADMIN, null, null, "req-tx-test");

    private Uni<Long> count(String id) {
        return pool.preparedQuery("SELECT count(*) FROM audit_event WHERE entity = 'Probe' AND entity_id = $1")
                .execute(Tuple.of(id)).map(rows -> rows.iterator().next().getLong(0));
    }

    @Test
    @RunOnVertxContext
    void anEventCommitsWithItsTransactionAndRollsBackWithIt(UniAsserter asserter) {
        String committed = UUID.randomUUID().toString();
        String rolledBack = UUID.randomUUID().toString();
        asserter.execute(() -> Panache.withTransaction(() -> auditLog.record(SCOPE, AuditAction.UPDATE, "Probe", committed,
                AuditChanges.create().field("status", "A", "B").personal("firstName", "x", "y").toMap())));
        asserter.execute(() -> Panache.withTransaction(() -> auditLog.record(SCOPE, AuditAction.UPDATE, "Probe", rolledBack, null)
                .chain(() -> Uni.createFrom().failure(new IllegalStateException("the change failed"))))
                .onFailure().recoverWithNull());
        asserter.assertThat(() -> count(committed), n -> assertEquals(1L, n));
        asserter.assertThat(() -> count(rolledBack), n -> assertEquals(0L, n));
        asserter.assertThat(() -> pool.preparedQuery("SELECT changes::text AS c FROM audit_event WHERE entity_id = $1")
                .execute(Tuple.of(committed)).map(rows -> rows.iterator().next().getString("c")),
                c -> assertEquals(true, c.contains("\"firstName\": \"changed\"") && !c.contains("\"y\""), c));
    }
}
