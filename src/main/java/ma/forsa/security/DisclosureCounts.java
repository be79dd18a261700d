package ma.forsa.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;

/**
 * The counts the disclosure rule compares a centre's figures with, read once for a batch of centres: the centre's
 * enrollments (every status, transfers included) by school year and status. {@code Center.enrollments(filter)},
 * {@code Center.occupancy} and {@code centersByOccupancy} are all queries of this family
 * ({@link Disclosure#ofCentre}), as are the centre's undated statistics.
 */
@ApplicationScoped
public class DisclosureCounts {

    private final Db db;

    @Inject
    public DisclosureCounts(Db db) {
        this.db = db;
    }

    /** For each centre: its enrollments counted by (school year, status); no entry for a centre without any. */
    public Uni<Map<UUID, Map<List<String>, Long>>> centres(AccessScope scope, Collection<UUID> centerIds) {
        if (centerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Sql sql = Sql.select("SELECT e.center_id, e.school_year, e.status, count(*) AS n FROM enrollment e")
                .where("e.center_id = ANY(?)", (Object) centerIds.stream().distinct().toArray(UUID[]::new))
                .where(ScopeSql.enrollments(scope, "e")).then(" GROUP BY e.center_id, e.school_year, e.status");
        return db.list(sql, r -> Map.entry(r.uuid("center_id"), Map.entry(List.of(r.string("school_year"), r.string("status")),
                r.longValue("n")))).map(rows -> {
                    Map<UUID, Map<List<String>, Long>> out = new HashMap<>();
                    rows.forEach(e -> out.computeIfAbsent(e.getKey(), k -> new HashMap<>()).put(e.getValue().getKey(),
                            e.getValue().getValue()));
                    return out;
                });
    }
}
