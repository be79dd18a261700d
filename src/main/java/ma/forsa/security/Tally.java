package ma.forsa.security;

import java.util.ArrayList;
import java.util.List;

/**
 * A count of learners (or of their enrollments) as the disclosure rule ({@link Disclosure}) judges it: the count
 * itself and the counts of the other allowed queries nested with it (the same figure with a filter or a grouping
 * dimension left out, with a wider date range, or a sibling set of a list), each with what lies just outside the
 * figure's date range. The rule needs only that: see {@link Disclosure#shows(Tally)}.
 *
 * <p>{@code summable} neighbours are aligned across the figures of one answer (the same filters dropped), so that the
 * tally of a sum of figures (what a total minus the shown figures gives away) is the sum of their tallies;
 * {@code own} neighbours belong to this figure only (the grouping dimensions it has) and are dropped from sums.
 */
public final class Tally {

    /** Month index of "no month": before every month, or after every month. */
    public static final int NO_MONTH_BEFORE = Integer.MIN_VALUE;
    public static final int NO_MONTH_AFTER = Integer.MAX_VALUE;

    public static final Tally ZERO = new Tally(0, List.of(), List.of());

    /**
     * One allowed query nested with the figure's: its count over the figure's date range, and its nearest month with a
     * non-zero count before the range ({@code beforeMonth}, count {@code before}) and after it; 0 / NO_MONTH when none
     * (always for undated figures). Months are {@code year * 12 + month - 1}.
     */
    public record Nested(long total, int beforeMonth, long before, int afterMonth, long after) {

        public static Nested of(long total) {
            return new Nested(total, NO_MONTH_BEFORE, 0, NO_MONTH_AFTER, 0);
        }

        /** The same query counting the union of two disjoint sets. */
        public Nested plus(Nested o) {
            int bm = Math.max(beforeMonth, o.beforeMonth);
            long b = (beforeMonth == bm ? before : 0) + (o.beforeMonth == bm ? o.before : 0);
            int am = Math.min(afterMonth, o.afterMonth);
            long a = (afterMonth == am ? after : 0) + (o.afterMonth == am ? o.after : 0);
            return new Nested(total + o.total, bm, b, am, a);
        }
    }

    /**
     * Accumulates one count split by month for a query over the months {@code from..to} (inclusive; NO_MONTH_BEFORE /
     * NO_MONTH_AFTER for an open end; both for an undated query).
     */
    public static final class Months {
        /** Longs one accumulator takes in a shared array ({@link #add(long[], int, int, int, int, long)}). */
        public static final int SLOT = 5;

        private final int from;
        private final int to;
        private final long[] slot = new long[SLOT];

        public Months(int from, int to) {
            this.from = from;
            this.to = to;
            init(slot, 0);
        }

        public void add(int month, long count) {
            add(slot, 0, from, to, month, count);
        }

        public Nested nested() {
            return nested(slot, 0);
        }

        /** Prepares the accumulator at {@code at} of a shared array (many accumulators without an object each). */
        public static void init(long[] acc, int at) {
            acc[at + 1] = NO_MONTH_BEFORE;
            acc[at + 3] = NO_MONTH_AFTER;
        }

        /** Adds {@code count} records of {@code month} to the accumulator at {@code at}, for a query over from..to. */
        public static void add(long[] acc, int at, int from, int to, int month, long count) {
            if (count == 0) {
                return;
            }
            if (month >= from && month <= to) {
                acc[at] += count;
            } else if (month < from) {
                if (month > acc[at + 1]) {
                    acc[at + 1] = month;
                    acc[at + 2] = count;
                } else if (month == acc[at + 1]) {
                    acc[at + 2] += count;
                }
            } else if (month < acc[at + 3]) {
                acc[at + 3] = month;
                acc[at + 4] = count;
            } else if (month == acc[at + 3]) {
                acc[at + 4] += count;
            }
        }

        public static Nested nested(long[] acc, int at) {
            return new Nested(acc[at], (int) acc[at + 1], acc[at + 2], (int) acc[at + 3], acc[at + 4]);
        }
    }

    private final long total;
    private final List<Nested> summable;
    private final List<Nested> own;

    /**
     * {@code summable.get(0)}, when given, is the figure itself (its months around the range); the others and
     * {@code own} are the nested queries.
     */
    public Tally(long total, List<Nested> summable, List<Nested> own) {
        if (total < 0) {
            throw new IllegalArgumentException("a count cannot be negative: " + total);
        }
        this.total = total;
        this.summable = List.copyOf(summable);
        this.own = List.copyOf(own);
    }

    /** A count with no other allowed query nested with it. */
    public static Tally of(long count) {
        return new Tally(count, List.of(), List.of());
    }

    /** A count with the totals of the allowed queries nested with it (undated). */
    public static Tally among(long count, List<Long> nestedTotals) {
        return new Tally(count, List.of(), nestedTotals.stream().map(Nested::of).toList());
    }

    public long total() {
        return total;
    }

    public List<Nested> summable() {
        return summable;
    }

    public List<Nested> own() {
        return own;
    }

    /** Every nested query the rule checks. */
    public List<Nested> nested() {
        List<Nested> all = new ArrayList<>(summable.size() + own.size());
        all.addAll(summable);
        all.addAll(own);
        return all;
    }

    /** The tally of the union of two disjoint sets counted by the same query (own neighbours do not add up). */
    public Tally plus(Tally o) {
        if (o.summable.isEmpty() && o.total == 0) {
            return new Tally(total, summable, List.of());
        }
        if (summable.isEmpty() && total == 0) {
            return new Tally(o.total, o.summable, List.of());
        }
        if (summable.size() != o.summable.size()) {
            throw new IllegalArgumentException("tallies of different questions cannot be added");
        }
        List<Nested> sum = new ArrayList<>(summable.size());
        for (int i = 0; i < summable.size(); i++) {
            sum.add(summable.get(i).plus(o.summable.get(i)));
        }
        return new Tally(total + o.total, sum, List.of());
    }

    @Override
    public String toString() {
        return "Tally[" + total + ", summable=" + summable + ", own=" + own + "]";
    }
}
