package ma.forsa.common.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.FieldValueInfo;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.execution.ResultNodesInfo;
import graphql.introspection.Introspection;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.util.FpKit;

/**
 * graphql-java's query execution with a short way for plain values (installed by {@link SchemaHooks} for queries).
 * <p>
 * graphql-java completes every field of a response the same way, whatever it is: a step description, a fetching
 * environment, instrumentation callbacks, a lock taken to count the field for the DataLoader dispatch, parameters copied
 * twice, the value checked against its type. For a field that is a record component (a {@link PlainFields} fetcher that
 * needs no fetching environment: no adapter, no map) none of that can change the answer, and such fields are most of a
 * response: the 84 rows of a statistics table are 1,000 of them, a page of 20 agreements 500. So:
 * <ul>
 * <li>a value whose whole selection is plain (every field selected under it, however deep, a plain field without
 * arguments, of a scalar, enum or object type, or {@code __typename}) is completed in one pass: each component read (and
 * transformed as SmallRye would: a date formatted), each scalar and enum serialised by its type, as graphql-java would.
 * The selection is collected once per request for a field of the document, not once per element of a list;</li>
 * <li>a plain scalar or enum field of any other object (an agreement's {@code reference} beside its batched
 * {@code centers}) is read and serialised at once, and counted for the DataLoader dispatch as graphql-java counts it;</li>
 * <li>a root field's value whose selection is plain fields and batched fields without arguments, however deep (a page
 * of learners with their enrollments, centres and outcomes), is completed level by level with its batches by
 * {@link LeanTree}.</li>
 * </ul>
 * Anything else, and anything that would make graphql-java report an error (a null where the type says non-null, a value
 * a scalar refuses, an accessor that throws, a list that is not one), takes graphql-java's own way, which reads the same
 * values again and reports as before: the short way only ever gives the answer graphql-java gives.
 * {@code LeanExecutionTest} compares the two on the API's documents (aliases, fragments, {@code @skip}/{@code @include},
 * {@code __typename}, nulls, enums, dates, decimals, nested lists).
 * <p>
 * Per-field instrumentation is not called for these fields: the instrumentations SmallRye installs (query depth and
 * complexity, the document cache) act on the whole operation. With federation's tracing (field by field), a limit on
 * result nodes or incremental delivery ({@code @defer}) set, every field takes graphql-java's own way.
 */
public final class LeanExecution extends AsyncExecutionStrategy {

    /** What a short way returns when graphql-java's own way must answer instead. */
    static final Object ASIDE = new Object();

    /** Field definition (of the type that first asked) to its plain reading or {@link #NOT_PLAIN}. */
    private final Map<GraphQLFieldDefinition, Known> plain = new ConcurrentHashMap<>();
    private static final Object NOT_PLAIN = new Object();

    /**
     * Values and fields completed by a short way, roughly (a plain field, not an atomic counter: the tests ask whether it
     * grew, since a short way never taken would compare nothing).
     */
    static int shortWays;
    /** Values completed with their batched fields by {@link LeanTree}, roughly (as {@link #shortWays}). */
    static int batchedTrees;
    /** Off: every field takes graphql-java's own way (for the tests' comparison). */
    static volatile boolean off;

    private final boolean enabled;
    /** Per enum type of the schema: its constants' names ({@link #enumName}). */
    private final Map<GraphQLEnumType, Map<Object, Object>> enumNames = new ConcurrentHashMap<>();

    public LeanExecution(DataFetcherExceptionHandler handler, boolean enabled) {
        super(handler);
        this.enabled = enabled;
    }

    /** The request's handler of a field's exception (SmallRye's), for {@link LeanTree}. */
    DataFetcherExceptionHandler exceptionHandler() {
        return dataFetcherExceptionHandler;
    }

    private boolean usable(ExecutionContext context) {
        return enabled && !off && !context.hasIncrementalSupport()
                && context.getGraphQLContext().get(ResultNodesInfo.MAX_RESULT_NODES) == null;
    }

