package ma.forsa.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import ma.forsa.security.Disclosure;

/**
 * MINISTRY's follow-up completion through the disclosure rule ({@link CompletionTable}): a row never shows due and on
 * time when the late ones are 1 to 4, and no pair of allowed queries (by academy or association, any range of months,
 * with or without the academy filter) singles anyone out — by brute force on small random data, as stats/DifferencingTest
 * does for statistics.
 */
@Tag("unit")
class CompletionTableTest {

    static final int T = 5;
    static final Disclosure RULE = new Disclosure(T);
    static final int BASE = Disclosure.month(LocalDate.of(2025, 1, 1));
    static final int MONTHS = 4;
    /** Associations X and Y in academy MS, Z in academy CS. */
    static final UUID[] ASSOCIATIONS = { new UUID(0, 1), new UUID(0, 2), new UUID(0, 3) };
    static final String[] ACADEMY_OF = { "MS", "MS", "CS" };

    /** due[association][month] and onTime[association][month]. */
    record Data(long[][] due, long[][] onTime) {
        List<CompletionTable.Atom> atoms() {
            List<CompletionTable.Atom> out = new ArrayList<>();
            for (int a = 0; a < ASSOCIATIONS.length; a++) {
                for (int m = 0; m < MONTHS; m++) {
                    if (due[a][m] > 0) {
                        out.add(new CompletionTable.Atom(ACADEMY_OF[a], ASSOCIATIONS[a], "Association " + a, BASE + m, due[a][m],
                                onTime[a][m]));
                    }
                }
            }
            return out;
        }
    }

    /** A shown figure: the follow-ups it counts (bit per association, month, on time or late) and its value. */
    record Figure(String what, long records, long value) {
        boolean within(Figure o) {
            return (records & ~o.records) == 0;
        }
    }

    static int bit(int association, int month, boolean late) {
        return (association * MONTHS + month) * 2 + (late ? 1 : 0);
    }

    static List<FollowUpCompletion> answer(Data data, FollowUpGroup group, int from, int to, String academy) {
        return CompletionTable.disclosed(RULE, group, BASE + from, BASE + to, academy, data.atoms());
    }

