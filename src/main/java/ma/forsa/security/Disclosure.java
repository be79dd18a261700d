package ma.forsa.security;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ma.forsa.common.ApiException;
import ma.forsa.common.i18n.Messages;

/**
 * The one disclosure rule: every number about learners that MINISTRY can reach (statistics cells and their
 * sub-figures, list totals, occupancy, agreement progress, directorate lists, exports) goes through here
 * (domain.md "Who uses it"; docs/statistics.md "Disclosure rule" states it in full). With {@code t} the threshold
 * ({@code forsa.stats.suppression-threshold}, default 5):
 * <ol>
 * <li><b>A count is shown</b> ({@link #shows(Tally)}) when it is 0, or when it is at least {@code t} and, for every
 * other allowed query nested with it (the same figure with a filter or grouping dimension left out, a wider date
 * range up to the undated query, a sibling set of a list), the difference between the two is 0 or at least
 * {@code t}. A zero singles out no one, so zeros are shown. A difference over a wider range is the count of the
 * months added at either end, so for a date range this amounts to: the nearest month with records before the range
 * and the nearest after it (of each nested query that has the same count over the range) hold 0 or at least
 * {@code t}.</li>
 * <li><b>A row of figures</b> (enrolled = active + completed + droppedOut; integrated + not integrated = completed +
 * droppedOut; integrationRate = integrated / leavers): enrolled is shown if it passes; the sub-figures (active,
 * completed, droppedOut, integrated, integrationRate, leavers) are shown together only when enrolled, each of them and
 * the leavers not integrated all pass, otherwise none of them is ({@link #protect(List)}), so that no row equation
 * can be solved for a hidden one.</li>
 * <li><b>Complementary suppression in a table</b>: in every group of rows that share all keys but one (whose sum is
 * the table without that dimension), a figure hidden in some row must be hidden in at least two, and the sum of its
 * hidden values must itself pass rule 1 (it is the group's total minus the shown values); while not, the row with the
 * smallest non-zero visible value of that figure is hidden as well (its whole row for enrolled, its sub-figures
 * otherwise), repeated until nothing changes. This is the usual heuristic, not a full audit: see
 * docs/statistics.md.</li>
 * </ol>
 * Other roles see exact numbers. A withheld number is null with a {@code suppressed} flag (or listed in
 * {@code extensions.withheld}); the rule never throws away keys or rows, so that the shape of an answer does not
 * depend on a hidden value.
 */
@ApplicationScoped
public class Disclosure {

    /** How an attribute of a family of queries may be selected: one value or all, or any set of values. */
    public enum Choice {
        ONE_OR_ALL, ANY_SUBSET
    }

    /** The figures of one row: enrolled, active, completed, droppedOut, integrated and (never shown) not integrated. */
    public record Figures(Tally enrolled, Tally active, Tally completed, Tally droppedOut, Tally integrated,
            Tally notIntegrated) {

        /** Undated figures with no other query nested with them (agreement progress). */
        public static Figures of(long enrolled, long active, long completed, long droppedOut, long integrated) {
            return new Figures(Tally.of(enrolled), Tally.of(active), Tally.of(completed), Tally.of(droppedOut),
                    Tally.of(integrated), Tally.of(completed + droppedOut - integrated));
        }

        Tally get(int i) {
            return switch (i) {
                case 0 -> enrolled;
                case 1 -> active;
                case 2 -> completed;
                case 3 -> droppedOut;
                case 4 -> integrated;
                default -> notIntegrated;
            };
        }
    }

    /** What of a row may be shown: enrolled, and the sub-figures (all of them or none). */
    public record Shown(boolean enrolled, boolean subFigures) {

        public static final Shown ALL = new Shown(true, true);

        /** Whether anything of the row is withheld. */
        public boolean suppressed() {
            return !enrolled || !subFigures;
        }
    }

    /** A row of a table: its keys (one per grouping dimension, in order) and its figures. */
    public record Row(List<String> keys, Figures figures) {
    }

    private static final int MAX_SUBSET_VALUES = 8;

    private final int threshold;

    @Inject
    public Disclosure(DisclosureConfig config) {
        this(config.suppressionThreshold());
    }

