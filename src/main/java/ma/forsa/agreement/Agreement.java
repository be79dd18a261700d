package ma.forsa.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.mutiny.sqlclient.Row;

/** A partnership agreement between an academy and an association, as read (GraphQL type). */
@Type("Agreement")
public record Agreement(@Id @NonNull String id, @NonNull String reference, @NonNull AgreementKind kind,
        @NonNull AgreementStatus status, @Ignore String academyCode, @Ignore String associationId, LocalDate signedOn,
        @NonNull LocalDate startsOn, @NonNull LocalDate endsOn, @NonNull BigDecimal budget, int targetBeneficiaries,
        Double targetIntegrationRate, String statusReason, int version) {

    /**
     * The status as callers see it: a signed, active or suspended agreement whose end date has
     * passed is EXPIRED, whatever is stored. Filters on status must use this same expression.
     */
    public static final String EFFECTIVE_STATUS = "(CASE WHEN g.status IN ('SIGNED', 'ACTIVE', 'SUSPENDED') "
            + "AND g.ends_on < current_date THEN 'EXPIRED' ELSE g.status END)";

    /** The columns {@link #from(Row)} reads, for {@code SELECT ... FROM agreement g}. */
    public static final String COLUMNS = "g.id, g.reference, g.kind, " + EFFECTIVE_STATUS + " AS status, g.academy_code, "
            + "g.association_id, g.signed_on, g.starts_on, g.ends_on, g.budget, g.target_beneficiaries, "
            + "g.target_integration_rate, g.status_reason, g.version";

    public static Agreement from(Row r) {
        return new Agreement(r.getUUID("id").toString(), r.getString("reference"), AgreementKind.valueOf(r.getString("kind")),
                AgreementStatus.valueOf(r.getString("status")), r.getString("academy_code"),
                r.getUUID("association_id").toString(), r.getLocalDate("signed_on"), r.getLocalDate("starts_on"),
                r.getLocalDate("ends_on"), r.getBigDecimal("budget"), r.getInteger("target_beneficiaries"),
                r.getDouble("target_integration_rate"), r.getString("status_reason"), r.getInteger("version"));
    }

    public UUID uuid() {
        return UUID.fromString(id);
    }
}
