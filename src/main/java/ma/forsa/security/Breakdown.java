package ma.forsa.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of the disclosure rule: turns a MINISTRY request read finer — its atoms, by key, month and filter flags —
 * into the rows of the answer, each figure with the tally {@link Disclosure} judges: its count over the request's
 * date range, and for every nested query — each filter left out or kept, each subset of the grouping dimensions (a
 * dimension left out is the table's total over it), the months just before and after the range (a wider range) — its
 * count and nearest months. Then {@link Disclosure#protect(List)} decides what of each row is shown. Statistics
 * (stats/StatisticsService) and follow-up completion (worklist/WorklistService) both go through it; docs/disclosure.md.
 * Pure: unit-tested with hand-made atoms (BreakdownTest).
 */
public final class Breakdown {

    private static final String ANY = "\u0000*";

    /**
     * One row of the breakdown: key values (a bit mask of {@link Masked#values} for a masked dimension), the month
     * ({@link Disclosure#month}; any number when undated), which filters hold (bit i: filter i) and the five measures of
     * a row of figures: enrolled, active, completed, droppedOut, integrated (see {@link Disclosure.Figures}).
     */
    public record Atom(List<String> keys, int month, int filters, long[] measures) {
    }

    /** A row of the answer: its key values and figures. */
    public record Cell(List<String> keys, Disclosure.Figures figures) {
        public long enrolled() {
            return figures.enrolled().total();
        }
    }

    /**
     * A dimension whose key in an atom is a bit mask over {@code values} (bit i: values.get(i)): a record counts under
     * each of its values, and once in the table without that dimension (statistics' STRAND).
     */
    public record Masked(int dimension, List<String> values) {
        public static final Masked NONE = new Masked(-1, List.of());
    }

    /** The request needs more accumulators than {@code maxSlots}: too detailed to be checked. */
    public static final class TooDetailed extends RuntimeException {
        TooDetailed() {
            super("too detailed", null, false, false);
        }
    }

    private Breakdown() {
    }

    /**
     * @param masked   the dimension keyed by a bit mask, or {@link Masked#NONE}
     * @param filters  how many filters the request has (the atoms' flags)
     * @param from     first month of the range (Tally.NO_MONTH_BEFORE when open or undated)
     * @param to       last month of the range (Tally.NO_MONTH_AFTER when open or undated)
     */
    public static List<Cell> cells(int dimensions, Masked masked, int filters, int from, int to, List<Atom> atoms) {
        return cells(dimensions, masked, filters, from, to, atoms, Integer.MAX_VALUE);
    }

    /**
     * @param maxSlots at most this many accumulators (one per key of every subset of the dimensions, per filter variant;
     *                 each holds 6 figures x 5 longs): beyond, {@link TooDetailed}
     */
    public static List<Cell> cells(int dimensions, Masked masked, int filters, int from, int to, List<Atom> atoms,
            int maxSlots) {
        int kept = 1 << dimensions;
        int variants = 1 << filters;
        int all = variants - 1;
        int width = variants * 6 * Tally.Months.SLOT;
        List<Map<List<String>, long[]>> byKept = new ArrayList<>(kept);
        for (int k = 0; k < kept; k++) {
            byKept.add(new HashMap<>());
        }
        int[] slots = { 0 };
        for (Atom atom : atoms) {
            long[] m = atom.measures();
            long[] measures = { m[0], m[1], m[2], m[3], m[4], m[2] + m[3] - m[4] };
            for (int k = 0; k < kept; k++) {
                for (List<String> key : project(atom.keys(), k, masked)) {
                    long[] acc = byKept.get(k).computeIfAbsent(key, x -> {
                        slots[0] += variants;
                        if (slots[0] > maxSlots) {
                            throw new TooDetailed();
                        }
                        long[] fresh = new long[width];
                        for (int at = 0; at < width; at += Tally.Months.SLOT) {
                            Tally.Months.init(fresh, at);
                        }
                        return fresh;
                    });
                    for (int v = 0; v < variants; v++) {
                        if ((atom.filters() | v) == all) {
                            for (int i = 0; i < 6; i++) {
                                Tally.Months.add(acc, at(v, i), from, to, atom.month(), measures[i]);
                            }
                        }
                    }
                }
            }
        }
        List<Cell> cells = new ArrayList<>();
        int full = kept - 1;
        for (Map.Entry<List<String>, long[]> e : byKept.get(full).entrySet()) {
            long[] acc = e.getValue();
            if (acc[at(0, 0)] == 0) {
                continue;
            }
            Tally[] figures = new Tally[6];
            for (int i = 0; i < 6; i++) {
                List<Tally.Nested> summable = new ArrayList<>(variants);
                for (int v = 0; v < variants; v++) {
                    summable.add(Tally.Months.nested(acc, at(v, i)));
                }
                List<Tally.Nested> own = new ArrayList<>();
                for (int k = 0; k < full; k++) {
                    long[] marginal = byKept.get(k).get(mask(e.getKey(), k));
                    for (int v = 0; v < variants; v++) {
                        own.add(Tally.Months.nested(marginal, at(v, i)));
                    }
                }
                figures[i] = new Tally(summable.get(0).total(), summable, own);
            }
            cells.add(new Cell(e.getKey(), new Disclosure.Figures(figures[0], figures[1], figures[2], figures[3],
                    figures[4], figures[5])));
        }
        cells.sort(Comparator.comparing(c -> String.join("\u0001", c.keys())));
        return cells;
    }

    /** Where figure {@code i} of filter variant {@code v} starts in an accumulator array. */
    private static int at(int v, int i) {
        return (v * 6 + i) * Tally.Months.SLOT;
    }

    /** The keys of an atom with the dimensions outside {@code kept} blanked; a mask becomes its values. */
    private static List<List<String>> project(List<String> keys, int kept, Masked masked) {
        List<String> base = mask(keys, kept);
        int d = masked.dimension();
        if (d < 0 || (kept & (1 << d)) == 0) {
            return List.of(base);
        }
        int bits = Integer.parseInt(keys.get(d));
        List<List<String>> out = new ArrayList<>(masked.values().size());
        for (int b = 0; b < masked.values().size(); b++) {
            if ((bits & (1 << b)) != 0) {
                List<String> key = new ArrayList<>(base);
                key.set(d, masked.values().get(b));
                out.add(key);
            }
        }
        return out;
    }

    private static List<String> mask(List<String> keys, int kept) {
        String[] out = keys.toArray(String[]::new);
        for (int d = 0; d < out.length; d++) {
            if ((kept & (1 << d)) == 0) {
                out[d] = ANY;
            }
        }
        return Arrays.asList(out);
    }
}
