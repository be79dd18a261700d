package ma.forsa.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Accounts for refused access. Without a valid identity (no token, bad token, no role): a metric
 * ({@code forsa_access_refused_total{reason}}), never one row per request, so that anonymous traffic cannot
 * fill the audit trail. An authenticated caller refused by the policy: an {@link AccessRefused} event, which
 * the audit trail records as REFUSED (subject, role, action; never a record's content).
 */
@ApplicationScoped
public class AccessRefusals {

    /** An authenticated caller was refused {@code action}. */
    public record AccessRefused(AccessScope scope, Action action) {
    }

    private final MeterRegistry metrics;
    private final Event<AccessRefused> events;

    @Inject
    public AccessRefusals(MeterRegistry metrics, Event<AccessRefused> events) {
        this.metrics = metrics;
        this.events = events;
    }

    void unauthenticated(String reason) {
        metrics.counter("forsa.access.refused", "reason", reason).increment();
    }

    public void forbidden(AccessScope scope, Action action) {
        metrics.counter("forsa.access.refused", "reason", "forbidden").increment();
        events.fireAsync(new AccessRefused(scope, action));
    }
}