    public Disclosure(int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("forsa.stats.suppression-threshold must be at least 1");
        }
        this.threshold = threshold;
    }

    public int threshold() {
        return threshold;
    }

    /** Whether the rule applies to the caller: MINISTRY (the other roles see exact numbers of their scope). */
    public boolean appliesTo(AccessScope scope) {
        return scope.is(Role.MINISTRY);
    }

    /** A difference between two counts that singles out no one: 0, or at least the threshold. */
    public boolean safe(long difference) {
        long d = Math.abs(difference);
        return d == 0 || d >= threshold;
    }

    /** Rule 1: whether the count may be shown. */
    public boolean shows(Tally tally) {
        long n = tally.total();
        if (n == 0) {
            return true;
        }
        if (n < threshold) {
            return false;
        }
        for (Tally.Nested q : tally.nested()) {
            long d = Math.abs(q.total() - n);
            if (d == 0 ? !(safe(q.before()) && safe(q.after())) : d < threshold) {
                return false;
            }
        }
        return true;
    }

    /** Rules 2 and 3 for a table (its rows have as many keys as the table has dimensions). */
    public List<Shown> protect(List<Row> rows) {
        int n = rows.size();
        boolean[] enrolled = new boolean[n];
        boolean[] sub = new boolean[n];
        for (int i = 0; i < n; i++) {
            Figures f = rows.get(i).figures();
            enrolled[i] = shows(f.enrolled());
            sub[i] = enrolled[i];
            for (int m = 1; m < 6 && sub[i]; m++) {
                sub[i] = shows(f.get(m));
            }
        }
        int dimensions = n == 0 ? 0 : rows.get(0).keys().size();
        List<List<Integer>> groups = new ArrayList<>();
        for (int d = 0; d < dimensions; d++) {
            Map<List<String>, List<Integer>> byOthers = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                List<String> others = new ArrayList<>(rows.get(i).keys());
                others.remove(d);
                byOthers.computeIfAbsent(others, k -> new ArrayList<>()).add(i);
            }
            groups.addAll(byOthers.values());
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<Integer> group : groups) {
                for (int m = 0; m < 6; m++) {
                    boolean[] visible = m == 0 ? enrolled : sub;
                    Tally hidden = Tally.ZERO;
                    int hiddenRows = 0;
                    for (int i : group) {
                        if (!visible[i]) {
                            hidden = hidden.plus(rows.get(i).figures().get(m));
                            hiddenRows++;
                        }
                    }
                    if (hidden.total() == 0 || (hiddenRows > 1 && shows(hidden))) {
                        continue;
                    }
                    // the smallest non-zero visible value, else the smallest visible one (a zero)
                    int next = -1;
                    for (int i : group) {
                        long v = rows.get(i).figures().get(m).total();
                        if (visible[i] && (next < 0 || rank(v) < rank(rows.get(next).figures().get(m).total()))) {
                            next = i;
                        }
                    }
                    if (next >= 0) {
                        sub[next] = false;
                        if (m == 0) {
                            enrolled[next] = false;
                        }
                        changed = true;
                    }
                }
            }
        }
        List<Shown> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(enrolled[i] && sub[i] ? Shown.ALL : new Shown(enrolled[i], false));
        }
        return out;
    }

    /** Order of preference of a complement: the smallest non-zero value first, zeros last. */
    private static long rank(long value) {
        return value == 0 ? Long.MAX_VALUE : value;
    }

    /** Rules 1 and 2 for one row of figures (no table around it). */
    public Shown protect(Figures figures) {
        return protect(List.of(new Row(List.of(), figures))).get(0);
    }

    /**
     * One count among a family of allowed queries over the same records (a list and its filters): {@code cells}
     * counts the records by one value per attribute; a query selects per attribute a set of values ({@code null}:
     * no filter, all values) as {@code choices} allows. The tally carries the count of every other query of the
     * family that contains this one ({@code wider}) or, with {@code narrower}, is contained in it.
     */
    public Tally among(Map<List<String>, Long> cells, List<Set<String>> selection, List<Choice> choices, boolean narrower) {
        int attributes = choices.size();
        List<Set<String>> domains = new ArrayList<>();
        for (int a = 0; a < attributes; a++) {
            Set<String> domain = new LinkedHashSet<>();
            for (List<String> key : cells.keySet()) {
                domain.add(key.get(a));
            }
            if (selection.get(a) != null) {
                domain.addAll(selection.get(a));
            }
            domains.add(domain);
        }
        List<Set<String>> chosen = new ArrayList<>();
        List<List<Set<String>>> candidates = new ArrayList<>();
        for (int a = 0; a < attributes; a++) {
            Set<String> domain = domains.get(a);
            chosen.add(selection.get(a) == null ? domain : selection.get(a));
            List<Set<String>> options = new ArrayList<>();
            options.add(domain);
            if (choices.get(a) == Choice.ONE_OR_ALL) {
                domain.forEach(v -> options.add(Set.of(v)));
            } else {
                List<String> values = List.copyOf(domain);
                if (values.size() > MAX_SUBSET_VALUES) {
                    throw new IllegalArgumentException("too many values to compare every subset: " + values.size());
                }
                for (int mask = 1; mask < (1 << values.size()) - 1; mask++) {
                    Set<String> subset = new LinkedHashSet<>();
                    for (int b = 0; b < values.size(); b++) {
                        if ((mask & (1 << b)) != 0) {
                            subset.add(values.get(b));
                        }
                    }
                    options.add(subset);
                }
            }
            candidates.add(options);
        }
        long total = count(cells, chosen);
        List<Long> nested = new ArrayList<>();
        int[] index = new int[attributes];
        while (true) {
            List<Set<String>> query = new ArrayList<>(attributes);
            for (int a = 0; a < attributes; a++) {
                query.add(candidates.get(a).get(index[a]));
            }
            boolean same = query.equals(chosen);
            boolean wider = true;
            boolean inside = true;
            for (int a = 0; a < attributes; a++) {
                wider &= query.get(a).containsAll(chosen.get(a));
                inside &= chosen.get(a).containsAll(query.get(a));
            }
            if (!same && (wider || (narrower && inside))) {
                nested.add(count(cells, query));
            }
            int a = 0;
            while (a < attributes && ++index[a] == candidates.get(a).size()) {
                index[a++] = 0;
            }
            if (a == attributes) {
                break;
            }
        }
        return Tally.among(total, nested);
    }

    private static long count(Map<List<String>, Long> cells, List<Set<String>> query) {
        long n = 0;
        for (Map.Entry<List<String>, Long> cell : cells.entrySet()) {
            boolean in = true;
            for (int a = 0; a < query.size() && in; a++) {
                in = query.get(a).contains(cell.getKey().get(a));
            }
            if (in) {
                n += cell.getValue();
            }
        }
        return n;
    }

    /**
     * The count of the boolean constraints of a list filter all holding, with the counts of the same list with any of
     * them left out ({@code byMask[m]}: records meeting exactly the constraints whose bits are set in {@code m}).
     */
    public Tally amongConstraints(long[] byMask, int constraints) {
        Map<List<String>, Long> cells = new HashMap<>();
        for (int mask = 0; mask < byMask.length; mask++) {
            if (byMask[mask] == 0) {
                continue;
            }
            List<String> key = new ArrayList<>(constraints);
            for (int c = 0; c < constraints; c++) {
                key.add((mask & (1 << c)) != 0 ? "t" : "f");
            }
            cells.merge(key, byMask[mask], Long::sum);
        }
        List<Set<String>> selection = new ArrayList<>();
        List<Choice> choices = new ArrayList<>();
        for (int c = 0; c < constraints; c++) {
            selection.add(Set.of("t"));
            choices.add(Choice.ONE_OR_ALL);
        }
        return among(cells, selection, choices, false);
    }

    /**
     * One centre's enrollments among the queries a client can make of them ({@code Center.enrollments} with a school
     * year and any set of statuses, occupancy, the centre's undated statistics): {@code cells} counts them by
     * (school year, status); {@code schoolYear} and {@code statuses} null mean all.
     */
    public Tally ofCentre(Map<List<String>, Long> cells, String schoolYear, Collection<String> statuses) {
        return among(cells, java.util.Arrays.asList(schoolYear == null ? null : Set.of(schoolYear),
                statuses == null || statuses.isEmpty() ? null : Set.copyOf(statuses)),
                List.of(Choice.ONE_OR_ALL, Choice.ANY_SUBSET), true);
    }

    /**
     * MINISTRY's statistics date filters are whole months: {@code from} the first day of a month, {@code to} the last
     * day of one (a school year is whole months too). Anything else is refused (VALIDATION), so that two requests
     * cannot differ by a few days.
     */
    public void requireWholeMonths(AccessScope scope, LocalDate from, LocalDate to) {
        if (from != null && from.getDayOfMonth() != 1) {
            throw ApiException.validation("from", Messages.text(scope.locale(), "disclosure.wholeMonths.from",
                    from.withDayOfMonth(1).toString()));
        }
        if (to != null && to.getDayOfMonth() != to.lengthOfMonth()) {
            throw ApiException.validation("to", Messages.text(scope.locale(), "disclosure.wholeMonths.to",
                    to.withDayOfMonth(to.lengthOfMonth()).toString()));
        }
    }

    /** The month index the rule uses ({@code year * 12 + month - 1}). */
    public static int month(LocalDate date) {
        return date.getYear() * 12 + date.getMonthValue() - 1;
    }
}
