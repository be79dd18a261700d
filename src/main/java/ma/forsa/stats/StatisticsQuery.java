package ma.forsa.stats;

import static ma.forsa.stats.StatsDimension.ACADEMY;
import static ma.forsa.stats.StatsDimension.AGE_BAND;
import static ma.forsa.stats.StatsDimension.ASSOCIATION;
import static ma.forsa.stats.StatsDimension.CENTER;
import static ma.forsa.stats.StatsDimension.OUTCOME_KIND;
import static ma.forsa.stats.StatsDimension.PROVINCE;
import static ma.forsa.stats.StatsDimension.SCHOOL_YEAR;
import static ma.forsa.stats.StatsDimension.SEX;
import static ma.forsa.stats.StatsDimension.STRAND;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

import ma.forsa.common.db.Sql;
import ma.forsa.security.AccessScope;
import ma.forsa.security.ScopeSql;

/**
 * Builds the SQL of one statistics request. It reads the smallest trigger-maintained table that can answer:
 * the per-centre roll-up, the per-academy roll-up, or the per-enrollment fact table (needed for date
 * filters and for combinations such as centre x sex). All three are exact and current (see V30).
 *
 * <p>For the disclosure rule ({@link #breakdown}) the same request is asked finer: by the same keys (strands as their
 * bit mask, so that an enrollment is counted once when the strand dimension is left out), by enrollment month when
 * dated (with no date condition: the months around the range matter too) and by whether each filter (school year,
 * academy) holds (with no filter condition), so that {@link ma.forsa.security.Breakdown} can count every nested query.
 */
final class StatisticsQuery {

    enum Source {
        CENTER_CELL(EnumSet.of(ACADEMY, PROVINCE, CENTER, ASSOCIATION, SCHOOL_YEAR, OUTCOME_KIND),
                "stats_center_cell x JOIN center c ON c.id = x.center_id JOIN province p ON p.code = c.province_code"),
        ACADEMY_CELL(EnumSet.of(ACADEMY, SEX, AGE_BAND, STRAND, SCHOOL_YEAR, OUTCOME_KIND), "stats_academy_cell x"),
        FACT(EnumSet.allOf(StatsDimension.class), "stats_fact x");

        final Set<StatsDimension> dimensions;
        final String from;

        Source(Set<StatsDimension> dimensions, String from) {
            this.dimensions = dimensions;
            this.from = from;
        }
    }

    private static final String STRAND_JOIN = " JOIN (VALUES (1, 'EDUCATIONAL'), (2, 'PRE_VOCATIONAL'), (4, 'LIFE_SKILLS'))"
            + " st(bit, name) ON (x.strands & st.bit) <> 0";

    /** The month of an enrollment, as {@link ma.forsa.security.Disclosure#month} numbers it. */
    private static final String MONTH = "(extract(year FROM x.enrolled_on)::int * 12 + extract(month FROM x.enrolled_on)::int - 1)";

    final Source source;
    final Sql sql;
    /** Breakdown only: whether each given filter holds, in this order (schoolYear, academyCode, when given). */
    final List<String> filterColumns = new ArrayList<>();
    final boolean byMonth;
    private final boolean rawStrands;

