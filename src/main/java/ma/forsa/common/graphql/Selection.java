package ma.forsa.common.graphql;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import graphql.execution.conditional.ConditionalNodes;
import graphql.language.DirectivesContainer;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;

/**
 * What the GraphQL document selects under the field being resolved, so that a resolver computes only what is
 * asked (a connection's totalCount costs a COUNT). Call it synchronously at the start of the resolver.
 */
@ApplicationScoped
public class Selection {

    private final Context context;

    @Inject
    public Selection(Context context) {
        this.context = context;
    }

    /**
     * Whether the current field's selection contains {@code field}: a field name directly under it, or a path such as
     * "edges/node/firstName" (a glob works).
     */
    public boolean wants(String field) {
        DataFetchingEnvironment env = context.unwrap(DataFetchingEnvironment.class);
        if (env == null) {
            return true;
        }
        int slash = field.lastIndexOf('/');
        if (field.indexOf('*') < 0 && field.indexOf('?') < 0 && field.indexOf('[') < 0 && field.indexOf('{') < 0) {
            String[] path = slash < 0 ? new String[0] : field.substring(0, slash).split("/");
            return names(env, path).contains(field.substring(slash + 1));
        }
        return env.getSelectionSet().contains(field);
    }

    /**
     * The names of the fields the document selects under the field being resolved, following {@code path} (field names,
     * e.g. "edges", "node"; none: directly under it): every occurrence of the field, fragments and inline fragments
     * followed, {@code @skip} and {@code @include} honoured. Read from the document itself: graphql-java's selection set
     * ({@code env.getSelectionSet()}) normalises the whole operation to answer the first question (7 % of the CPU of a
     * page of 20 agreements, for "is totalCount selected?").
     */
    public static Set<String> names(DataFetchingEnvironment env, String... path) {
        Set<String> names = new LinkedHashSet<>();
        Walk walk = new Walk(env.getFragmentsByName(), env);
        for (Field field : env.getMergedField().getFields()) {
            walk.collect(field.getSelectionSet(), path, 0, names, 0);
        }
        return names;
    }

    private record Walk(Map<String, FragmentDefinition> fragments, DataFetchingEnvironment env) {
        private static final ConditionalNodes CONDITIONS = new ConditionalNodes();

        /** {@code @skip}/{@code @include} against the request's coerced variables (defaults applied), as graphql-java does. */
        boolean included(DirectivesContainer<?> node) {
            return node.getDirectives().isEmpty()
                    || CONDITIONS.shouldInclude(node, env.getVariables(), env.getGraphQLSchema(), env.getGraphQlContext());
        }

        void collect(SelectionSet set, String[] path, int at, Set<String> names, int depth) {
            if (set == null || depth > 64) {
                return; // a fragment cycle is refused by validation before any resolver runs
            }
            for (graphql.language.Selection<?> selection : set.getSelections()) {
                if (selection instanceof Field field) {
                    if (!included(field)) {
                        continue;
                    }
                    if (at == path.length) {
                        names.add(field.getName());
                    } else if (field.getName().equals(path[at])) {
                        collect(field.getSelectionSet(), path, at + 1, names, depth + 1);
                    }
                } else if (selection instanceof InlineFragment inline) {
                    if (included(inline)) {
                        collect(inline.getSelectionSet(), path, at, names, depth + 1);
                    }
                } else if (selection instanceof FragmentSpread spread && included(spread)) {
                    FragmentDefinition definition = fragments.get(spread.getName());
                    if (definition != null) {
                        collect(definition.getSelectionSet(), path, at, names, depth + 1);
                    }
                }
            }
        }
    }
}
