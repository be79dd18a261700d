package ma.forsa.security;

import java.util.Map;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.spi.EventingService;

/**
 * Adds {@code extensions.withheld} to a GraphQL response when resolvers withheld fields. A ServiceLoader
 * {@link EventingService} (META-INF/services), always on: SmallRye calls {@link #afterExecute} once the result is
 * complete and then writes the result together with the extensions added to its {@link SmallRyeContext}. (Not a CDI
 * observer: CDI execution events would make SmallRye fire events around every field of every request.)
 */
public class WithheldExtension implements EventingService {

    public static final String KEY = "withheld";

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public void afterExecute(Context context) {
        ManagedContext request = Arc.container().requestContext();
        if (!request.isActive() || !(context instanceof SmallRyeContext smallRye)) {
            return; // the client went away: nothing to answer
        }
        Map<String, Object> value = Arc.container().instance(WithheldFields.class).get().extension();
        if (value != null) {
            smallRye.addExtension(KEY, value);
        }
    }
}
