package ma.forsa.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.db.DbRow;
import ma.forsa.common.db.Sql.Fragment;

/** A partnership agreement between an academy and an association, as read (GraphQL type). */
@Type("Agreement")
public record Agreement(@Id @NonNull String id, @NonNull String reference, @NonNull AgreementKind kind,
        @NonNull AgreementStatus status, @Ignore String academyCode, @Ignore String associationId, LocalDate signedOn,
        @NonNull LocalDate startsOn, @NonNull LocalDate endsOn, @NonNull BigDecimal budget, int targetBeneficiaries,
        Double targetIntegrationRate, String statusReason, int version) {

    /** By id alone (records that are equal have the same id): a batch's key is hashed several times per request. */
    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(id);
    }

    /**
     * The status as callers see it on {@code today}: a signed, active or suspended agreement whose end date has
     * passed is EXPIRED, whatever is stored. Filters on status use this same expression.
     */
    public static Fragment effectiveStatus(LocalDate today) {
        return Fragment.of("(CASE WHEN g.status IN ('SIGNED', 'ACTIVE', 'SUSPENDED') AND g.ends_on < ? THEN 'EXPIRED' "
                + "ELSE g.status END)", today);
    }

    /** The columns {@link #from} reads, for {@code SELECT ... FROM agreement g}. */
    public static Fragment columns(LocalDate today) {
        return Fragment.of("g.id, g.reference, g.kind, ").plus(effectiveStatus(today)).plus(" AS status, g.academy_code, "
                + "g.association_id, g.signed_on, g.starts_on, g.ends_on, g.budget, g.target_beneficiaries, "
                + "g.target_integration_rate, g.status_reason, g.version");
    }

    public static Agreement from(DbRow r) {
        return new Agreement(r.uuid("id").toString(), r.string("reference"), AgreementKind.valueOf(r.string("kind")),
                AgreementStatus.valueOf(r.string("status")), r.string("academy_code"), r.uuid("association_id").toString(),
                r.date("signed_on"), r.date("starts_on"), r.date("ends_on"), r.decimal("budget"),
                r.integer("target_beneficiaries"), r.decimalAsDouble("target_integration_rate"), r.string("status_reason"),
                r.integer("version"));
    }

    public UUID uuid() {
        return UUID.fromString(id);
    }
}