    StatisticsQuery(List<StatsDimension> groupBy, StatsFilter filter, AccessScope scope, AgeBands ageBands) {
        this.byMonth = false;
        this.rawStrands = false;
        boolean dated = filter.from() != null || filter.to() != null;
        if (!dated && Source.CENTER_CELL.dimensions.containsAll(groupBy)) {
            source = Source.CENTER_CELL;
        } else if (!dated && Source.ACADEMY_CELL.dimensions.containsAll(groupBy) && scope.associationScope() == null) {
            source = Source.ACADEMY_CELL;
        } else {
            source = Source.FACT;
        }
        String academy = source == Source.CENTER_CELL ? "p.academy_code" : "x.academy_code";
        Sql where = Sql.select("").where(ScopeSql.statistics(scope, academy,
                source == Source.CENTER_CELL ? "c.association_id" : "x.association_id"));
        if (filter.academyCode() != null) {
            where.where(academy + " = ?", filter.academyCode());
        }
        if (filter.schoolYear() != null) {
            where.where("x.school_year = ?", filter.schoolYear());
        }
        if (filter.from() != null) {
            where.where("x.enrolled_on >= ?", filter.from());
        }
        if (filter.to() != null) {
            where.where("x.enrolled_on <= ?", filter.to());
        }

        StringJoiner keys = new StringJoiner(", ");
        StringJoiner groups = new StringJoiner(", ");
        StringJoiner outer = new StringJoiner(", ");
        for (int i = 0; i < groupBy.size(); i++) {
            String alias = "k" + i;
            keys.add(column(groupBy.get(i), ageBands) + " AS " + alias);
            groups.add(alias);
            outer.add(switch (groupBy.get(i)) {
                case CENTER -> "(SELECT code FROM center WHERE id = q." + alias + ")";
                case ASSOCIATION -> "(SELECT registration_number FROM association WHERE id = q." + alias + ")";
                default -> "q." + alias;
            } + " AS " + alias);
        }
        String measures = source == Source.FACT
                ? "count(*) AS enrolled, count(*) FILTER (WHERE x.status IN ('ENROLLED', 'ACTIVE')) AS active, "
                        + "count(*) FILTER (WHERE x.status = 'COMPLETED') AS completed, "
                        + "count(*) FILTER (WHERE x.status = 'DROPPED_OUT') AS dropped_out, "
                        + "count(*) FILTER (WHERE x.status IN ('COMPLETED', 'DROPPED_OUT') "
                        + "AND x.outcome_kind NOT IN ('NONE', 'NOT_INTEGRATED', 'UNKNOWN')) AS integrated"
                : "sum(x.enrolled) AS enrolled, sum(x.active) AS active, sum(x.completed) AS completed, "
                        + "sum(x.dropped_out) AS dropped_out, sum(x.integrated) AS integrated";
        Sql.Fragment inner = Sql.Fragment.of("SELECT " + (groupBy.isEmpty() ? "" : keys + ", ") + measures + " FROM " + source.from
                + (groupBy.contains(STRAND) ? STRAND_JOIN : "")).plus(where.fragment())
                .plus(groupBy.isEmpty() ? "" : " GROUP BY " + groups);
        sql = Sql.of("SELECT " + (groupBy.isEmpty() ? "" : outer + ", ")
                + "q.enrolled::int AS enrolled, q.active::int AS active, q.completed::int AS completed, "
                + "q.dropped_out::int AS dropped_out, q.integrated::int AS integrated FROM (").plusFragment(inner)
                .then(") q WHERE q.enrolled > 0" + (groupBy.isEmpty() ? "" : " ORDER BY " + groups));
    }

    /**
     * The breakdown of a request for the disclosure rule: one row per (keys, month when dated, filter flags) with
     * enrolled, active, completed, dropped_out and integrated; keys as in the answer (codes), strands as a bit mask.
     * At most {@code limit} rows are read.
     */
    static StatisticsQuery breakdown(List<StatsDimension> groupBy, StatsFilter filter, AccessScope scope, AgeBands ageBands,
            int limit) {
        return new StatisticsQuery(groupBy, filter, scope, ageBands, limit);
    }

