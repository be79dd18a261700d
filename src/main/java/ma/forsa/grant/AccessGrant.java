package ma.forsa.grant;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.db.DbRow;

/** One time-limited access of an academy officer to one learner's identity (break the glass), as read (GraphQL type). */
@Type("AccessGrant")
@Description("A time-limited access of an ACADEMY_OFFICER to one learner's identity, requested with a reason. Every read "
        + "of the learner's personal fields under it is audited (READ_PERSONAL with changes.grantId).")
public record AccessGrant(@Id @NonNull String id, @NonNull String officer, @NonNull String academyCode,
        @Id @NonNull String learnerId, @Description("Why the officer needs the identity; null once the learner is anonymised.") String reason,
        @NonNull OffsetDateTime grantedAt, @NonNull OffsetDateTime expiresAt,
        @Description("Whether the grant is still in force.") boolean live,
        @Description("Personal reads of the learner made under this grant.") int reads) {

    /** The columns {@link #from} reads, for {@code SELECT ... FROM access_grant g}; {@code ?}: now (live), then none. */
    static final String COLUMNS = "g.id, g.officer_subject, g.academy_code, g.learner_id, g.reason, g.granted_at, g.expires_at, "
            + "g.expires_at > ? AS live, (SELECT count(*) FROM audit_event a WHERE a.action = 'READ_PERSONAL' "
            + "AND a.changes IS NOT NULL AND (a.changes ->> 'grantId') = g.id::varchar) AS reads";

    static AccessGrant from(DbRow r) {
        return new AccessGrant(r.uuid("id").toString(), r.string("officer_subject"), r.string("academy_code"),
                r.uuid("learner_id").toString(), r.string("reason"), r.timestamp("granted_at"), r.timestamp("expires_at"), r.flag("live"),
                r.count("reads"));
    }

    UUID learner() {
        return UUID.fromString(learnerId);
    }

    UUID uuid() {
        return UUID.fromString(id);
    }
}
