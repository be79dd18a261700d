package ma.forsa.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ma.forsa.security.Breakdown;
import ma.forsa.security.Disclosure;
import ma.forsa.security.Tally;

/**
 * The statistics pipeline of the disclosure rule ({@link Breakdown} then {@link Disclosure#protect}) against every
 * pair of allowed MINISTRY queries, by brute force on small random data: two sexes, four months, a school-year
 * filter, five kinds of enrollment (active; completed or dropped out, integrated or not). Queries: no grouping or by
 * sex, with or without the filter, undated or any range of whole months (closed or open). Whenever the records of one
 * shown figure (enrolled, active, completed, droppedOut, integrated, or leavers = completed + droppedOut) are among
 * those of another shown figure, their difference must be 0 or at least the threshold: no pair singles anyone out.
 */
class DifferencingTest {

    static final int T = 5;
    static final Disclosure RULE = new Disclosure(T);
    static final int BASE = Disclosure.month(LocalDate.of(2025, 1, 1));
    static final int MONTHS = 4;
    static final String[] SEXES = { "FEMALE", "MALE" };
    /** A, completed integrated, completed not integrated, dropped out integrated, dropped out not integrated. */
    static final int KINDS = 5;

    /** counts[sex][month][flag][kind]. */
    record Data(long[][][][] counts) {
        long get(int s, int m, int f, int k) {
            return counts[s][m][f][k];
        }
    }

    record Query(boolean bySex, boolean filtered, Integer from, Integer to, boolean dated) {
        @Override
        public String toString() {
            return (bySex ? "SEX" : "total") + (filtered ? " schoolYear" : "")
                    + (dated ? " [" + (from == null ? "" : from) + ".." + (to == null ? "" : to) + "]" : " undated");
        }
    }

    /** A figure shown by a query: the records it counts (bit per sex, month, flag, kind) and its value. */
    record Figure(String what, long[] records, long value) {
        boolean within(Figure o) {
            return (records[0] & ~o.records[0]) == 0 && (records[1] & ~o.records[1]) == 0;
        }
    }

    static int bit(int s, int m, int f, int k) {
        return ((s * MONTHS + m) * 2 + f) * KINDS + k;
    }

    static List<Query> queries() {
        List<Query> out = new ArrayList<>();
        for (boolean bySex : new boolean[] { false, true }) {
            for (boolean filtered : new boolean[] { false, true }) {
                out.add(new Query(bySex, filtered, null, null, false));
                for (int a = 0; a < MONTHS; a++) {
                    for (int b = a; b < MONTHS; b++) {
                        out.add(new Query(bySex, filtered, a, b, true));
                    }
                    out.add(new Query(bySex, filtered, a, null, true));
                    out.add(new Query(bySex, filtered, null, a, true));
                }
            }
        }
        return out;
    }

    /** What the breakdown SQL returns for the query: every record, grouped by keys, month (dated) and filter flag. */
    static List<Breakdown.Atom> atoms(Data data, Query q) {
        Map<List<Object>, long[]> grouped = new LinkedHashMap<>();
        for (int s = 0; s < 2; s++) {
            for (int m = 0; m < MONTHS; m++) {
                for (int f = 0; f < 2; f++) {
                    for (int k = 0; k < KINDS; k++) {
                        long n = data.get(s, m, f, k);
                        if (n == 0) {
                            continue;
                        }
                        List<Object> key = List.of(q.bySex() ? SEXES[s] : "", q.dated() ? BASE + m : 0, q.filtered() ? f : 0);
                        long[] measures = grouped.computeIfAbsent(key, x -> new long[5]);
                        measures[0] += n;
                        measures[1] += k == 0 ? n : 0;
                        measures[2] += k == 1 || k == 2 ? n : 0;
                        measures[3] += k == 3 || k == 4 ? n : 0;
                        measures[4] += k == 1 || k == 3 ? n : 0;
                    }
                }
            }
        }
        List<Breakdown.Atom> atoms = new ArrayList<>();
        grouped.forEach((key, measures) -> atoms.add(new Breakdown.Atom(q.bySex() ? List.of((String) key.get(0)) : List.of(),
                (Integer) key.get(1), (Integer) key.get(2), measures)));
        return atoms;
    }

