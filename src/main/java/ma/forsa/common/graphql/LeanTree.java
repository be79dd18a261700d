package ma.forsa.common.graphql;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.dataloader.DataLoader;

import graphql.GraphQLError;
import graphql.collect.ImmutableKit;
import graphql.collect.ImmutableMapWithNullValues;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.NonNullableFieldWasNullException;
import graphql.execution.ResultPath;
import graphql.execution.directives.QueryDirectivesImpl;
import graphql.normalized.ExecutableNormalizedField;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.DataFetchingFieldSelectionSetImpl;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.util.FpKit;
import ma.forsa.common.graphql.LeanExecution.Batch;
import ma.forsa.common.graphql.LeanExecution.Plan;
import ma.forsa.common.graphql.LeanExecution.Step;

/**
 * A value completed with the batched fields under it ({@code @Source List<...>}), level by level, by {@link LeanExecution}:
 * a page of 20 learners with their enrollments, each with its centre and outcomes, is 96 batched fields of 58 objects.
 * graphql-java fetches each of them as a field of its own (an environment, parameters, instrumentation, a DataLoader key,
 * a future, the object's fields combined again), which was about 40 % of the service's CPU on that page. Here the whole
 * selection is walked once per level: plain fields are read as {@link LeanExecution} reads them; each batched field of
 * every object of the level becomes a key of its DataLoader (one environment per field of the document and level, the
 * first object's, which is the one SmallRye hands the resolver in any case); the loaders are dispatched; when their
 * values are there, the next level is walked. The resolvers, their batches and their statements are the same as on
 * graphql-java's way.
 * <p>
 * What graphql-java would report is reported alike: a batch that fails gives each of its fields graphql-java's error
 * (the request's exception handler, the field's path) and a null; a null where the type says non-null makes the nearest
 * nullable parent null with graphql-java's {@link NonNullableFieldWasNullError}, and past the value's own field is left
 * to graphql-java. Before any key is loaded, anything unusual (a null in a non-null field, a value a scalar refuses) sends
 * the whole value to graphql-java's own way instead; after, a value that cannot be completed (a scalar that refuses it,
 * an accessor that throws: defects, not data) is an error at its path and a null, in words of its own.
 * {@code LeanExecutionTest} and {@code LeanTreeFaultsTest} compare both ways.
 */
final class LeanTree {

    /** A null where the type says non-null: the nearest nullable parent becomes null. */
    private static final Object BUBBLE = new Object();

    private final LeanExecution execution;
    private final ExecutionContext context;
    private final ExecutionStrategyParameters parameters;
    private final CompletableFuture<Object> done = new CompletableFuture<>();
    private List<Slot> slots = new ArrayList<>();
    private Object root;
    /** Keys loaded: from here a problem is reported as graphql-java would, no longer a reason to step aside. */
    private boolean started;
    /** The innermost null in a non-null field, until a nullable parent takes it. */
    private NonNullableFieldWasNullException bubbled;

    private LeanTree(LeanExecution execution, ExecutionContext context, ExecutionStrategyParameters parameters) {
        this.execution = execution;
        this.context = context;
        this.parameters = parameters;
    }

    /**
     * The completed value of the field of {@code parameters} (a future), or {@link LeanExecution#ASIDE} when graphql-java
     * must complete it.
     */
    static Object complete(LeanExecution execution, ExecutionContext context, ExecutionStrategyParameters parameters,
            GraphQLOutputType type, Plan plan) {
        Object value = context.getValueUnboxer().unbox(parameters.getSource());
        if (value == null || value instanceof CompletionStage<?> || value instanceof DataFetcherResult<?>) {
            return LeanExecution.ASIDE;
        }
        LeanTree tree = new LeanTree(execution, context, parameters);
        Object first = tree.walk(type, value, plan, null, null, parameters.getPath());
        if (first == LeanExecution.ASIDE) { // before any key is loaded a null in a non-null field steps aside too
            return LeanExecution.ASIDE;
        }
        tree.root = first;
        tree.started = true;
        tree.next();
        return tree.done;
    }

    /** Where a list or object of the response sits: its parent's frame, itself, its key there, and whether non-null. */
    private record Frame(Frame parent, Object self, Object key, boolean nonNull) {
    }

    /** A batched field of one object, waiting for its batch. */
    private static final class Slot {
        final Step step;
        final Object source;
        final Frame frame;
        final String key;
        /** The object's path. */
        final ResultPath at;
        CompletableFuture<?> value;

        Slot(Step step, Object source, Frame frame, String key, ResultPath at) {
            this.step = step;
            this.source = source;
            this.frame = frame;
            this.key = key;
            this.at = at;
        }

        ResultPath path() {
            return at.segment(key);
        }
    }

    // ---- one level ----------------------------------------------------------------------------------------------

