package ma.forsa.consent;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;

/**
 * The import's "Date du consentement" as consent records, for a batch of learners in one statement: each (learner,
 * date) becomes a guardian's consent for REGISTRATION_AND_FOLLOW_UP on that date, unless the learner already has a
 * consent of that date (so a row sent again, or a date also written to learner.consent_recorded_on, makes no second
 * record). The same SQL function ({@code consent_from_dates}, V170) maps the learner form's consentRecordedOn.
 * <p>
 * Call it in the chunk's transaction, after the chunk's learners are inserted: {@link #record} on a
 * {@link Db.Connection}, or {@link #statement} through any door (the bulk import's {@code WorkerConnection#update}).
 */
public final class ConsentImport {

    private ConsentImport() {
    }

    /** One statement for the batch; learnerIds.get(i) gave consent on givenOn.get(i) (null dates are skipped). */
    public static Sql statement(List<UUID> learnerIds, List<LocalDate> givenOn) {
        if (learnerIds.size() != givenOn.size()) {
            throw new IllegalArgumentException("one consent date per learner id: " + learnerIds.size() + " ids, "
                    + givenOn.size() + " dates");
        }
        return Sql.of("SELECT consent_from_dates(CAST(? AS uuid[]), CAST(? AS date[])) AS n",
                learnerIds.toArray(UUID[]::new), givenOn.toArray(LocalDate[]::new));
    }

    /** Runs {@link #statement} on a set-based job's connection; the consent records made. */
    public static Uni<Integer> record(Db.Connection tx, List<UUID> learnerIds, List<LocalDate> givenOn) {
        if (learnerIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return tx.list(statement(learnerIds, givenOn), r -> r.count("n")).map(rows -> rows.isEmpty() ? 0 : rows.get(0));
    }
}
