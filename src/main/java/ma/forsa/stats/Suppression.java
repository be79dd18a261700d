package ma.forsa.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Small-cell suppression for MINISTRY: a row with fewer than {@code threshold} enrolled learners is hidden,
 * and so that hidden values cannot be recovered by subtraction from a total, whenever rows sharing all keys
 * but one contain exactly one hidden row, the smallest visible row of that group is hidden too (repeated
 * until stable). With a single dimension the whole table is one group (its total is the ungrouped query).
 */
final class Suppression {

    private Suppression() {
    }

    static List<StatsRow> apply(List<StatsRow> rows, int dimensions, int threshold) {
        boolean[] hidden = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            hidden[i] = rows.get(i).enrolled() < threshold;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int d = 0; d < dimensions; d++) {
                Map<List<String>, List<Integer>> groups = new HashMap<>();
                for (int i = 0; i < rows.size(); i++) {
                    List<String> others = new ArrayList<>(dimensions - 1);
                    List<StatsKey> keys = rows.get(i).keys();
                    for (int k = 0; k < dimensions; k++) {
                        if (k != d) {
                            others.add(keys.get(k).value());
                        }
                    }
                    groups.computeIfAbsent(others, x -> new ArrayList<>()).add(i);
                }
                for (List<Integer> group : groups.values()) {
                    if (group.size() < 2 || group.stream().filter(i -> hidden[i]).count() != 1) {
                        continue;
                    }
                    int next = group.stream().filter(i -> !hidden[i])
                            .min(Comparator.comparingInt((Integer i) -> rows.get(i).enrolled()).thenComparingInt(i -> i))
                            .orElseThrow();
                    hidden[next] = true;
                    changed = true;
                }
            }
        }
        List<StatsRow> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(hidden[i] ? rows.get(i).suppress() : rows.get(i));
        }
        return out;
    }
}
