package ma.forsa.common.graphql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    /** Whether the current field's selection contains {@code field} (a glob such as "edges/node/firstName" works). */
    public boolean wants(String field) {
        DataFetchingEnvironment env = context.unwrap(DataFetchingEnvironment.class);
        return env == null || env.getSelectionSet().contains(field);
    }
}
