package ma.forsa.consent;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.db.DbRow;

/** One consent recorded for a learner (GraphQL type). */
@Type("Consent")
@Description("A consent given for a learner, for purposes, until it is withdrawn (as a whole).")
public record Consent(@Id @NonNull String id, @Ignore UUID learnerId, @NonNull ConsentGiver givenBy, @NonNull LocalDate givenOn,
        @NonNull List<@NonNull ConsentPurpose> purposes, LocalDate withdrawnOn,
        @Description("Not withdrawn: its purposes are in force.") boolean inForce, int version) {

    /** The columns {@link #from} reads, for {@code SELECT ... FROM consent_record cr}. */
    public static final String COLUMNS = "cr.id, cr.learner_id, cr.given_by, cr.given_on, cr.purposes, cr.withdrawn_on, cr.version";

    public static Consent from(DbRow r) {
        LocalDate withdrawn = r.date("withdrawn_on");
        return new Consent(r.uuid("id").toString(), r.uuid("learner_id"), ConsentGiver.valueOf(r.string("given_by")),
                r.date("given_on"), Arrays.stream(r.strings("purposes")).map(ConsentPurpose::valueOf).toList(), withdrawn,
                withdrawn == null, r.integer("version"));
    }

    static Consent from(ConsentEntity e) {
        return new Consent(e.id.toString(), e.learnerId, ConsentGiver.valueOf(e.givenBy), e.givenOn,
                Arrays.stream(e.purposes).map(ConsentPurpose::valueOf).toList(), e.withdrawnOn, e.withdrawnOn == null, e.version);
    }
}