    // ---- a plain scalar or enum field of any object -------------------------------------------------------------

    @Override
    protected Object resolveFieldWithInfo(ExecutionContext context, ExecutionStrategyParameters parameters) {
        if (usable(context) && parameters.getExecutionStepInfo().getUnwrappedNonNullType() instanceof GraphQLObjectType parent) {
            MergedField field = parameters.getField();
            GraphQLFieldDefinition definition = parent.getFieldDefinition(field.getName());
            if (definition != null && field.getArguments().isEmpty()
                    && reading(context, parent, definition) instanceof PlainFields.Plain<?> reader) {
                GraphQLOutputType type = definition.getType();
                GraphQLType named = GraphQLTypeUtil.unwrapNonNull(type);
                if (named instanceof GraphQLScalarType || named instanceof GraphQLEnumType) {
                    Object value = leaf(context, type, read(reader, parameters.getSource()));
                    if (value != ASIDE) {
                        context.getResultNodesInfo().incrementAndGetResultNodesCount();
                        context.getDataLoaderDispatcherStrategy().fieldFetched(context, parameters, reader, value);
                        shortWays++;
                        return new FieldValueInfo(value == null ? FieldValueInfo.CompleteValueType.NULL
                                : named instanceof GraphQLEnumType ? FieldValueInfo.CompleteValueType.ENUM
                                        : FieldValueInfo.CompleteValueType.SCALAR, value);
                    }
                }
            }
        }
        return super.resolveFieldWithInfo(context, parameters);
    }

    // ---- a value whose whole selection is plain -----------------------------------------------------------------

    @Override
    protected FieldValueInfo completeValue(ExecutionContext context, ExecutionStrategyParameters parameters) {
        if (usable(context)) {
            GraphQLOutputType type = parameters.getExecutionStepInfo().getType();
            GraphQLType named = GraphQLTypeUtil.unwrapAll(type);
            if (named instanceof GraphQLObjectType object) {
                Plan plan = planned(context, object, parameters.getField());
                if (plan != null && plan.batched()) {
                    // a root field's value only: below, graphql-java batches a field across all its parents of a level,
                    // and a tree per parent would dispatch a batch per parent
                    Object tree = parameters.getPath().getLevel() == 1 ? LeanTree.complete(this, context, parameters, type, plan)
                            : ASIDE;
                    if (tree != ASIDE) {
                        shortWays++;
                        batchedTrees++;
                        // SCALAR: the batched fields under it are fetched and dispatched by the tree itself
                        return new FieldValueInfo(FieldValueInfo.CompleteValueType.SCALAR, tree);
                    }
                } else if (plan != null) {
                    Object value = value(context, type, parameters.getSource(), plan);
                    if (value != ASIDE) {
                        shortWays++;
                        // SCALAR: nothing under it for the DataLoader dispatch to wait for
                        return value == null ? new FieldValueInfo(FieldValueInfo.CompleteValueType.NULL, null)
                                : value instanceof List<?> ? new FieldValueInfo(FieldValueInfo.CompleteValueType.LIST, value, List.of())
                                        : new FieldValueInfo(FieldValueInfo.CompleteValueType.SCALAR, value);
                    }
                }
            }
        }
        return super.completeValue(context, parameters);
    }

    /**
     * {@link #plan} once per request for a field of the document and a type (the elements of a list, the same list
     * under each of 20 agreements): the selection is collected again only where fragments merge several fields.
     */
    @SuppressWarnings("unchecked")
    private Plan planned(ExecutionContext context, GraphQLObjectType type, MergedField field) {
        if (field.getFields().size() != 1) {
            return plan(context, type, field, 0);
        }
        Map<graphql.language.Field, Object> plans = context.getGraphQLContext().computeIfAbsent(Plans.class,
                k -> new ConcurrentHashMap<>());
        graphql.language.Field key = field.getSingleField();
        Object known = plans.get(key);
        if (known instanceof Plan plan && plan.type == type) {
            return plan;
        }
        if (known == NOT_PLAIN) {
            return null;
        }
        Plan plan = plan(context, type, field, 0);
        if (known == null) {
            plans.put(key, plan == null ? NOT_PLAIN : plan);
        }
        return plan;
    }

