package ma.forsa.common.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.context.ThreadContext;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.context.SmallRyeThreadContext;
import io.smallrye.context.impl.ThreadContextProviderPlan;

/**
 * Continuations carry the CDI request context, nothing else (application.properties,
 * {@code mp.context.ThreadContext.unchanged}): each context propagated costs a snapshot per continuation.
 */
@QuarkusTest
class ContextPropagationTest {

    @Inject
    ThreadContext threadContext;

    @Test
    void onlyTheRequestContextIsPropagated() {
        ThreadContextProviderPlan plan = ((SmallRyeThreadContext) threadContext).getPlan();
        assertEquals(Set.of("CDI"), types(plan.propagatedProviders));
        assertEquals(Set.of("MICROPROFILE_GRAPHQL_CONTEXT", "Transaction"), types(plan.unchangedProviders));
        assertEquals(Set.of(), types(plan.clearedProviders));
    }

    private static Set<String> types(Set<org.eclipse.microprofile.context.spi.ThreadContextProvider> providers) {
        return providers.stream().map(p -> p.getThreadContextType()).collect(Collectors.toCollection(TreeSet::new));
    }
}
