package ma.forsa.common.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import org.dataloader.BatchLoaderEnvironment;
import org.junit.jupiter.api.Test;

import graphql.schema.DataFetchingEnvironment;
import io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusDataFetcherService;
import io.smallrye.graphql.execution.datafetcher.PlugableBatchableDataFetcher;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;

/** The fetcher of a resolver is made once, whatever the number of requests that ask SmallRye for it. */
class SharedBatchLoadersTest {

    private final AtomicInteger madeByQuarkus = new AtomicInteger();

    /** Stands for Quarkus' service: a new fetcher on every call, as Quarkus does. */
    private final DataFetcherService quarkus = new DataFetcherService() {
        @Override
        public Integer getPriority() {
            return 1;
        }

        @Override
        public PlugableBatchableDataFetcher getUniDataFetcher(Operation operation, Type type) {
            madeByQuarkus.incrementAndGet();
            return new PlugableBatchableDataFetcher<Object, Object>() {
                @Override
                public Object get(DataFetchingEnvironment environment) {
                    return null;
                }

                @Override
                public CompletionStage<List<Object>> load(List<Object> keys, BatchLoaderEnvironment environment) {
                    return null;
                }
            };
        }
    };

    @Test
    void everyRequestGetsTheFetcherMadeForTheFirst() {
        SharedBatchLoaders shared = new SharedBatchLoaders(quarkus);
        Operation centres = new Operation();
        Operation tranches = new Operation();
        Type agreement = new Type();
        PlugableBatchableDataFetcher first = shared.getUniDataFetcher(centres, agreement);
        for (int request = 0; request < 100; request++) {
            assertSame(first, shared.getUniDataFetcher(centres, agreement));
        }
        assertNotSame(first, shared.getUniDataFetcher(tranches, agreement));
        assertEquals(2, madeByQuarkus.get());
    }

    @Test
    void isAskedBeforeQuarkus() {
        assertTrue(new SharedBatchLoaders(quarkus).getPriority() < new QuarkusDataFetcherService().getPriority());
    }
}
