package ma.forsa.common.graphql;

import java.lang.reflect.Field;
import java.util.Map;

import org.jboss.logging.Logger;

import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.smallrye.graphql.scalar.GraphQLScalarTypes;
import io.smallrye.graphql.spi.config.Config;
import io.smallrye.graphql.spi.EventingService;

/**
 * Adjusts the schema SmallRye GraphQL builds (a ServiceLoader {@link EventingService}, always on; its constructor runs
 * before the schema is built):
 * <ul>
 * <li>the scalars {@code Date}, {@code DateTime} and {@code BigDecimal} say their wire format, with
 * {@code specifiedByURL} (introspection) where a specification exists, so that code generators can map them;</li>
 * <li>every field is visible through graphql-java's default field visibility: with SmallRye's default setting
 * ({@code field-visibility=default}) SmallRye installs a visibility that blocks the fields matching the regular
 * expression "default", and graphql-java then matches every field of every request against it (3 % of the CPU of
 * a page of 20 agreements). Introspection is turned off in production by {@code forsa.graphql.introspection};</li>
 * <li>batched fields ({@code @Source List<...>}) are fetched by {@link LeanBatchFetcher}, which does not build a
 * per-parent SmallRye context that nothing reads; every other resolver's fetcher is handed a {@link LeanEnvironment}, so
 * that SmallRye does not render the field's whole selection as JSON that nothing reads either;</li>
 * <li>queries are executed by {@link LeanExecution}, which completes plain values (record components) without
 * graphql-java's per-field machinery;</li>
 * <li>each request makes the DataLoaders of the batched fields it selects, when it first needs them
 * ({@link RequestLoaders}), instead of one per batched field of the schema;</li>
 * <li>the directive definitions Forsa never applies ({@code @constraint}, {@code @rolesAllowed}, ...) are left out, and
 * with them the otherwise unused {@code BigInteger} scalar.</li>
 * </ul>
 */
public class SchemaHooks implements EventingService {

    static final String DATE = "A calendar date, ISO-8601 / RFC 3339 full-date: YYYY-MM-DD, e.g. \"2024-10-01\" (no time, no zone; "
            + "dates are Morocco's calendar days). Specified by https://scalars.graphql.org/andimarek/local-date.html";
    static final String DATE_TIME = "An instant, ISO-8601 / RFC 3339 date-time in UTC: YYYY-MM-DDThh:mm:ss[.fraction]Z, e.g. "
            + "\"2024-10-01T08:30:00Z\". Specified by https://scalars.graphql.org/andimarek/date-time.html";
    static final String BIG_DECIMAL = "An exact decimal number, sent as a JSON number (a string of digits is accepted in inputs), "
            + "e.g. 125000.50. Amounts are in Moroccan dirhams (MAD) with at most 2 decimals; do not round-trip them through binary "
            + "floating point (keep the text, or use a decimal number class).";

    static {
        describe("Date", DATE, "https://scalars.graphql.org/andimarek/local-date.html");
        describe("DateTime", DATE_TIME, "https://scalars.graphql.org/andimarek/date-time.html");
        describe("BigDecimal", BIG_DECIMAL, null);
    }

    private static void describe(String name, String description, String url) {
        GraphQLScalarType old = GraphQLScalarTypes.getScalarByName(name);
        if (old == null) {
            return;
        }
        GraphQLScalarType described = old.transform(b -> {
            b.description(description);
            if (url != null) {
                b.specifiedByUrl(url);
            }
        });
        Map<String, GraphQLScalarType> byClass = GraphQLScalarTypes.getScalarMap();
        byClass.replaceAll((className, type) -> type == old || type.getName().equals(name) ? described : type);
        String anyClass = byClass.entrySet().stream().filter(e -> e.getValue() == described).map(Map.Entry::getKey).findFirst()
                .orElse(name);
        GraphQLScalarTypes.registerCustomScalar(name, anyClass, described);
    }

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        if (Config.FIELD_VISIBILITY_DEFAULT.equals(Config.get().getFieldVisibility())) {
            everyFieldVisible(builder);
        }
        leanBatches(builder);
        GraphQLDirective include = graphql.Directives.IncludeDirective;
        GraphQLDirective skip = graphql.Directives.SkipDirective;
        return builder.clearDirectives().additionalDirective(include).additionalDirective(skip);
    }

    /**
     * Queries executed by {@link LeanExecution} (graphql-java's own strategy with a short way for plain values); each
     * request's DataLoaders made when first used ({@link RequestLoaders}).
     */
    @Override
    public graphql.GraphQL.Builder beforeGraphQLBuild(graphql.GraphQL.Builder builder) {
        return RequestLoaders.install(builder.queryExecutionStrategy(new LeanExecution(
                new io.smallrye.graphql.execution.error.ExceptionHandler(), !Config.get().isFederationEnabled())));
    }

    /**
     * Batched fields fetched by {@link LeanBatchFetcher} instead of SmallRye's {@code BatchDataFetcher}; SmallRye's
     * other resolver fetchers (root fields, mutations, subscriptions) handed a {@link LeanEnvironment}.
     */
    @SuppressWarnings("unchecked")
    private static void leanBatches(GraphQLSchema.Builder builder) {
        try {
            GraphQLCodeRegistry registry = registry(builder);
            if (registry == null) {
                return;
            }
            Field map = GraphQLCodeRegistry.class.getDeclaredField("dataFetcherMap");
            map.setAccessible(true);
            Map<graphql.schema.FieldCoordinates, graphql.schema.DataFetcherFactory<?>> factories =
                    (Map<graphql.schema.FieldCoordinates, graphql.schema.DataFetcherFactory<?>>) map.get(registry);
            Map<graphql.schema.FieldCoordinates, graphql.schema.DataFetcher<?>> lean = new java.util.HashMap<>();
            factories.forEach((coordinates, factory) -> {
                graphql.schema.DataFetcher<?> fetcher = factory.get((graphql.schema.GraphQLFieldDefinition) null);
                if (fetcher instanceof io.smallrye.graphql.execution.datafetcher.BatchDataFetcher<?> batch) {
                    LeanBatchFetcher replacement = LeanBatchFetcher.of(batch);
                    if (replacement != null) {
                        lean.put(coordinates, replacement);
                    }
                } else if (fetcher instanceof io.smallrye.graphql.execution.datafetcher.AbstractDataFetcher<?, ?>) {
                    lean.put(coordinates, LeanEnvironment.fetcher(fetcher));
                }
            });
            builder.codeRegistry(registry.transform(b -> lean.forEach(b::dataFetcher)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            Logger.getLogger(SchemaHooks.class).warnf("Batched fields left to SmallRye's fetcher: %s", e.toString());
        }
    }

    /** The builder's code registry (set by SmallRye before this hook; graphql-java has no getter for it). */
    private static GraphQLCodeRegistry registry(GraphQLSchema.Builder builder) throws ReflectiveOperationException {
        Field field = GraphQLSchema.Builder.class.getDeclaredField("codeRegistry");
        field.setAccessible(true);
        return (GraphQLCodeRegistry) field.get(builder);
    }

    /** graphql-java's default field visibility in place of SmallRye's pattern "default". */
    private static void everyFieldVisible(GraphQLSchema.Builder builder) {
        try {
            GraphQLCodeRegistry registry = registry(builder);
            if (registry != null) {
                builder.codeRegistry(registry.transform(
                        b -> b.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY)));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            Logger.getLogger(SchemaHooks.class).warnf("Field visibility left as SmallRye set it: %s", e.toString());
        }
    }
}
