package ma.forsa.outcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import ma.forsa.learner.Reads;

/** Follow-ups of enrollments the caller already sees, one statement per batch. */
@ApplicationScoped
public class OutcomeQueries {

    private final Reads reads;

    @Inject
    public OutcomeQueries(Reads reads) {
        this.reads = reads;
    }

    public Uni<Map<UUID, List<Outcome>>> byEnrollments(List<UUID> enrollmentIds) {
        return reads.query("SELECT " + Outcome.COLUMNS + " FROM outcome o WHERE o.enrollment_id = ANY($1) "
                + "ORDER BY o.follow_up_month", Tuple.of(enrollmentIds.stream().distinct().toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<Outcome>> byEnrollment = new HashMap<>();
                    rows.forEach(r -> {
                        Outcome o = Outcome.from(r);
                        byEnrollment.computeIfAbsent(o.enrollmentId(), k -> new ArrayList<>()).add(o);
                    });
                    return byEnrollment;
                });
    }
}
