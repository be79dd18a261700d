package ma.forsa.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Role;
import ma.forsa.support.DirectSql;

/**
 * The READ_PERSONAL mechanism, called directly (reads through the learner API: learner/PersonalReadsTest).
 */
@QuarkusTest
class PersonalReadAuditTest {

    @Inject
    PersonalReadAudit audit;

    private static AccessScope scope(Role role, String requestId) {
        return AccessScope.of("reader-" + requestId, role, role == Role.ACADEMY_OFFICER ? "MS" : null,
                role == Role.ASSOCIATION_STAFF ? UUID.randomUUID() : null, requestId);
    }

    private static List<Object> recorded(String requestId) {
        return DirectSql.query("SELECT entity_id, subject, role, entity FROM audit_event WHERE action = 'READ_PERSONAL'"
                + " AND request_id = ? ORDER BY entity_id", requestId).stream().map(r -> r.get("entity_id")).toList();
    }

    private void inRequest(Runnable work) {
        ManagedContext context = Arc.container().requestContext();
        context.activate();
        try {
            work.run();
        } finally {
            context.terminate();
        }
    }

    @Test
    void oneEventPerLearnerPerRequestHoweverManyFieldsAreRead() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        String request = "req-" + UUID.randomUUID();
        AccessScope officer = scope(Role.ACADEMY_OFFICER, request);
        inRequest(() -> {
            // e.g. firstName and lastName of a page of learners, then massarCode of one of them
            audit.recordRead(officer, List.of(a, b, a)).await().indefinitely();
            audit.recordRead(officer, List.of(b, a)).await().indefinitely();
            audit.recordRead(officer, List.of(c)).await().indefinitely();
        });
        assertEquals(List.of(a, b, c).stream().map(UUID::toString).sorted().toList(), recorded(request));
        var row = DirectSql.query("SELECT subject, role, entity FROM audit_event WHERE request_id = ? LIMIT 1", request).get(0);
        assertEquals("reader-" + request, row.get("subject"));
        assertEquals("ACADEMY_OFFICER", row.get("role"));
        assertEquals("Learner", row.get("entity"));

        // a later request reading the same learner is accounted for again
        String next = "req-" + UUID.randomUUID();
        inRequest(() -> audit.recordRead(scope(Role.ADMIN, next), List.of(a)).await().indefinitely());
        assertEquals(List.of(a.toString()), recorded(next));
    }

    @Test
    void concurrentResolversOfOneRequestStillRecordEachLearnerOnce() {
        List<UUID> page = java.util.stream.Stream.generate(UUID::randomUUID).limit(20).toList();
        String request = "req-" + UUID.randomUUID();
        AccessScope admin = scope(Role.ADMIN, request);
        inRequest(() -> {
            // as the resolvers of firstName, lastName, massarCode... of one page run concurrently
            List<io.smallrye.mutiny.Uni<Void>> fields = java.util.stream.IntStream.range(0, 8)
                    .mapToObj(i -> audit.recordRead(admin, i % 2 == 0 ? page : page.reversed())).toList();
            io.smallrye.mutiny.Uni.join().all(fields).andFailFast().await().indefinitely();
        });
        assertEquals(page.stream().map(UUID::toString).sorted().toList(), recorded(request));
    }

    @Test
    void aReadThatCannotBeAuditedFails() {
        String request = "req-" + UUID.randomUUID();
        // a subject too long for audit_event.subject makes the insert fail
        AccessScope unrecordable = AccessScope.of("x".repeat(300), Role.ADMIN, null, null, request);
        UUID learner = UUID.randomUUID();
        inRequest(() -> {
            org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> audit.recordRead(unrecordable, List.of(learner)).await().indefinitely());
            // and the learner is not taken as recorded: the next read of this request fails too
            org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> audit.recordRead(unrecordable, List.of(learner)).await().indefinitely());
        });
        assertEquals(List.of(), recorded(request));
    }

    @Test
    void readsByRolesThatAreNotAccountedForWriteNothing() {
        String request = "req-" + UUID.randomUUID();
        inRequest(() -> {
            audit.recordRead(scope(Role.MINISTRY, request), List.of(UUID.randomUUID())).await().indefinitely();
            audit.recordRead(scope(Role.ASSOCIATION_STAFF, request), List.of(UUID.randomUUID())).await().indefinitely();
            audit.recordRead(scope(Role.ADMIN, request), List.of()).await().indefinitely();
        });
        assertEquals(List.of(), recorded(request));
    }
}
