package ma.forsa.common.graphql;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.graphql.client.GraphQLClientException;
import io.smallrye.graphql.client.Response;
import io.smallrye.graphql.client.dynamic.api.DynamicGraphQLClient;
import io.smallrye.graphql.client.vertx.dynamic.VertxDynamicGraphQLClientBuilder;
import io.smallrye.graphql.client.websocket.WebsocketSubprotocol;
import io.smallrye.mutiny.subscription.Cancellable;
import ma.forsa.common.db.Notifications;
import ma.forsa.support.DirectSql;
import ma.forsa.support.SqlFixtures;
import ma.forsa.support.Tokens;

/**
 * Subscriptions over websocket (graphql-transport-ws) driven by a real GraphQL client (SmallRye's dynamic client): the
 * enrollment changes of a centre in scope arrive, those of other centres do not, a centre out of scope is NOT_FOUND, the
 * token is checked at connection and ends the subscription when it expires, and the limits apply.
 */
@QuarkusTest
class SubscriptionTest {

    static final String CHANGES = "subscription($c: ID!) { enrollmentChanges(centerId: $c) { id centerId learnerId status kind "
            + "occurredAt } }";
    static final String CHANNEL = "forsa_enrollment";

    @TestHTTPResource("/graphql")
    URL url;
    @Inject
    Notifications notifications;
    @Inject
    GraphQLSockets sockets;

    /** A client over websocket; the token in connection_init's payload (initPayload) or in the upgrade's header. */
    DynamicGraphQLClient client(String initToken, String headerToken) {
        VertxDynamicGraphQLClientBuilder b = new VertxDynamicGraphQLClientBuilder();
        b.url(url.toString()).subprotocols(WebsocketSubprotocol.GRAPHQL_TRANSPORT_WS);
        if (initToken != null) {
            b.initPayload(Map.of("Authorization", "Bearer " + initToken));
        }
        if (headerToken != null) {
            b.header("Authorization", "Bearer " + headerToken);
        }
        return b.build();
    }

    /** What one subscription received. */
    static final class Received {
        final List<JsonObject> items = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicBoolean completed = new AtomicBoolean();
        Cancellable cancellable;

        boolean ended() {
            return failure.get() != null || completed.get();
        }
    }

    static Received follow(DynamicGraphQLClient client, String document, Map<String, Object> variables) {
        Received r = new Received();
        r.cancellable = client.subscription(document, variables).subscribe().with(response -> {
            if (response.hasError()) {
                r.failure.set(new GraphQLClientException("errors", response.getErrors()));
            } else {
                r.items.add(response.getData());
            }
        }, r.failure::set, () -> r.completed.set(true));
        return r;
    }