    /** The key of the request's plans in its GraphQL context. */
    private interface Plans {
    }

    /** The fields selected under {@code field} on {@code type}, each a plain reading; {@code null} if one is not. */
    private Plan plan(ExecutionContext context, GraphQLObjectType type, MergedField field, int depth) {
        if (depth > 32) {
            return null;
        }
        MergedSelectionSet selection = fieldCollector.collectFields(FieldCollectorParameters.newParameters()
                .schema(context.getGraphQLSchema()).objectType(type).fragments(context.getFragmentsByName())
                .variables(context.getCoercedVariables().toMap()).graphQLContext(context.getGraphQLContext()).build(), field, false);
        List<String> keys = selection.getKeys();
        String[] names = new String[keys.size()];
        Step[] steps = new Step[keys.size()];
        boolean withBatches = false;
        for (int i = 0; i < steps.length; i++) {
            MergedField sub = selection.getSubField(keys.get(i));
            names[i] = keys.get(i);
            if (sub.getName().equals(Introspection.TypeNameMetaFieldDef.getName())) {
                steps[i] = new Step(null, null, null, null);
                continue;
            }
            GraphQLFieldDefinition definition = type.getFieldDefinition(sub.getName());
            if (definition == null || !sub.getArguments().isEmpty() || !definition.getArguments().isEmpty()) {
                return null;
            }
            Object reading = reading(context, type, definition);
            LeanBatchFetcher batch = reading instanceof LeanBatchFetcher b ? b : null;
            if (!(reading instanceof PlainFields.Plain<?>) && batch == null) {
                return null;
            }
            GraphQLType named = GraphQLTypeUtil.unwrapAll(definition.getType());
            Plan under = null;
            if (named instanceof GraphQLObjectType object) {
                under = plan(context, object, sub, depth + 1);
                if (under == null) {
                    return null;
                }
                withBatches |= under.batched;
            } else if (!(named instanceof GraphQLScalarType || named instanceof GraphQLEnumType)) {
                return null; // an interface or a union: graphql-java resolves the type
            }
            withBatches |= batch != null;
            steps[i] = new Step(reading instanceof PlainFields.Plain<?> reader ? reader : null, definition.getType(), under,
                    batch == null ? null : new Batch(batch, definition, sub, type));
        }
        return new Plan(type, type.getName(), names, steps, withBatches);
    }

    /** The completed value of {@code raw} as {@code type}, or {@link #ASIDE}. */
    Object value(ExecutionContext context, GraphQLOutputType type, Object raw, Plan plan) {
        if (raw == ASIDE) {
            return ASIDE;
        }
        Object value = context.getValueUnboxer().unbox(raw);
        if (value == null) {
            return type instanceof GraphQLNonNull ? ASIDE : null;
        }
        if (value instanceof CompletionStage<?> || value instanceof DataFetcherResult<?>) {
            return ASIDE;
        }
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (bare instanceof GraphQLList list) {
            if (!FpKit.isIterable(value)) {
                return ASIDE;
            }
            GraphQLOutputType element = (GraphQLOutputType) list.getWrappedType();
            List<Object> out = new ArrayList<>();
            for (Object item : FpKit.toIterable(value)) {
                context.getResultNodesInfo().incrementAndGetResultNodesCount();
                Object done = value(context, element, item, plan);
                if (done == ASIDE) {
                    return ASIDE;
                }
                out.add(done);
            }
            return out;
        }
        if (plan == null) {
            return leaf(context, type, value);
        }
        Map<String, Object> object = new LinkedHashMap<>(plan.keys.length * 2);
        for (int i = 0; i < plan.keys.length; i++) {
            Step step = plan.steps[i];
            context.getResultNodesInfo().incrementAndGetResultNodesCount();
            Object done = step.reader == null ? plan.typeName
                    : value(context, step.type, read(step.reader, value), step.under);
            if (done == ASIDE) {
                return ASIDE;
            }
            object.put(plan.keys[i], done);
        }
        return object;
    }

