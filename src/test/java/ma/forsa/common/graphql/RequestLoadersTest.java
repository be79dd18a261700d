package ma.forsa.common.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.graphql.schema.model.Schema;
import ma.forsa.support.GraphQL;
import ma.forsa.support.SqlFixtures;
import ma.forsa.support.Tokens;

/**
 * Each request makes the DataLoaders of the batched fields it selects, when first asked, and dispatches only those
 * ({@link RequestLoaders}); SmallRye prepares none per request. That batched fields still batch (fixed statement counts)
 * is {@code BatchingTest}'s.
 */
@QuarkusTest
class RequestLoadersTest {

    @Inject
    Schema model;

    @Test
    void smallRyePreparesNoLoaderAndBatchedFieldsStillResolve() {
        UUID association = SqlFixtures.association("MAR");
        UUID center = SqlFixtures.center(association, "MAR");
        UUID agreement = SqlFixtures.agreement("MS", association, center);
        JsonPath answer = GraphQL.ok(Tokens.admin(), "{ agreement(id: \"" + agreement + "\") { association { id } centers { id } } }");
        assertEquals(association.toString(), answer.getString("data.agreement.association.id"));
        assertEquals(List.of(center.toString()), answer.getList("data.agreement.centers.id"));
        assertTrue(RequestLoaders.active(), "the batched operations were taken over");
        assertEquals(List.of(), model.getBatchOperations(), "SmallRye would build a loader per batched field per request");
    }

    @Test
    void aLoaderIsMadeOnceWhenFirstAskedForAndOnlyMadeLoadersAreDispatched() {
        AtomicInteger made = new AtomicInteger();
        AtomicInteger batches = new AtomicInteger();
        RequestLoaders loaders = new RequestLoaders(name -> {
            made.incrementAndGet();
            return DataLoaderFactory.newDataLoader(keys -> {
                batches.incrementAndGet();
                return CompletableFuture.completedFuture(keys.stream().map(k -> name + ":" + k).toList());
            });
        });
        assertEquals(0, loaders.getDataLoaders().size());
        DataLoader<Object, Object> centres = loaders.getDataLoader("centres");
        assertSame(centres, loaders.getDataLoader("centres"));
        assertEquals(1, made.get());
        assertEquals("centres", centres.getName());
        CompletableFuture<Object> a = centres.load("a");
        CompletableFuture<Object> b = centres.load("b");
        assertEquals(1, loaders.getDataLoaders().size());
        loaders.dispatchAll();
        assertEquals("centres:a", a.join());
        assertEquals("centres:b", b.join());
        assertEquals(1, batches.get(), "both keys in one batch");
    }
}
