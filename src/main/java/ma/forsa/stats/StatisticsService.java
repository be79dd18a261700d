package ma.forsa.stats;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import ma.forsa.common.ApiException;
import ma.forsa.common.db.Db;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Role;

/** Answers the directorate's counts, in the caller's scope, with small cells suppressed for MINISTRY. */
@ApplicationScoped
public class StatisticsService {

    private static final Pattern SCHOOL_YEAR = Pattern.compile("\\d{4}-\\d{4}");

    private final Db db;
    private final AgeBands ageBands;
    private final int threshold;

    @Inject
    public StatisticsService(Db db, AgeBands ageBands, StatsConfig config) {
        this.db = db;
        this.ageBands = ageBands;
        this.threshold = config.suppressionThreshold();
    }

    public Uni<List<StatsRow>> statistics(AccessScope scope, List<StatsDimension> groupBy, StatsFilter filter) {
        List<StatsDimension> dimensions = validate(groupBy, filter == null ? StatsFilter.NONE : filter);
        StatisticsQuery query = new StatisticsQuery(dimensions, filter == null ? StatsFilter.NONE : filter, scope, ageBands);
        return db.analytics().list(query.sql, r -> {
            List<StatsKey> keys = new ArrayList<>(dimensions.size());
            for (int i = 0; i < dimensions.size(); i++) {
                keys.add(new StatsKey(dimensions.get(i), String.valueOf(r.value("k" + i))));
            }
            return StatsRow.of(keys, r.count("enrolled"), r.count("active"), r.count("completed"), r.count("dropped_out"),
                    r.count("integrated"));
        }).map(out -> scope.is(Role.MINISTRY) ? Suppression.apply(out, dimensions.size(), threshold) : out);
    }

    private static List<StatsDimension> validate(List<StatsDimension> groupBy, StatsFilter filter) {
        if (groupBy == null) {
            throw ApiException.validation("groupBy", "groupBy is required: give a list of dimensions (may be empty).");
        }
        LinkedHashSet<StatsDimension> unique = new LinkedHashSet<>(groupBy);
        if (unique.size() != groupBy.size()) {
            throw ApiException.validation("groupBy", "Each dimension may appear only once in groupBy.");
        }
        if (filter.schoolYear() != null) {
            String y = filter.schoolYear();
            if (!SCHOOL_YEAR.matcher(y).matches()
                    || Integer.parseInt(y.substring(5)) != Integer.parseInt(y.substring(0, 4)) + 1) {
                throw ApiException.validation("schoolYear", "A school year is written like 2024-2025 (two consecutive years).");
            }
        }
        if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
            throw ApiException.validation("to", "'to' must not be before 'from'.");
        }
        return List.copyOf(unique);
    }
}
