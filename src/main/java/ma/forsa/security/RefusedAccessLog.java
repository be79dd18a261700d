package ma.forsa.security;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditLog;

/** Audits refused access (bad or missing token, unknown role) without any personal data. */
@ApplicationScoped
public class RefusedAccessLog {

    private static final Logger LOG = Logger.getLogger(RefusedAccessLog.class);
    private final AuditLog auditLog;

    @Inject
    public RefusedAccessLog(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /**
     * An authenticated caller refused an operation its role may not run (e.g. an ACADEMY_OFFICER asking for a
     * subject access export). {@code operation} names the operation, never a record's content.
     */
    public void recordForbidden(AccessScope scope, String operation) {
        auditLog.recordAlone(scope.subject(), scope.role().name(), scope.requestId(), AuditAction.REFUSED, "Access", null,
                Map.of("code", "FORBIDDEN", "reason", "role may not run " + operation))
                .subscribe().with(ok -> {
                }, failure -> LOG.warnf("Could not audit a refused access: %s", failure.getMessage()));
    }

    /** Fire and forget: a refusal must not wait on, nor fail because of, the audit insert. */
    void record(String subject, String requestId, String code, String reason) {
        auditLog.recordAlone(subject, null, requestId, AuditAction.REFUSED, "Access", null, Map.of("code", code, "reason", reason))
                .subscribe().with(ok -> {
                }, failure -> LOG.warnf("Could not audit a refused access: %s", failure.getMessage()));
    }
}
