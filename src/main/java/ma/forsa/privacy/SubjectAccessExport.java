package ma.forsa.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditLog;
import ma.forsa.common.ApiException;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.security.AccessScope;

/**
 * Everything Forsa holds about one learner (subject access): the learner row, their enrollments,
 * the outcomes of those enrollments, consents, referrals, the access grants under which officers read
 * the learner's identity, and the audit trail of all of them, read straight from the
 * tables in one statement so the parts are consistent. The export itself is audited (EXPORT) before
 * it is handed out; a failed audit fails the export.
 */
@ApplicationScoped
public class SubjectAccessExport {

    private static final String QUERY = """
            WITH l AS (SELECT * FROM learner WHERE id = ?),
                 e AS (SELECT * FROM enrollment WHERE learner_id = ?),
                 o AS (SELECT o.* FROM outcome o JOIN e ON o.enrollment_id = e.id),
                 c AS (SELECT * FROM consent_record WHERE learner_id = (SELECT id FROM l)),
                 r AS (SELECT * FROM referral WHERE learner_id = (SELECT id FROM l)),
                 g AS (SELECT id, officer_subject, academy_code, reason, granted_at, expires_at FROM access_grant
                       WHERE learner_id = (SELECT id FROM l)),
                 a AS (SELECT id, at, subject, role, action, entity, entity_id, changes, request_id FROM audit_event
                       WHERE (entity = 'Learner' AND entity_id = ?::varchar)
                          OR (entity = 'Enrollment' AND entity_id IN (SELECT id::varchar FROM e))
                          OR (entity = 'Outcome' AND entity_id IN (SELECT id::varchar FROM o))
                          OR (entity = 'Consent' AND entity_id IN (SELECT id::varchar FROM c))
                          OR (entity = 'Referral' AND entity_id IN (SELECT id::varchar FROM r))
                          OR (entity = 'AccessGrant' AND entity_id IN (SELECT id::varchar FROM g)))
            SELECT (SELECT row_to_json(l) FROM l) AS learner,
                   (SELECT coalesce(json_agg(e ORDER BY e.enrolled_on, e.id), '[]') FROM e) AS enrollments,
                   (SELECT coalesce(json_agg(o ORDER BY o.observed_on, o.id), '[]') FROM o) AS outcomes,
                   (SELECT coalesce(json_agg(c ORDER BY c.given_on, c.id), '[]') FROM c) AS consents,
                   (SELECT coalesce(json_agg(r ORDER BY r.proposed_on, r.id), '[]') FROM r) AS referrals,
                   (SELECT coalesce(json_agg(g ORDER BY g.granted_at, g.id), '[]') FROM g) AS access_grants,
                   (SELECT coalesce(json_agg(a ORDER BY a.id), '[]') FROM a) AS audit_trail
            """;

    private final Db db;
    private final AuditLog auditLog;
    private final Clock clock;

    @Inject
    public SubjectAccessExport(Db db, AuditLog auditLog, Clock clock) {
        this.db = db;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    public Uni<JsonObject> export(AccessScope scope, UUID learnerId) {
        return db.execute(Sql.of(QUERY, learnerId, learnerId, learnerId.toString()))
                .map(rows -> rows.iterator().next())
                .flatMap(row -> {
                    if (row.getValue("learner") == null) {
                        return Uni.createFrom().failure(ApiException.notFound("Learner", learnerId));
                    }
                    JsonObject export = toJson(row, learnerId, Instant.now(clock));
                    return auditLog.recordAlone(scope, AuditAction.EXPORT, "Learner", learnerId,
                            Map.of("kind", "SUBJECT_ACCESS",
                                    "enrollments", String.valueOf(export.getJsonArray("enrollments").size()),
                                    "outcomes", String.valueOf(export.getJsonArray("outcomes").size())))
                            .replaceWith(export);
                });
    }

    private static JsonObject toJson(Row row, UUID learnerId, Instant exportedAt) {
        return new JsonObject()
                .put("learnerId", learnerId.toString())
                .put("exportedAt", exportedAt.toString())
                .put("learner", row.getValue("learner"))
                .put("enrollments", array(row.getValue("enrollments")))
                .put("outcomes", array(row.getValue("outcomes")))
                .put("consents", array(row.getValue("consents")))
                .put("referrals", array(row.getValue("referrals")))
                .put("accessGrants", array(row.getValue("access_grants")))
                .put("auditTrail", array(row.getValue("audit_trail")));
    }

    private static JsonArray array(Object value) {
        return value instanceof JsonArray array ? array : new JsonArray();
    }
}
