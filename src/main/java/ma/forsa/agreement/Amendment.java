package ma.forsa.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.db.DbRow;

/**
 * A signed change to an agreement (GraphQL type). The new* fields are what it changed (null when
 * unchanged), the previous* fields the values it replaced: together they are the history of the terms.
 */
@Type("Amendment")
public record Amendment(@Id @NonNull String id, int seq, @NonNull LocalDate signedOn, @NonNull String summary,
        @Description("The end date this amendment set, or null when it kept the end date.") LocalDate endsOn,
        @Description("The budget this amendment set, or null when unchanged.") BigDecimal budget,
        Integer targetBeneficiaries, Double targetIntegrationRate,
        @Description("The end date before this amendment (set when endsOn is).") LocalDate previousEndsOn,
        BigDecimal previousBudget, Integer previousTargetBeneficiaries, Double previousTargetIntegrationRate,
        @Ignore String agreementId) {

    public static final String COLUMNS = "m.id, m.seq, m.signed_on, m.summary, m.new_ends_on, m.new_budget, "
            + "m.new_target_beneficiaries, m.new_target_integration_rate, m.previous_ends_on, m.previous_budget, "
            + "m.previous_target_beneficiaries, m.previous_target_integration_rate, m.agreement_id";

    public static Amendment from(DbRow r) {
        return new Amendment(r.uuid("id").toString(), r.integer("seq"), r.date("signed_on"), r.string("summary"),
                r.date("new_ends_on"), r.decimal("new_budget"), r.integer("new_target_beneficiaries"),
                r.decimalAsDouble("new_target_integration_rate"), r.date("previous_ends_on"), r.decimal("previous_budget"),
                r.integer("previous_target_beneficiaries"), r.decimalAsDouble("previous_target_integration_rate"),
                r.uuid("agreement_id").toString());
    }
}