    /** The figures MINISTRY sees for the query. */
    static List<Figure> answer(Data data, Query q) {
        int from = q.from() == null ? Tally.NO_MONTH_BEFORE : BASE + q.from();
        int to = q.to() == null ? Tally.NO_MONTH_AFTER : BASE + q.to();
        List<Breakdown.Cell> cells = Breakdown.cells(q.bySex() ? 1 : 0, Breakdown.Masked.NONE, q.filtered() ? 1 : 0, from, to, atoms(data, q));
        List<Disclosure.Shown> shown = RULE.protect(cells.stream().map(c -> new Disclosure.Row(c.keys(), c.figures())).toList());
        List<Figure> out = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Breakdown.Cell c = cells.get(i);
            int sex = q.bySex() ? List.of(SEXES).indexOf(c.keys().get(0)) : -1;
            Disclosure.Figures f = c.figures();
            if (shown.get(i).enrolled()) {
                out.add(figure(q, c, "enrolled", sex, new int[] { 0, 1, 2, 3, 4 }, f.enrolled().total()));
            }
            if (shown.get(i).subFigures()) {
                out.add(figure(q, c, "active", sex, new int[] { 0 }, f.active().total()));
                out.add(figure(q, c, "completed", sex, new int[] { 1, 2 }, f.completed().total()));
                out.add(figure(q, c, "droppedOut", sex, new int[] { 3, 4 }, f.droppedOut().total()));
                out.add(figure(q, c, "integrated", sex, new int[] { 1, 3 }, f.integrated().total()));
                out.add(figure(q, c, "leavers", sex, new int[] { 1, 2, 3, 4 }, f.completed().total() + f.droppedOut().total()));
            }
        }
        return out;
    }

    static Figure figure(Query q, Breakdown.Cell c, String measure, int sex, int[] kinds, long value) {
        long[] records = new long[2];
        for (int s = 0; s < 2; s++) {
            if (sex >= 0 && s != sex) {
                continue;
            }
            for (int m = 0; m < MONTHS; m++) {
                if (q.dated() && ((q.from() != null && m < q.from()) || (q.to() != null && m > q.to()))) {
                    continue;
                }
                for (int f = 0; f < 2; f++) {
                    if (q.filtered() && f == 0) {
                        continue;
                    }
                    for (int k : kinds) {
                        int b = bit(s, m, f, k);
                        records[b / 64] |= 1L << (b % 64);
                    }
                }
            }
        }
        return new Figure(q + " " + c.keys() + " " + measure, records, value);
    }

    static Data random(Random random, double emptyShare, int max) {
        long[][][][] counts = new long[2][MONTHS][2][KINDS];
        for (long[][][] a : counts) {
            for (long[][] b : a) {
                for (long[] c : b) {
                    for (int k = 0; k < KINDS; k++) {
                        c[k] = random.nextDouble() < emptyShare ? 0 : 1 + random.nextInt(max);
                    }
                }
            }
        }
        return new Data(counts);
    }

    static void assertNoPairSinglesAnyoneOut(Data data, String dataset) {
        List<Figure> figures = new ArrayList<>();
        for (Query q : queries()) {
            figures.addAll(answer(data, q));
        }
        for (Figure small : figures) {
            for (Figure large : figures) {
                if (small != large && small.within(large) && !RULE.safe(large.value() - small.value())) {
                    fail(dataset + ": " + large.what() + " = " + large.value() + " minus " + small.what() + " = "
                            + small.value() + " singles out " + (large.value() - small.value()));
                }
            }
        }
    }

    @Test
    void noPairOfAllowedQueriesSinglesAnyoneOut() {
        Random random = new Random(20251);
        int figures = 0;
        for (int run = 0; run < 250; run++) {
            double empty = run % 3 == 0 ? 0.9 : run % 3 == 1 ? 0.75 : 0.5;
            Data data = random(random, empty, run % 2 == 0 ? 3 : 7);
            assertNoPairSinglesAnyoneOut(data, "dataset " + run);
            for (Query q : queries()) {
                figures += answer(data, q).size();
            }
        }
        assertTrue(figures > 20_000, "the datasets must leave figures to compare: " + figures);
    }

    /** Enrollments in January to May, 2 more in June (only MALE, only the school year of the filter). */
    static Data januaryToJune() {
        long[][][][] counts = new long[2][MONTHS][2][KINDS];
        counts[0][0][1][0] = 20;
        counts[1][0][1][0] = 15;
        counts[0][1][1][0] = 6;
        counts[1][3][1][0] = 2;
        return new Data(counts);
    }

    static Long enrolled(Data data, Query q, String sex) {
        return answer(data, q).stream().filter(f -> f.what().contains(sex == null ? "[] enrolled" : "[" + sex + "] enrolled"))
                .map(Figure::value).findFirst().orElse(null);
    }

    @Test
    void aMonthMoreOrLessRecoversNoOne() {
        // months 0..3 stand for January..April here: "January to April" minus "January to March" would be April's 2
        Data data = januaryToJune();
        Query upToApril = new Query(false, false, 0, 3, true);
        Query upToMarch = new Query(false, false, 0, 2, true);
        assertEquals(43L, enrolled(data, upToApril, null));
        assertEquals(null, enrolled(data, upToMarch, null), "41, but April (2) is next to it: withheld");
        assertEquals(43L, enrolled(data, new Query(false, false, null, null, false), null), "the undated total is shown");
        assertEquals(null, enrolled(data, new Query(false, false, 1, 2, true), null), "February..March: 6, April 2 after");
        assertEquals(35L, enrolled(data, new Query(false, false, 0, 0, true), null), "January: 35, then 6 in February");
        // by sex: MALE up to March is 15 and MALE up to April 17
        assertEquals(null, enrolled(data, new Query(true, false, 0, 2, true), "MALE"));
        assertNoPairSinglesAnyoneOut(data, "January to April");
    }

    @Test
    void aFilterLeftOutRecoversNoOne() {
        long[][][][] counts = new long[2][MONTHS][2][KINDS];
        counts[0][0][1][0] = 20;
        counts[0][0][0][0] = 3; // 3 in another school year
        Data data = new Data(counts);
        assertEquals(23L, enrolled(data, new Query(false, false, null, null, false), null));
        assertEquals(null, enrolled(data, new Query(false, true, null, null, false), null), "20 with the filter, 23 without");
        assertNoPairSinglesAnyoneOut(data, "another year");
    }
}