    static String code(Received r) {
        Throwable failure = r.failure.get();
        assertNotNull(failure, () -> "no error; received " + r.items + (r.completed.get() ? ", completed" : ""));
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GraphQLClientException e && !e.getErrors().isEmpty() && e.getErrors().get(0).getCode() != null) {
                return e.getErrors().get(0).getCode();
            }
        }
        return String.valueOf(failure);
    }

    record Fixture(UUID association, UUID center, UUID learner, UUID enrollment) {
    }

    static Fixture fixture() {
        UUID association = SqlFixtures.association("MAR");
        UUID center = SqlFixtures.center(association, "MAR");
        UUID learner = SqlFixtures.learner("Sub" + SqlFixtures.suffix().substring(0, 5), "FEMALE", "MAR", LocalDate.of(2010, 3, 1),
                LocalDate.of(2025, 9, 1));
        UUID enrollment = SqlFixtures.enrollment(learner, center, "ENROLLED", LocalDate.of(2025, 9, 15), null);
        return new Fixture(association, center, learner, enrollment);
    }

    void awaitListening(int before) {
        await("the subscription to listen").atMost(Duration.ofSeconds(20)).until(() -> notifications.listeners(CHANNEL) > before);
    }

    @Test
    void aCentreInScopeSendsItsEnrollmentChangesAndNoOtherCentres() throws Exception {
        Fixture in = fixture();
        Fixture other = fixture();
        int before = notifications.listeners(CHANNEL);
        try (DynamicGraphQLClient client = client(Tokens.associationStaff(in.association()), null)) {
            Received r = follow(client, CHANGES, Map.of("c", in.center().toString()));
            awaitListening(before);
            // another centre's change first: changes arrive in commit order, so once ours is in, theirs would be too
            DirectSql.update("UPDATE enrollment SET status = 'ACTIVE' WHERE id = ?", other.enrollment());
            DirectSql.update("UPDATE enrollment SET status = 'ACTIVE' WHERE id = ?", in.enrollment());
            await("the change").atMost(Duration.ofSeconds(20)).until(() -> !r.items.isEmpty() || r.ended());
            assertEquals(null, r.failure.get());
            assertEquals(1, r.items.size(), r.items::toString);
            JsonObject change = r.items.get(0).getJsonObject("enrollmentChanges");
            assertEquals(in.enrollment().toString(), change.getString("id"));
            assertEquals(in.center().toString(), change.getString("centerId"));
            assertEquals(in.learner().toString(), change.getString("learnerId"));
            assertEquals("ACTIVE", change.getString("status"));
            assertEquals("STATUS_CHANGED", change.getString("kind"));
            assertTrue(change.getString("occurredAt").endsWith("Z"), change::toString);

            // a new enrollment and an exit, from any writer (here plain SQL: the trigger announces them all)
            UUID learner2 = SqlFixtures.learner("Sub" + SqlFixtures.suffix().substring(0, 5), "MALE", "MAR", LocalDate.of(2009, 1, 1),
                    LocalDate.of(2025, 9, 1));
            UUID enrollment2 = SqlFixtures.enrollment(learner2, in.center(), "ENROLLED", LocalDate.of(2025, 9, 20), null);
            DirectSql.update("UPDATE enrollment SET status = 'DROPPED_OUT', exited_on = DATE '2025-12-01' WHERE id = ?",
                    in.enrollment());
            await("two more changes").atMost(Duration.ofSeconds(20)).until(() -> r.items.size() >= 3 || r.ended());
            assertEquals(List.of("ENROLLED", "EXITED"), r.items.subList(1, 3).stream()
                    .map(o -> o.getJsonObject("enrollmentChanges").getString("kind")).toList());
            assertEquals(enrollment2.toString(), r.items.get(1).getJsonObject("enrollmentChanges").getString("id"));
            r.cancellable.cancel();
        }
    }

    @Test
    void aRolledBackChangeIsNeverAnnounced() throws Exception {
        Fixture in = fixture();
        int before = notifications.listeners(CHANNEL);
        try (DynamicGraphQLClient client = client(null, Tokens.associationStaff(in.association()))) {
            Received r = follow(client, CHANGES, Map.of("c", in.center().toString()));
            awaitListening(before);
            try (var c = DirectSql.connect()) {
                c.setAutoCommit(false);
                try (var s = c.prepareStatement("UPDATE enrollment SET status = 'ACTIVE' WHERE id = ?")) {
                    s.setObject(1, in.enrollment());
                    s.executeUpdate();
                }
                c.rollback();
            }
            DirectSql.update("UPDATE enrollment SET status = 'DROPPED_OUT', exited_on = DATE '2025-12-01' WHERE id = ?",
                    in.enrollment());
            await("the committed change").atMost(Duration.ofSeconds(20)).until(() -> !r.items.isEmpty() || r.ended());
            assertEquals(1, r.items.size(), r.items::toString);
            assertEquals("EXITED", r.items.get(0).getJsonObject("enrollmentChanges").getString("kind"));
        }
    }

    @Test
    void aCentreOutOfScopeIsNotFoundAndMinistryIsForbidden() throws Exception {
        Fixture mine = fixture();
        Fixture theirs = fixture();
        try (DynamicGraphQLClient client = client(Tokens.associationStaff(mine.association()), null)) {
            Received r = follow(client, CHANGES, Map.of("c", theirs.center().toString()));
            await("the refusal").atMost(Duration.ofSeconds(20)).until(r::ended);
            assertEquals("NOT_FOUND", code(r));
            Received unknown = follow(client, CHANGES, Map.of("c", UUID.randomUUID().toString()));
            await("the refusal").atMost(Duration.ofSeconds(20)).until(unknown::ended);
            assertEquals("NOT_FOUND", code(unknown));
        }
        try (DynamicGraphQLClient client = client(Tokens.ministry(), null)) {
            Received r = follow(client, CHANGES, Map.of("c", mine.center().toString()));
            await("the refusal").atMost(Duration.ofSeconds(20)).until(r::ended);
            assertEquals("FORBIDDEN", code(r));
        }
    }

    @Test
    void withoutAValidTokenTheConnectionIsRefused() throws Exception {
        Fixture in = fixture();
        for (DynamicGraphQLClient client : List.of(client(null, null), client("not-a-jwt", null), client(null, "not-a-jwt"),
                client(Tokens.builder("ADMIN").expiresIn(Duration.ofSeconds(-120)).sign(Tokens.key()), null))) {
            try (client) {
                Received r = follow(client, CHANGES, Map.of("c", in.center().toString()));
                await("the refusal").atMost(Duration.ofSeconds(20)).until(r::ended);
                assertTrue(r.items.isEmpty());
                assertNotNull(r.failure.get(), "refused");
                String refusal = String.valueOf(r.failure.get());
                assertTrue(refusal.contains("4401") || refusal.contains("UNAUTHENTICATED") || refusal.contains("401"), refusal);
            }
        }
    }

    @Test
    void aTokenThatExpiresEndsTheSubscription() throws Exception {
        Fixture in = fixture();
        String shortLived = Tokens.builder("ASSOCIATION_STAFF").claim("association", in.association().toString())
                .expiresIn(Duration.ofSeconds(4)).sign(Tokens.key());
        int before = notifications.listeners(CHANNEL);
        try (DynamicGraphQLClient client = client(shortLived, null)) {
            Received r = follow(client, CHANGES, Map.of("c", in.center().toString()));
            awaitListening(before);
            await("the end at expiry").atMost(Duration.ofSeconds(30)).until(r::ended);
            assertEquals("UNAUTHENTICATED", code(r));
            await("the listener to go").atMost(Duration.ofSeconds(20)).until(() -> notifications.listeners(CHANNEL) == before);
        }
    }

    @Test
    void limitsApplyToSubscriptions() throws Exception {
        Fixture in = fixture();
        String token = Tokens.associationStaff(in.association());
        try (DynamicGraphQLClient client = client(token, null)) {
            // cost limits: more root fields than forsa.graphql.max-root-fields (25)
            StringBuilder wide = new StringBuilder("subscription($c: ID!) {");
            for (int i = 0; i < 26; i++) {
                wide.append(" a").append(i).append(": enrollmentChanges(centerId: $c) { id }");
            }
            Received tooWide = follow(client, wide.append(" }").toString(), Map.of("c", in.center().toString()));
            await("the refusal").atMost(Duration.ofSeconds(20)).until(tooWide::ended);
            assertEquals("QUERY_TOO_COMPLEX", code(tooWide));

            // queries go through POST
            Received query = follow(client, "{ __typename }", Map.of());
            await("the refusal").atMost(Duration.ofSeconds(20)).until(query::ended);
            assertEquals("BAD_REQUEST", code(query));

            // at most 10 at once on one connection
            int before = sockets.running();
            List<Received> running = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                running.add(follow(client, CHANGES, Map.of("c", in.center().toString())));
            }
            await("ten running").atMost(Duration.ofSeconds(20)).until(() -> sockets.running() >= before + 10);
            Received eleventh = follow(client, CHANGES, Map.of("c", in.center().toString()));
            await("the refusal").atMost(Duration.ofSeconds(20)).until(eleventh::ended);
            assertEquals("TOO_MANY_SUBSCRIPTIONS", code(eleventh));
            assertTrue(running.stream().noneMatch(Received::ended));
            running.forEach(r -> r.cancellable.cancel());
            await("their places back").atMost(Duration.ofSeconds(20)).until(() -> sockets.running() == before);
        }
    }
}
