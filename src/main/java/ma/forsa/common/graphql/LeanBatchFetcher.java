package ma.forsa.common.graphql;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;
import io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper;

/**
 * A batched field ({@code @Source List<...>}) fetched for one parent: its key joins the batch of its DataLoader, as
 * SmallRye's {@link BatchDataFetcher} does, without what that fetcher also does for every parent: build the SmallRye
 * context of the field (a clone of the request's, with the field's selection rendered as {@code jakarta.json}: 10 to 12 %
 * of the CPU of a page of 20 learners with their enrollments, centres and outcomes), for its before-fetch event and
 * metrics, which Forsa turns off ({@code quarkus.smallrye-graphql.events.enabled=false}, no metrics). The batch itself
 * builds that context once, from its first parent's environment, before it calls the resolver
 * ({@code AbstractDataFetcher.load}), so resolvers see the same context as before. Put in place of SmallRye's by
 * {@link SchemaHooks}; {@code PlainFieldsTest} checks that batched fields have it.
 */
final class LeanBatchFetcher implements DataFetcher<Object> {

    private final ArgumentHelper arguments;
    private final String loader;

    private LeanBatchFetcher(ArgumentHelper arguments, String loader) {
        this.arguments = arguments;
        this.loader = loader;
    }

    /** SmallRye's fetcher's own argument helper and loader name, or null when they cannot be read (left as it is). */
    static LeanBatchFetcher of(BatchDataFetcher<?> smallrye) {
        try {
            return new LeanBatchFetcher((ArgumentHelper) read(smallrye, "argumentHelper"), (String) read(smallrye, "batchLoaderName"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Object read(Object target, String name) throws ReflectiveOperationException {
        Field field = BatchDataFetcher.class.getDeclaredField(name);
        field.setAccessible(true);
        Object value = field.get(target);
        if (value == null) {
            throw new NoSuchFieldException(name + " is null");
        }
        return value;
    }

    @Override
    public Object get(DataFetchingEnvironment environment) throws Exception {
        return environment.getDataLoader(loader).load(environment.getSource(), keyContext(environment));
    }

    /** The name of the field's DataLoader. */
    String loader() {
        return loader;
    }

    /** What a key of the batch carries for SmallRye's batch loader: the field's arguments and its environment. */
    Map<String, Object> keyContext(DataFetchingEnvironment environment) throws Exception {
        List<Object> values = arguments.getArguments(environment, true);
        Map<String, Object> context = new HashMap<>(4);
        context.put(BatchLoaderHelper.ARGUMENTS, values);
        context.put(BatchLoaderHelper.DATA_FETCHING_ENVIRONMENT, LeanEnvironment.of(environment));
        return context;
    }
}