    /** Every figure MINISTRY is shown, over every allowed query; rates checked against the shown figures. */
    static List<Figure> everything(Data data) {
        List<Figure> out = new ArrayList<>();
        for (FollowUpGroup group : FollowUpGroup.values()) {
            for (String academy : Arrays.asList(null, "MS", "CS")) {
                for (int a = 0; a < MONTHS; a++) {
                    for (int b = a; b < MONTHS; b++) {
                        for (FollowUpCompletion row : answer(data, group, a, b, academy)) {
                            String what = group + " " + academy + " " + a + ".." + b + " " + row.academyCode() + "/"
                                    + row.associationId();
                            assertEquals(row.due() == null || row.recordedOnTime() == null, row.suppressed(), what);
                            assertEquals(row.recordedOnTime() == null || row.due() == null ? null
                                    : (double) row.recordedOnTime() / row.due(), row.completionRate(), what);
                            if (row.due() != null) {
                                out.add(new Figure(what + " due", records(row, a, b, true), row.due()));
                            }
                            if (row.recordedOnTime() != null) {
                                out.add(new Figure(what + " onTime", records(row, a, b, false), row.recordedOnTime()));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    static long records(FollowUpCompletion row, int from, int to, boolean late) {
        long records = 0;
        for (int s = 0; s < ASSOCIATIONS.length; s++) {
            boolean in = row.associationId() == null ? ACADEMY_OF[s].equals(row.academyCode())
                    : ASSOCIATIONS[s].toString().equals(row.associationId());
            for (int m = from; m <= to && in; m++) {
                records |= 1L << bit(s, m, false);
                if (late) {
                    records |= 1L << bit(s, m, true);
                }
            }
        }
        return records;
    }

    static int assertNoPairSinglesAnyoneOut(Data data, String dataset) {
        List<Figure> figures = everything(data);
        for (Figure small : figures) {
            for (Figure large : figures) {
                if (small != large && small.within(large) && !RULE.safe(large.value() - small.value())) {
                    fail(dataset + ": " + large.what() + " = " + large.value() + " minus " + small.what() + " = " + small.value()
                            + " singles out " + (large.value() - small.value()));
                }
            }
        }
        return figures.size();
    }

    static Data data(long[][] due, long[][] onTime) {
        return new Data(due, onTime);
    }

    @Test
    void oneLateFollowUpHidesTheOnTimeFigureNotTheDueOne() {
        // MS: X 7 due (6 on time), Y 9 (9); CS: Z 8 (8) — one month
        Data d = data(new long[][] { { 7, 0, 0, 0 }, { 9, 0, 0, 0 }, { 8, 0, 0, 0 } },
                new long[][] { { 6, 0, 0, 0 }, { 9, 0, 0, 0 }, { 8, 0, 0, 0 } });
        FollowUpCompletion x = answer(d, FollowUpGroup.ASSOCIATION, 0, 0, null).stream()
                .filter(r -> ASSOCIATIONS[0].toString().equals(r.associationId())).findFirst().orElseThrow();
        assertEquals(7, x.due());
        assertNull(x.recordedOnTime(), "7 and 6 would single out the late one");
        assertNull(x.completionRate());
        assertTrue(x.suppressed());
        // Y's sub-figures are hidden too (complementary suppression): else MS's late (1) minus X's hidden late is known
        FollowUpCompletion y = answer(d, FollowUpGroup.ASSOCIATION, 0, 0, null).stream()
                .filter(r -> ASSOCIATIONS[1].toString().equals(r.associationId())).findFirst().orElseThrow();
        assertEquals(9, y.due());
        assertNull(y.recordedOnTime());
        assertNoPairSinglesAnyoneOut(d, "7/6");
    }

    @Test
    void aMonthMoreSinglesOutNoOne() {
        // X: 6 follow-ups closing in January, 1 in February; MS and CS are large elsewhere
        Data d = data(new long[][] { { 6, 1, 0, 0 }, { 20, 20, 20, 20 }, { 30, 30, 30, 30 } },
                new long[][] { { 6, 1, 0, 0 }, { 20, 20, 20, 20 }, { 30, 30, 30, 30 } });
        FollowUpCompletion january = answer(d, FollowUpGroup.ASSOCIATION, 0, 0, "MS").get(0);
        assertEquals(ASSOCIATIONS[0].toString(), january.associationId());
        assertNull(january.due(), "6, and February holds 1 more: withheld");
        assertTrue(january.suppressed());
        FollowUpCompletion twoMonths = answer(d, FollowUpGroup.ASSOCIATION, 0, 1, "MS").get(0);
        assertEquals(7, twoMonths.due(), "the wider range is the one shown");
        assertEquals(7, twoMonths.recordedOnTime());
        assertNoPairSinglesAnyoneOut(d, "a month more");
    }

    @Test
    void theAcademyFilterOnlyNarrowsTheCountryTable() {
        Data d = data(new long[][] { { 3, 0, 0, 0 }, { 9, 0, 0, 0 }, { 8, 0, 0, 0 } },
                new long[][] { { 3, 0, 0, 0 }, { 9, 0, 0, 0 }, { 8, 0, 0, 0 } });
        List<FollowUpCompletion> all = answer(d, FollowUpGroup.ACADEMY, 0, 3, null);
        assertEquals(List.of("CS", "MS"), all.stream().map(FollowUpCompletion::academyCode).toList());
        assertEquals(all.subList(1, 2), answer(d, FollowUpGroup.ACADEMY, 0, 3, "MS"));
    }

    @Test
    void noPairOfAllowedQueriesSinglesAnyoneOut() {
        Random random = new Random(17);
        int figures = 0;
        for (int run = 0; run < 150; run++) {
            double empty = run % 3 == 0 ? 0.8 : run % 3 == 1 ? 0.5 : 0.2;
            int max = run % 2 == 0 ? 4 : 9;
            long[][] due = new long[ASSOCIATIONS.length][MONTHS];
            long[][] onTime = new long[ASSOCIATIONS.length][MONTHS];
            for (int a = 0; a < ASSOCIATIONS.length; a++) {
                for (int m = 0; m < MONTHS; m++) {
                    if (random.nextDouble() >= empty) {
                        due[a][m] = 1 + random.nextInt(max);
                        onTime[a][m] = random.nextInt((int) due[a][m] + 1);
                    }
                }
            }
            figures += assertNoPairSinglesAnyoneOut(data(due, onTime), "dataset " + run);
        }
        assertTrue(figures > 1_500, "the datasets must leave figures to compare: " + figures);
    }
}
