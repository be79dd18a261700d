package ma.forsa.security;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.cdi.event.AfterExecute;
import io.smallrye.graphql.execution.context.SmallRyeContext;

/**
 * Adds {@code extensions.withheld} to a GraphQL response when resolvers withheld fields. SmallRye
 * GraphQL fires {@code @AfterExecute} once the result is complete and then writes the result
 * together with the extensions added to its {@link SmallRyeContext}.
 */
@ApplicationScoped
public class WithheldExtension {

    public static final String KEY = "withheld";

    private final WithheldFields withheld;

    @Inject
    public WithheldExtension(WithheldFields withheld) {
        this.withheld = withheld;
    }

    void afterExecute(@Observes @AfterExecute Context context) {
        Map<String, Object> value;
        try {
            value = withheld.extension();
        } catch (ContextNotActiveException e) {
            return;
        }
        if (value != null && context instanceof SmallRyeContext smallRye) {
            smallRye.addExtension(KEY, value);
        }
    }
}
