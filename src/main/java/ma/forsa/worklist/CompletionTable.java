package ma.forsa.worklist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ma.forsa.security.Breakdown;
import ma.forsa.security.Disclosure;

/**
 * MINISTRY's follow-up completion, a table of the disclosure rule exactly like a statistics table (docs/disclosure.md):
 * atoms per (academy, association, month the recording window closed) go through security/{@link Breakdown} (every
 * grouping left out, every wider range of months) and {@link Disclosure#protect(List)}. A row's figures are those of
 * a statistics row with enrolled = due, completed = recorded on time and droppedOut = late (due − on time), active
 * and integrated 0: the late follow-ups are judged as a sub-figure, so that due and on time are never both shown when
 * their difference singles anyone out, and the rate comes only from shown figures. Pure.
 */
final class CompletionTable {

    /** Follow-ups of one association's centres in one academy whose window closed in one month, and those on time. */
    record Atom(String academyCode, UUID associationId, String associationName, int month, long due, long onTime) {
    }

    private CompletionTable() {
    }

    /**
     * The rows MINISTRY sees for the months {@code from..to} (month indexes, {@link Disclosure#month}): judged on the
     * whole country's table, then narrowed to {@code academyCode} (when given), so that a filtered answer is a part of
     * the unfiltered one and tells nothing more.
     */
    static List<FollowUpCompletion> disclosed(Disclosure rule, FollowUpGroup group, int from, int to, String academyCode,
            List<Atom> atoms) {
        boolean byAssociation = group == FollowUpGroup.ASSOCIATION;
        Map<String, String> names = new HashMap<>();
        List<Breakdown.Atom> breakdown = new ArrayList<>(atoms.size());
        for (Atom a : atoms) {
            List<String> keys = byAssociation ? List.of(a.academyCode(), a.associationId().toString()) : List.of(a.academyCode());
            names.put(a.associationId().toString(), a.associationName());
            breakdown.add(new Breakdown.Atom(keys, a.month(), 0,
                    new long[] { a.due(), 0, a.onTime(), a.due() - a.onTime(), 0 }));
        }
        List<Breakdown.Cell> cells = Breakdown.cells(byAssociation ? 2 : 1, Breakdown.Masked.NONE, 0, from, to, breakdown);
        List<Disclosure.Shown> shown = rule.protect(cells.stream().map(c -> new Disclosure.Row(c.keys(), c.figures())).toList());
        List<FollowUpCompletion> out = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            List<String> keys = cells.get(i).keys();
            if (academyCode != null && !academyCode.equals(keys.get(0))) {
                continue;
            }
            Disclosure.Figures f = cells.get(i).figures();
            Disclosure.Shown s = shown.get(i);
            Integer due = s.enrolled() ? (int) f.enrolled().total() : null;
            Integer onTime = s.subFigures() ? (int) f.completed().total() : null;
            Double rate = onTime == null || due == null || due == 0 ? null : (double) onTime / due;
            String association = byAssociation ? keys.get(1) : null;
            out.add(new FollowUpCompletion(keys.get(0), association, association == null ? null : names.get(association), due,
                    onTime, rate, s.suppressed()));
        }
        out.sort(Comparator.comparing(FollowUpCompletion::academyCode)
                .thenComparing(r -> r.associationName() == null ? "" : r.associationName())
                .thenComparing(r -> r.associationId() == null ? "" : r.associationId()));
        return out;
    }
}
