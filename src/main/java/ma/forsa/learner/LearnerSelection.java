package ma.forsa.learner;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

import graphql.execution.CoercedVariables;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import ma.forsa.common.graphql.Selection;

/**
 * Which fields of Learner the GraphQL document selects where the current resolver returns learners
 * (the only reader of the selection set, for {@link LearnerView}). Call it synchronously at the start
 * of the resolver, while SmallRye's current context is the resolver's.
 */
final class LearnerSelection {

    private LearnerSelection() {
    }

    /** A field of type Learner (or [Learner]) resolved once per occurrence: {@code learner(id)}, mutations. */
    static Set<String> ofField(Context context) {
        return Selection.names(environment(context));
    }

    /** A LearnerConnection: the fields under {@code edges/node}. */
    static Set<String> ofConnection(Context context) {
        return Selection.names(environment(context), "edges", "node");
    }

    /**
     * A batched source field such as {@code Enrollment.learner}: SmallRye merges into one batch the
     * occurrences of the field at every path of the document and hands the resolver the environment of
     * the first one only. Every occurrence's selection is therefore taken (their union), so that a
     * personal field selected at any of them is accounted for.
     */
    static Set<String> ofBatchedField(Context context) {
        DataFetchingEnvironment env = environment(context);
        String parentType = env.getExecutionStepInfo().getObjectType().getName();
        String fieldName = env.getField().getName();
        ExecutableNormalizedOperation operation = ExecutableNormalizedOperationFactory.createExecutableNormalizedOperation(
                env.getGraphQLSchema(), env.getOperationDefinition(), env.getFragmentsByName(),
                CoercedVariables.of(env.getVariables()));
        Set<String> names = new LinkedHashSet<>();
        Deque<ExecutableNormalizedField> todo = new ArrayDeque<>(operation.getTopLevelFields());
        while (!todo.isEmpty()) {
            ExecutableNormalizedField field = todo.pop();
            if (field.getName().equals(fieldName) && field.getObjectTypeNames().contains(parentType)) {
                field.getChildren().forEach(child -> names.add(child.getName()));
            }
            todo.addAll(field.getChildren());
        }
        names.addAll(Selection.names(env));
        return names;
    }

    private static DataFetchingEnvironment environment(Context context) {
        DataFetchingEnvironment env = context.unwrap(DataFetchingEnvironment.class);
        if (env == null) {
            throw new IllegalStateException("No GraphQL field is being resolved");
        }
        return env;
    }
}
