package ma.forsa.common.graphql;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.jboss.logging.Logger;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.dataloader.EmptyDataLoaderRegistryInstance;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.quarkus.arc.Arc;
import io.smallrye.graphql.execution.ExecutionService;
import io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.schema.model.Type;

/**
 * A request's DataLoaders, made when a batched field ({@code @Source List<...>}) first asks for its loader instead of
 * all at the start of every request.
 * <p>
 * SmallRye builds, for every request, one DataLoader per batched field of the whole schema (33 of them) and graphql-java
 * then dispatches every one of them at every level of the result, each dispatch reading the system clock: 10 % of the
 * service's CPU for one learner by id ({@code q5}, which uses no loader at all) and 8 % for a page of learners with
 * their enrollments, centres and outcomes ({@code q2}) in {@code ../shared/bench/postgraphile}'s
 * {@code profile-forsa.sh}. Here SmallRye is left with no batched operation to prepare (its schema model's batch
 * operations are taken over once, when SmallRye builds its {@code GraphQL}), and an instrumentation gives each request
 * a registry that makes a loader the first time a field asks for it, by SmallRye's own method (the same loader, options
 * and cache key as before), and dispatches only those.
 * <p>
 * When any of this cannot be done (another SmallRye version) nothing is taken over and SmallRye's registry stays as it
 * was; {@code RequestLoadersTest} fails then.
 */
final class RequestLoaders extends DataLoaderRegistry {

    private static final Logger LOG = Logger.getLogger(RequestLoaders.class);
    private static volatile Factory factory;

    private final Function<String, DataLoader<?, ?>> make;

    RequestLoaders(Function<String, DataLoader<?, ?>> make) {
        this.make = make;
    }

    /** The loader named {@code key}, made and registered (named, instrumented) the first time it is asked for. */
    @Override
    public <K, V> DataLoader<K, V> getDataLoader(String key) {
        return computeIfAbsent(key, make); // the registry's ConcurrentHashMap: made at most once per request
    }

    /** Whether SmallRye's batched operations are taken over (every request gets a {@link RequestLoaders}). */
    static boolean active() {
        Factory f = factory;
        return f != null && f.loaders.size() > 0;
    }

    /**
     * Called where SmallRye builds its {@code GraphQL} ({@link SchemaHooks#beforeGraphQLBuild}): takes the batched
     * operations over once, and puts in SmallRye's instrumentations again with the step that hands each request its
     * registry.
     */
    static GraphQL.Builder install(GraphQL.Builder builder) {
        try {
            Field field = GraphQL.Builder.class.getDeclaredField("instrumentation");
            field.setAccessible(true);
            Instrumentation existing = (Instrumentation) field.get(builder);
            Factory f = factory();
            if (f == null) {
                return builder;
            }
            // SmallRye's own chain, extended (not a second chain after it: that costs an object per field fetched)
            List<Instrumentation> chain = existing == null ? List.of()
                    : existing instanceof ChainedInstrumentation chained ? chained.getInstrumentations() : List.of(existing);
            return builder.instrumentation(new PerRequest(chain, f));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("DataLoaders left to SmallRye (one per batched field, every request): %s", e.toString());
            return builder;
        }
    }

    /**
     * Made once per application (per schema model): SmallRye builds its GraphQL lazily, and may do so twice when the
     * first requests come together; the second finds the operations already taken over.
     */
    private static synchronized Factory factory() throws ReflectiveOperationException {
        Schema schema = Arc.container().instance(Schema.class).get();
        if (factory == null || factory.schema() != schema) {
            ExecutionService execution = Arc.container().instance(ExecutionService.class).get();
            Method method = ExecutionService.class.getDeclaredMethod("getDataLoaderForOperation", Operation.class);
            method.setAccessible(true);
            MethodHandle loader = MethodHandles.lookup().unreflect(method).bindTo(execution);
            BatchLoaderHelper names = new BatchLoaderHelper();
            Map<String, Operation> operations = new HashMap<>();
            for (Type type : schema.getTypes().values()) {
                type.getBatchOperations().values().forEach(op -> operations.put(names.getName(op), op));
            }
            // from here SmallRye prepares no loader per request (Schema.getBatchOperations() is empty)
            schema.getTypes().values().forEach(type -> type.setBatchOperations(new HashMap<>()));
            factory = new Factory(schema, Map.copyOf(operations), loader);
        }
        return factory;
    }

    private record Factory(Schema schema, Map<String, Operation> loaders, MethodHandle loader) {
        DataLoader<?, ?> make(String name) {
            Operation operation = loaders.get(name);
            if (operation == null) {
                throw new IllegalStateException("no batched field is named " + name);
            }
            try {
                return (DataLoader<?, ?>) loader.invoke(operation);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * SmallRye's instrumentations, and every execution given a registry of its own in place of graphql-java's empty one.
     */
    private static final class PerRequest extends ChainedInstrumentation {
        private final Function<String, DataLoader<?, ?>> make;

        PerRequest(List<Instrumentation> chain, Factory factory) {
            super(chain);
            this.make = factory::make;
        }

        @Override
        public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
                InstrumentationState state) {
            ExecutionInput instrumented = super.instrumentExecutionInput(input, parameters, state);
            if (instrumented.getDataLoaderRegistry() != EmptyDataLoaderRegistryInstance.EMPTY_DATALOADER_REGISTRY) {
                return instrumented; // SmallRye made its own (operations added after the take-over)
            }
            return instrumented.transform(b -> b.dataLoaderRegistry(new RequestLoaders(make)));
        }
    }
}
