package ma.forsa.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Applies {@link Policy} to every method annotated with {@link Requires}, before it runs. */
@Requires(Action.READ_REFERENCE)
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class PolicyInterceptor {

    private final CurrentAccess access;
    private final AccessRefusals refusals;

    @Inject
    public PolicyInterceptor(CurrentAccess access, AccessRefusals refusals) {
        this.access = access;
        this.refusals = refusals;
    }

    @AroundInvoke
    Object check(InvocationContext invocation) throws Exception {
        Requires requires = invocation.getMethod().getAnnotation(Requires.class);
        if (requires == null) {
            requires = invocation.getMethod().getDeclaringClass().getAnnotation(Requires.class);
        }
        if (requires.value().isPublic()) {
            return invocation.proceed();
        }
        AccessScope scope = access.require();
        String why = Policy.refusal(scope, requires.value());
        if (why != null) {
            refusals.forbidden(scope, requires.value());
            throw ma.forsa.common.ApiException.forbidden(why);
        }
        return invocation.proceed();
    }
}
