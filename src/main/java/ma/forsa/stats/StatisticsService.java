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
import ma.forsa.common.i18n.Messages;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Breakdown;
import ma.forsa.security.Disclosure;
import ma.forsa.security.Tally;

/**
 * Answers the directorate's counts, in the caller's scope. MINISTRY's answers go through the disclosure rule
 * (security/Disclosure): whole-month date filters, and each figure checked against every nested query
 * (security/{@link Breakdown}) and against the table's totals.
 */
@ApplicationScoped
public class StatisticsService {

    private static final Pattern SCHOOL_YEAR = Pattern.compile("\\d{4}-\\d{4}");
    /** MINISTRY: at most this many grouping dimensions (finer tables are small cells almost everywhere). */
    static final int MAX_DIMENSIONS_CHECKED = 4;
    /** MINISTRY: at most this many rows of breakdown are read and checked for one request. */
    static final int MAX_BREAKDOWN_ROWS = 100_000;
    /** MINISTRY: at most this many accumulators (240 bytes each) to check one request: about 60 MB. */
    static final int MAX_BREAKDOWN_SLOTS = 250_000;
    /** The STRAND dimension of the breakdown is a bit mask over these (bit 1, 2, 4: StatisticsQuery's STRAND_JOIN). */
    static final List<String> STRANDS = List.of("EDUCATIONAL", "PRE_VOCATIONAL", "LIFE_SKILLS");

    private final Db db;
    private final AgeBands ageBands;
    private final Disclosure disclosure;

    @Inject
    public StatisticsService(Db db, AgeBands ageBands, Disclosure disclosure) {
        this.db = db;
        this.ageBands = ageBands;
        this.disclosure = disclosure;
    }

    public Uni<List<StatsRow>> statistics(AccessScope scope, List<StatsDimension> groupBy, StatsFilter filter) {
        StatsFilter f = filter == null ? StatsFilter.NONE : filter;
        List<StatsDimension> dimensions = validate(groupBy, f);
        if (disclosure.appliesTo(scope)) {
            return checked(scope, dimensions, f);
        }
        StatisticsQuery query = new StatisticsQuery(dimensions, f, scope, ageBands);
        return db.analytics().list(query.sql, r -> {
            List<StatsKey> keys = new ArrayList<>(dimensions.size());
            for (int i = 0; i < dimensions.size(); i++) {
                keys.add(new StatsKey(dimensions.get(i), String.valueOf(r.value("k" + i))));
            }
            return StatsRow.of(keys, r.count("enrolled"), r.count("active"), r.count("completed"), r.count("dropped_out"),
                    r.count("integrated"));
        });
    }

    /** MINISTRY: the answer read finer, then every figure through the disclosure rule. */
    private Uni<List<StatsRow>> checked(AccessScope scope, List<StatsDimension> dimensions, StatsFilter filter) {
        disclosure.requireWholeMonths(scope, filter.from(), filter.to());
        if (dimensions.size() > MAX_DIMENSIONS_CHECKED) {
            throw ApiException.validation("groupBy", Messages.text(scope.locale(), "disclosure.tooDetailed",
                    MAX_DIMENSIONS_CHECKED));
        }
        StatisticsQuery query = StatisticsQuery.breakdown(dimensions, filter, scope, ageBands, MAX_BREAKDOWN_ROWS + 1);
        int filters = query.filterColumns.size();
        return db.analytics().list(query.sql, r -> {
            List<String> keys = new ArrayList<>(dimensions.size());
            for (int i = 0; i < dimensions.size(); i++) {
                keys.add(String.valueOf(r.value("k" + i)));
            }
            int flags = 0;
            for (int i = 0; i < filters; i++) {
                flags |= r.flag("f" + i) ? 1 << i : 0;
            }
            return new Breakdown.Atom(keys, query.byMonth ? r.count("m") : 0, flags, new long[] { r.longValue("enrolled"),
                    r.longValue("active"), r.longValue("completed"), r.longValue("dropped_out"), r.longValue("integrated") });
        }).map(atoms -> {
            if (atoms.size() > MAX_BREAKDOWN_ROWS) {
                throw ApiException.validation("groupBy", Messages.text(scope.locale(), "disclosure.tooDetailed",
                        MAX_DIMENSIONS_CHECKED));
            }
            int from = filter.from() == null ? Tally.NO_MONTH_BEFORE : Disclosure.month(filter.from());
            int to = filter.to() == null ? Tally.NO_MONTH_AFTER : Disclosure.month(filter.to());
            List<Breakdown.Cell> cells;
            try {
                cells = Breakdown.cells(dimensions.size(), new Breakdown.Masked(dimensions.indexOf(StatsDimension.STRAND), STRANDS),
                        filters, from, to, atoms, MAX_BREAKDOWN_SLOTS);
            } catch (Breakdown.TooDetailed e) {
                throw ApiException.validation("groupBy", Messages.text(scope.locale(), "disclosure.tooDetailed",
                        MAX_DIMENSIONS_CHECKED));
            }
            List<Disclosure.Shown> shown = disclosure.protect(cells.stream()
                    .map(c -> new Disclosure.Row(c.keys(), c.figures())).toList());
            List<StatsRow> out = new ArrayList<>(cells.size());
            for (int i = 0; i < cells.size(); i++) {
                Breakdown.Cell c = cells.get(i);
                List<StatsKey> keys = new ArrayList<>(dimensions.size());
                for (int d = 0; d < dimensions.size(); d++) {
                    keys.add(new StatsKey(dimensions.get(d), c.keys().get(d)));
                }
                Disclosure.Figures fig = c.figures();
                out.add(StatsRow.of(keys, (int) fig.enrolled().total(), (int) fig.active().total(),
                        (int) fig.completed().total(), (int) fig.droppedOut().total(), (int) fig.integrated().total())
                        .shown(shown.get(i)));
            }
            return out;
        });
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
