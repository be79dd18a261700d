package ma.forsa.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * The action an operation performs (a GraphQL root field or a REST endpoint). {@link PolicyInterceptor} refuses
 * the call before it runs when the caller's role (and association standing) may not run it under
 * {@link Policy}; the security matrix test fails when an operation has no {@code @Requires}.
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Requires {

    @Nonbinding
    Action value();
}
