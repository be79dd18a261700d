package ma.forsa.outcome;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.db.DbRow;

/** What became of a learner after the centre, at one follow-up month (GraphQL type). */
@Type("Outcome")
public record Outcome(@Id @NonNull String id, @Ignore UUID enrollmentId, @NonNull OutcomeKind kind,
        @NonNull LocalDate observedOn, int followUpMonth, String organization, boolean verified) {

    /** By id alone (records that are equal have the same id): a batch's key is hashed several times per request. */
    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(id);
    }

    /** The columns {@link #from(Row)} reads, for {@code SELECT ... FROM outcome o}. */
    public static final String COLUMNS = "o.id, o.enrollment_id, o.kind, o.observed_on, o.follow_up_month, o.organization, "
            + "o.verified";

    public static Outcome from(DbRow r) {
        return new Outcome(r.uuid("id").toString(), r.uuid("enrollment_id"), OutcomeKind.valueOf(r.string("kind")),
                r.date("observed_on"), r.integer("follow_up_month"), r.string("organization"), r.flag("verified"));
    }

    static Outcome from(OutcomeEntity e) {
        return new Outcome(e.id.toString(), e.enrollmentId, OutcomeKind.valueOf(e.kind), e.observedOn, e.followUpMonth,
                e.organization, e.verified);
    }
}
