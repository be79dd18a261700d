package ma.forsa.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.vertx.mutiny.sqlclient.Row;

/** One planned payment of an agreement (GraphQL type). */
@Type("Tranche")
public record Tranche(@Id @NonNull String id, int seq, @NonNull BigDecimal amount, @NonNull LocalDate dueOn, LocalDate paidOn,
        String condition, @NonNull TrancheStatus status, @Ignore String agreementId, int version) {

    public static final String COLUMNS = "t.id, t.seq, t.amount, t.due_on, t.paid_on, t.condition, t.status, t.agreement_id, t.version";

    public static Tranche from(Row r) {
        return new Tranche(r.getUUID("id").toString(), r.getInteger("seq"), r.getBigDecimal("amount"), r.getLocalDate("due_on"),
                r.getLocalDate("paid_on"), r.getString("condition"), TrancheStatus.valueOf(r.getString("status")),
                r.getUUID("agreement_id").toString(), r.getInteger("version"));
    }
}
