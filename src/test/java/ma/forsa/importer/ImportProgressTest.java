package ma.forsa.importer;

import static ma.forsa.importer.ImportFiles.csv;
import static ma.forsa.importer.ImportFiles.row;
import static ma.forsa.importer.ImportFiles.upload;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.graphql.client.dynamic.api.DynamicGraphQLClient;
import io.smallrye.graphql.client.vertx.dynamic.VertxDynamicGraphQLClientBuilder;
import io.smallrye.graphql.client.websocket.WebsocketSubprotocol;
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.support.Tokens;

/** The live progress of an import (subscription importProgress) through a real GraphQL client over websocket. */
@QuarkusTest
class ImportProgressTest {

    static final String PROGRESS = "subscription($id: ID!) { importProgress(id: $id) { id rowsDone rowsTotal status finished } }";

    @TestHTTPResource("/graphql")
    URL url;
    @Inject
    AgroalDataSource dataSource;

    DynamicGraphQLClient client(String token) {
        return new VertxDynamicGraphQLClientBuilder().url(url.toString()).subprotocols(WebsocketSubprotocol.GRAPHQL_TRANSPORT_WS)
                .initPayload(Map.of("Authorization", "Bearer " + token)).build();
    }

    @Test
    void anImportsProgressArrivesUpToCompletedAndOnlyForWhoStartedIt() throws Exception {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        UUID association = fx.association("MAR");
        UUID center = fx.center(association, "MAR", 2000);
        String code = (String) fx.query("SELECT code FROM center WHERE id = ?", center).get(0).get("code");
        String staff = Tokens.associationStaff(association);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            rows.add(row(code));
        }
        Response accepted = upload(staff, csv(rows), "liste.csv", "async=true");
        assertEquals(202, accepted.statusCode(), accepted.asString());
        String id = accepted.jsonPath().getString("id");

        List<JsonObject> events = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean completed = new AtomicBoolean();
        try (DynamicGraphQLClient client = client(staff)) {
            client.subscription(PROGRESS, Map.of("id", id)).subscribe().with(r -> {
                if (r.hasError()) {
                    failure.set(new IllegalStateException(r.getErrors().toString()));
                } else {
                    events.add(r.getData().getJsonObject("importProgress"));
                }
            }, failure::set, () -> completed.set(true));
            await("the import to finish").atMost(Duration.ofMinutes(3)).until(() -> completed.get() || failure.get() != null);
        }
        assertEquals(null, failure.get());
        assertFalse(events.isEmpty());
        JsonObject last = events.get(events.size() - 1);
        assertEquals("COMPLETED", last.getString("status"), events::toString);
        assertTrue(last.getBoolean("finished"));
        assertEquals(1200, last.getInt("rowsDone"));
        assertEquals(1200, last.getInt("rowsTotal"));
        int previous = -1;
        for (JsonObject e : events) {
            assertEquals(id, e.getString("id"));
            assertTrue(e.getInt("rowsDone") >= previous, events::toString);
            previous = e.getInt("rowsDone");
        }

        // someone else: NOT_FOUND, as GET /imports/{id}
        AtomicReference<String> refusal = new AtomicReference<>();
        try (DynamicGraphQLClient client = client(Tokens.associationStaff(fx.association("MAR")))) {
            client.subscription(PROGRESS, Map.of("id", id)).subscribe().with(r -> {
                if (r.hasError()) {
                    refusal.set(r.getErrors().get(0).getCode());
                }
            }, f -> refusal.set(String.valueOf(f)), () -> refusal.compareAndSet(null, "completed without error"));
            await("the refusal").atMost(Duration.ofSeconds(20)).until(() -> refusal.get() != null);
        }
        assertNotNull(refusal.get());
        assertEquals("NOT_FOUND", refusal.get());
    }
}