    /** Loads the keys of the level walked last, dispatches their loaders, and walks their values when all are there. */
    private void next() {
        try {
            List<Slot> level = slots;
            slots = new ArrayList<>();
            if (level.isEmpty()) {
                done.complete(root);
                return;
            }
            Map<Batch, Object> contexts = new IdentityHashMap<>();
            Set<DataLoader<Object, Object>> loaders = new LinkedHashSet<>();
            CompletableFuture<?>[] values = new CompletableFuture<?>[level.size()];
            for (int i = 0; i < values.length; i++) {
                Slot slot = level.get(i);
                Batch batch = slot.step.batch();
                Object keyContext = contexts.computeIfAbsent(batch, b -> keyContext(b, slot));
                if (keyContext instanceof Throwable failed) {
                    slot.value = CompletableFuture.failedFuture(failed);
                } else {
                    DataLoader<Object, Object> loader = context.getDataLoaderRegistry().getDataLoader(batch.fetcher().loader());
                    loaders.add(loader);
                    slot.value = loader.load(slot.source, keyContext);
                }
                values[i] = slot.value;
            }
            loaders.forEach(DataLoader::dispatch);
            CompletableFuture.allOf(values).whenComplete((ignored, failure) -> {
                try {
                    level.forEach(this::fill);
                    if (!done.isDone()) {
                        next();
                    }
                } catch (RuntimeException | Error e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RuntimeException | Error e) {
            done.completeExceptionally(e);
        }
    }

    /** The key context of a batched field for this level (its first object's environment), or the exception that stops it. */
    private Object keyContext(Batch batch, Slot first) {
        try {
            return batch.fetcher().keyContext(environment(batch, first));
        } catch (Exception e) {
            return e;
        }
    }

    /** A batched field's value for its object, walked; its errors reported. */
    private void fill(Slot slot) {
        if (done.isDone()) {
            return;
        }
        Object raw;
        try {
            raw = slot.value.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            raw = failed(slot, e.getCause() == null ? e : e.getCause());
        }
        if (raw instanceof DataFetcherResult<?> result) {
            if (result.hasErrors()) {
                context.addErrors(result.getErrors());
            }
            raw = result.getData();
        }
        Object value = walk(slot.step.type(), raw, slot.step.under(), slot.frame, slot.key, slot.at);
        if (value == BUBBLE) {
            nullify(slot.frame);
        } else {
            ((Map<String, Object>) slot.frame.self).put(slot.key, value);
        }
    }

    /** graphql-java's report of a field whose fetch failed: the handler's errors at the field's path; its value, null. */
    private Object failed(Slot slot, Throwable failure) {
        DataFetchingEnvironment environment = environment(slot.step.batch(), slot);
        List<GraphQLError> errors = execution.exceptionHandler()
                .handleException(DataFetcherExceptionHandlerParameters.newExceptionParameters()
                        .dataFetchingEnvironment(environment).exception(failure).build())
                .join().getErrors();
        context.addErrors(errors);
        return null;
    }

    // ---- the walk -------------------------------------------------------------------------------------------------

    /**
     * {@code raw} completed as {@code type} under {@code plan} (null: a leaf), sitting at {@code key} of {@code parent}'s
     * value; batched fields become slots of the next level. Returns the value, {@link #BUBBLE}, or, before any key is
     * loaded, {@link LeanExecution#ASIDE} for anything graphql-java should answer.
     */
    @SuppressWarnings("unchecked")
    private Object walk(GraphQLOutputType type, Object raw, Plan plan, Frame parent, Object key, ResultPath at) {
        if (raw == LeanExecution.ASIDE) {
            return problem(type, path(at, key));
        }
        Object value = context.getValueUnboxer().unbox(raw);
        if (value == null) {
            return nullAt(type, path(at, key));
        }
        if (value instanceof CompletionStage<?> || value instanceof DataFetcherResult<?>) {
            return problem(type, path(at, key));
        }
        if (plan == null && !(GraphQLTypeUtil.unwrapNonNull(type) instanceof GraphQLList)) {
            Object leaf = execution.leaf(context, type, value);
            return leaf == LeanExecution.ASIDE ? problem(type, path(at, key)) : leaf;
        }
        ResultPath path = path(at, key);
        boolean nonNull = type instanceof GraphQLNonNull;
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (bare instanceof GraphQLList list) {
            if (!FpKit.isIterable(value)) {
                return problem(type, path);
            }
            GraphQLOutputType element = (GraphQLOutputType) list.getWrappedType();
            List<Object> out = new ArrayList<>();
            Frame frame = new Frame(parent, out, key, nonNull);
            int i = 0;
            for (Object item : FpKit.toIterable(value)) {
                Object done = walk(element, item, plan, frame, i, path);
                if (done == LeanExecution.ASIDE) {
                    return done;
                }
                if (done == BUBBLE) {
                    return nullHere(type, path);
                }
                out.add(done);
                i++;
            }
            return out;
        }
        if (!plan.batched()) {
            Object plain = execution.value(context, type, value, plan);
            return plain == LeanExecution.ASIDE ? problem(type, path) : plain;
        }
        Map<String, Object> object = new LinkedHashMap<>(plan.keys().length * 2);
        Frame frame = new Frame(parent, object, key, nonNull);
        for (int i = 0; i < plan.keys().length; i++) {
            Step step = plan.steps()[i];
            String name = plan.keys()[i];
            Object done;
            if (step.batch() != null) {
                slots.add(new Slot(step, value, frame, name, path));
                done = null; // its place in the order of the response, filled at the next level
            } else if (step.reader() == null) {
                done = plan.typeName();
            } else {
                done = walk(step.type(), LeanExecution.read(step.reader(), value), step.under(), frame, name, path);
            }
            if (done == LeanExecution.ASIDE) {
                return done;
            }
            if (done == BUBBLE) {
                return nullHere(type, path);
            }
            object.put(name, done);
        }
        return object;
    }

    /** The path of {@code key} (a name or an index; null: {@code at} itself) under {@code at}. */
    private static ResultPath path(ResultPath at, Object key) {
        return key == null ? at : key instanceof Integer i ? at.segment(i) : at.segment((String) key);
    }

    /** A null at {@code path}: {@link #BUBBLE} where the type says non-null (graphql-java's way before any key is loaded). */
    private Object nullAt(GraphQLOutputType type, ResultPath path) {
        if (!(type instanceof GraphQLNonNull)) {
            return null;
        }
        if (!started) {
            return LeanExecution.ASIDE;
        }
        if (bubbled == null) {
            bubbled = new NonNullableFieldWasNullException(ExecutionStepInfo.newExecutionStepInfo().type(type).path(path).build(),
                    path);
        }
        return BUBBLE;
    }

    /**
     * The value at {@code path} is null because a non-null field of it is: {@link #BUBBLE} again if its own type is
     * non-null, else null here, with graphql-java's error for the innermost field.
     */
    private Object nullHere(GraphQLOutputType type, ResultPath path) {
        if (type instanceof GraphQLNonNull) {
            return nullAt(type, path);
        }
        absorb();
        return null;
    }

    /** The bubbling null stops at a nullable parent: graphql-java's error, none if its field has one already. */
    private void absorb() {
        if (bubbled != null) {
            context.addError(new NonNullableFieldWasNullError(bubbled), bubbled.getPath());
            bubbled = null;
        }
    }

    /**
     * A value that cannot be completed (a scalar that refuses it, an accessor that throws): graphql-java's way before any
     * key is loaded; after, an error at its path and a null.
     */
    private Object problem(GraphQLOutputType type, ResultPath path) {
        if (!started) {
            return LeanExecution.ASIDE;
        }
        context.addError(graphql.GraphqlErrorBuilder.newError().message("The value at %s could not be completed", path)
                .path(path).errorType(graphql.ErrorType.DataFetchingException).build(), path);
        return nullAt(type, path);
    }

    /**
     * The value of {@code frame} is null (a field of it is a non-null field that is null): the nearest nullable parent
     * becomes null, or, past the value's own field, graphql-java takes it from there.
     */
    @SuppressWarnings("unchecked")
    private void nullify(Frame frame) {
        Frame at = frame;
        while (at != null && at.nonNull) {
            at = at.parent;
        }
        if (at == null) {
            NonNullableFieldWasNullException e = bubbled;
            bubbled = null;
            done.completeExceptionally(e);
            return;
        }
        if (at.parent == null) {
            root = null;
        } else if (at.parent.self instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put((String) at.key, null);
        } else {
            ((List<Object>) at.parent.self).set((Integer) at.key, null);
        }
        absorb();
    }

    // ---- the environment of a batched field ------------------------------------------------------------------------

    /** The environment graphql-java would give {@code batch}'s field of {@code slot}'s object. */
    private DataFetchingEnvironment environment(Batch batch, Slot slot) {
        GraphQLOutputType type = batch.definition().getType();
        ResultPath path = slot.path();
        ExecutionStepInfo info = ExecutionStepInfo.newExecutionStepInfo().type(type).fieldDefinition(batch.definition())
                .fieldContainer(batch.parent()).field(batch.field()).path(path).parentInfo(parameters.getExecutionStepInfo())
                .arguments(ImmutableMapWithNullValues::emptyMap).build();
        Supplier<ExecutableNormalizedField> normalized = () -> context.getNormalizedQueryTree().get()
                .getNormalizedField(batch.field(), batch.parent(), path);
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment(context).source(slot.source)
                .localContext(parameters.getLocalContext()).arguments(ImmutableKit.emptyMap()).fieldDefinition(batch.definition())
                .mergedField(batch.field()).fieldType(type).executionStepInfo(info).parentType(batch.parent())
                .selectionSet(DataFetchingFieldSelectionSetImpl.newCollector(context.getGraphQLSchema(), type, normalized))
                .queryDirectives(new QueryDirectivesImpl(batch.field(), context.getGraphQLSchema(), context.getCoercedVariables(),
                        context.getNormalizedVariables(), context.getGraphQLContext(), context.getLocale()))
                .build();
    }
}
