package ma.forsa.common.graphql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusDataFetcherService;
import io.smallrye.graphql.execution.datafetcher.PlugableBatchableDataFetcher;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;

/**
 * One fetcher per resolver for the life of the application: Quarkus' own ({@link QuarkusDataFetcherService}), made
 * once and handed out again. A ServiceLoader {@link DataFetcherService} (META-INF/services), asked before Quarkus'
 * (priority 0 against its 1).
 * <p>
 * SmallRye asks for the batch loader of a batched ({@code @Source List}) field each time it makes that field's DataLoader
 * (for every request that selects it: {@link RequestLoaders}; before those, for every batched field of the schema at
 * every request), and Quarkus makes a new fetcher each time — class loading and a reflective method look-up per
 * loader per request, 5 % of the CPU of {@code { me { roles } }} when every request made them all
 * ({@code ../shared/bench/postgraphile}, {@code profile-forsa.sh}). The fetchers hold nothing of a request: their
 * operation, its type and the helpers that read arguments and invoke the method.
 */
public class SharedBatchLoaders implements DataFetcherService {

    private final DataFetcherService quarkus;
    private final Map<Key, PlugableBatchableDataFetcher> made = new ConcurrentHashMap<>();

    public SharedBatchLoaders() {
        this(new QuarkusDataFetcherService());
    }

    SharedBatchLoaders(DataFetcherService quarkus) {
        this.quarkus = quarkus;
    }

    /** The operation and type objects of SmallRye's schema model, by identity (one of each per field, made once). */
    private record Key(Operation operation, Type type, String kind) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.operation == operation && k.type == type && k.kind.equals(kind);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(operation) * 31 + System.identityHashCode(type) + kind.hashCode();
        }
    }

    @Override
    public Integer getPriority() {
        return quarkus.getPriority() - 1; // asked first
    }

    private PlugableBatchableDataFetcher once(String kind, Operation operation, Type type,
            BiFunction<Operation, Type, PlugableBatchableDataFetcher> make) {
        return made.computeIfAbsent(new Key(operation, type, kind), k -> make.apply(operation, type));
    }

    @Override
    public PlugableBatchableDataFetcher getUniDataFetcher(Operation operation, Type type) {
        return once("uni", operation, type, quarkus::getUniDataFetcher);
    }

    @Override
    public PlugableBatchableDataFetcher getCompletionStageDataFetcher(Operation operation, Type type) {
        return once("stage", operation, type, quarkus::getCompletionStageDataFetcher);
    }

    @Override
    public PlugableBatchableDataFetcher getDefaultDataFetcher(Operation operation, Type type) {
        return once("default", operation, type, quarkus::getDefaultDataFetcher);
    }
}
