package ma.forsa.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.common.db.DbRow;

/** One planned payment of an agreement (GraphQL type). */
@Type("Tranche")
public record Tranche(@Id @NonNull String id, int seq, @NonNull BigDecimal amount, @NonNull LocalDate dueOn, LocalDate paidOn,
        String condition, @NonNull TrancheStatus status, @Ignore String agreementId, int version) {

    public static final String COLUMNS = "t.id, t.seq, t.amount, t.due_on, t.paid_on, t.condition, t.status, t.agreement_id, t.version";

    public static Tranche from(DbRow r) {
        return new Tranche(r.uuid("id").toString(), r.integer("seq"), r.decimal("amount"), r.date("due_on"),
                r.date("paid_on"), r.string("condition"), TrancheStatus.valueOf(r.string("status")),
                r.uuid("agreement_id").toString(), r.integer("version"));
    }
}
