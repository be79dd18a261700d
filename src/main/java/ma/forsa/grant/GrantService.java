package ma.forsa.grant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditChanges;
import ma.forsa.audit.AuditLog;
import ma.forsa.common.ApiException;
import ma.forsa.common.ErrorCode;
import ma.forsa.common.i18n.Messages;
import ma.forsa.security.AccessScope;

/**
 * Break the glass (REQUEST_LEARNER_ACCESS): an ACADEMY_OFFICER states why it needs one learner's identity and gets it
 * for {@code forsa.grants.duration}; the grant is audited (CREATE, the reason by name only) in its transaction, and
 * every read made under it names it (audit/PersonalReadAudit).
 */
@ApplicationScoped
public class GrantService {

    static final String ENTITY = "AccessGrant";

    private final GrantRepository grants;
    private final AuditLog audit;
    private final Duration duration;
    private final Clock clock;

    @Inject
    public GrantService(GrantRepository grants, AuditLog audit, GrantConfig config, Clock clock) {
        this.grants = grants;
        this.audit = audit;
        this.duration = GrantRules.duration(config.duration());
        this.clock = clock;
    }

    @WithTransaction
    public Uni<AccessGrant> request(AccessScope scope, UUID learnerId, String reason) {
        return grants.anonymisedInTx(scope, learnerId).chain(anonymised -> {
            if (anonymised == null) {
                throw ApiException.notFound("learner", learnerId);
            }
            if (anonymised) {
                throw new ApiException(ErrorCode.ANONYMISED, Messages.text(scope.locale(), "learner.anonymised"));
            }
            Instant now = clock.instant();
            AccessGrantEntity e = new AccessGrantEntity();
            e.officerSubject = scope.subject();
            e.academyCode = scope.academyScope();
            e.learnerId = learnerId;
            e.reason = reason;
            e.grantedAt = now;
            e.expiresAt = now.plus(duration);
            e.requestId = scope.requestId();
            AuditChanges changes = AuditChanges.create().field("learnerId", null, learnerId)
                    .field("expiresAt", null, e.expiresAt).personal("reason", null, reason);
            return grants.persistAndFlush(e)
                    .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, e.id, changes.toMap()))
                    .map(v -> new AccessGrant(e.id.toString(), e.officerSubject, e.academyCode, learnerId.toString(), e.reason,
                            GrantRepository.at(e.grantedAt), GrantRepository.at(e.expiresAt), true, 0));
        });
    }
}