    /** A scalar or enum value serialised by its type, or {@link #ASIDE}. */
    Object leaf(ExecutionContext context, GraphQLOutputType type, Object raw) {
        if (raw == ASIDE) {
            return ASIDE;
        }
        Object value = context.getValueUnboxer().unbox(raw);
        Object serialised = null;
        if (value != null) {
            if (value instanceof CompletionStage<?> || value instanceof DataFetcherResult<?>) {
                return ASIDE;
            }
            try {
                GraphQLType named = GraphQLTypeUtil.unwrapNonNull(type);
                serialised = named instanceof GraphQLEnumType e ? enumName(context, e, value)
                        : ((GraphQLScalarType) named).getCoercing().serialize(value, context.getGraphQLContext(), context.getLocale());
            } catch (RuntimeException e) { // a CoercingSerializeException or worse: graphql-java reports it
                return ASIDE;
            }
        }
        return serialised == null && type instanceof GraphQLNonNull ? ASIDE : serialised;
    }

    /**
     * A Java enum constant serialised by its GraphQL enum type, found once per constant: graphql-java looks the value up
     * in the type's list of values every time (2 % of q2's CPU).
     */
    private Object enumName(ExecutionContext context, GraphQLEnumType type, Object value) {
        if (!(value instanceof Enum<?>)) {
            return type.serialize(value, context.getGraphQLContext(), context.getLocale());
        }
        Map<Object, Object> names = enumNames.computeIfAbsent(type, t -> new ConcurrentHashMap<>());
        Object name = names.get(value);
        if (name == null) {
            name = type.serialize(value, context.getGraphQLContext(), context.getLocale());
            if (name != null) {
                names.put(value, name);
            }
        }
        return name;
    }

    static Object read(PlainFields.Plain<?> reader, Object source) {
        if (source == null) {
            return ASIDE;
        }
        try {
            return reader.value(source, null);
        } catch (Exception e) {
            return ASIDE;
        }
    }

    /**
     * The field's fetcher if it is a plain reading that needs no fetching environment or a batched field's
     * ({@code @Source List<...>}, which {@link LeanTree} may fetch), else {@link #NOT_PLAIN}.
     */
    private Object reading(ExecutionContext context, GraphQLObjectType parent, GraphQLFieldDefinition definition) {
        Known known = plain.get(definition);
        if (known != null && known.parent == parent) {
            return known.reading;
        }
        DataFetcher<?> fetcher = context.getGraphQLSchema().getCodeRegistry().getDataFetcher(parent, definition);
        Object reading = fetcher instanceof PlainFields.Plain<?> p && p.environmentFree() ? p
                : fetcher instanceof LeanBatchFetcher b ? b : NOT_PLAIN;
        if (known == null) {
            plain.put(definition, new Known(parent, reading));
        }
        return reading;
    }

    private record Known(GraphQLObjectType parent, Object reading) {
    }

    /**
     * The selection under one field of one object type: its response keys and how each is read; {@code batched} if a
     * field of it, or under it, is a batched field ({@link LeanTree}).
     */
    record Plan(GraphQLObjectType type, String typeName, String[] keys, Step[] steps, boolean batched) {
    }

    /**
     * One selected field: its reading ({@code null}: {@code __typename} or a batched field), its type, the plan under it if
     * an object, its batch if a batched field.
     */
    record Step(PlainFields.Plain<?> reader, GraphQLOutputType type, Plan under, Batch batch) {
    }

    /** A batched field as selected: its fetcher, definition, field of the document and parent type. */
    record Batch(LeanBatchFetcher fetcher, GraphQLFieldDefinition definition, MergedField field, GraphQLObjectType parent) {
    }
}