    private StatisticsQuery(List<StatsDimension> groupBy, StatsFilter filter, AccessScope scope, AgeBands ageBands, int limit) {
        this.byMonth = filter.from() != null || filter.to() != null;
        this.rawStrands = true;
        if (!byMonth && Source.CENTER_CELL.dimensions.containsAll(groupBy)) {
            source = Source.CENTER_CELL;
        } else if (!byMonth && Source.ACADEMY_CELL.dimensions.containsAll(groupBy) && scope.associationScope() == null) {
            source = Source.ACADEMY_CELL;
        } else {
            source = Source.FACT;
        }
        String academy = source == Source.CENTER_CELL ? "p.academy_code" : "x.academy_code";
        Sql where = Sql.select("").where(ScopeSql.statistics(scope, academy,
                source == Source.CENTER_CELL ? "c.association_id" : "x.association_id"));
        List<Sql.Fragment> flags = new ArrayList<>();
        if (filter.schoolYear() != null) {
            flags.add(Sql.Fragment.of("(x.school_year = ?)", filter.schoolYear()));
        }
        if (filter.academyCode() != null) {
            flags.add(Sql.Fragment.of("(" + academy + " = ?)", filter.academyCode()));
        }
        StringJoiner keys = new StringJoiner(", ");
        StringJoiner groups = new StringJoiner(", ");
        StringJoiner outer = new StringJoiner(", ");
        for (int i = 0; i < groupBy.size(); i++) {
            String alias = "k" + i;
            keys.add(column(groupBy.get(i), ageBands) + " AS " + alias);
            groups.add(alias);
            outer.add(switch (groupBy.get(i)) {
                case CENTER -> "(SELECT code FROM center WHERE id = q." + alias + ")";
                case ASSOCIATION -> "(SELECT registration_number FROM association WHERE id = q." + alias + ")";
                default -> "q." + alias + "::text";
            } + " AS " + alias);
        }
        if (byMonth) {
            keys.add(MONTH + " AS m");
            groups.add("m");
            outer.add("q.m");
        }
        Sql.Fragment flagColumns = Sql.Fragment.of("");
        for (int i = 0; i < flags.size(); i++) {
            String alias = "f" + i;
            filterColumns.add(alias);
            flagColumns = flagColumns.plus(i == 0 && keys.length() == 0 ? "" : ", ").plus(flags.get(i)).plus(" AS " + alias);
            groups.add(alias);
            outer.add("q." + alias);
        }
        String measures = source == Source.FACT
                ? "count(*) AS enrolled, count(*) FILTER (WHERE x.status IN ('ENROLLED', 'ACTIVE')) AS active, "
                        + "count(*) FILTER (WHERE x.status = 'COMPLETED') AS completed, "
                        + "count(*) FILTER (WHERE x.status = 'DROPPED_OUT') AS dropped_out, "
                        + "count(*) FILTER (WHERE x.status IN ('COMPLETED', 'DROPPED_OUT') "
                        + "AND x.outcome_kind NOT IN ('NONE', 'NOT_INTEGRATED', 'UNKNOWN')) AS integrated"
                : "sum(x.enrolled) AS enrolled, sum(x.active) AS active, sum(x.completed) AS completed, "
                        + "sum(x.dropped_out) AS dropped_out, sum(x.integrated) AS integrated";
        boolean grouped = groups.length() > 0;
        Sql.Fragment inner = Sql.Fragment.of("SELECT " + keys).plus(flagColumns)
                .plus((keys.length() > 0 || !flags.isEmpty() ? ", " : "") + measures + " FROM " + source.from)
                .plus(where.fragment()).plus(grouped ? " GROUP BY " + groups : "");
        sql = Sql.of("SELECT " + (outer.length() > 0 ? outer + ", " : "")
                + "q.enrolled::bigint AS enrolled, q.active::bigint AS active, q.completed::bigint AS completed, "
                + "q.dropped_out::bigint AS dropped_out, q.integrated::bigint AS integrated FROM (").plusFragment(inner)
                .then(") q WHERE q.enrolled > 0 LIMIT ?", limit);
    }

    private String column(StatsDimension dimension, AgeBands ageBands) {
        boolean centerCell = source == Source.CENTER_CELL;
        return switch (dimension) {
            case ACADEMY -> centerCell ? "p.academy_code" : "x.academy_code";
            case PROVINCE -> centerCell ? "c.province_code" : "x.province_code";
            case CENTER -> "x.center_id";
            case ASSOCIATION -> centerCell ? "c.association_id" : "x.association_id";
            case SEX -> "x.sex";
            case AGE_BAND -> ageBands.sql("x.age");
            case STRAND -> rawStrands ? "x.strands" : "st.name";
            case SCHOOL_YEAR -> "x.school_year";
            case OUTCOME_KIND -> "x.outcome_kind";
        };
    }
}
