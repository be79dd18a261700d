package ma.forsa.stats;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.security.Disclosure;

/**
 * The counts of one cell of a statistics table. For MINISTRY (security/Disclosure) a figure that may not be shown is
 * null and {@code suppressed} is true: all of them when enrolled is withheld, the sub-figures only otherwise.
 */
@Type("StatsRow")
public record StatsRow(@NonNull List<@NonNull StatsKey> keys, Integer enrolled, Integer active, Integer completed,
        Integer droppedOut, Integer integrated, Double integrationRate,
        @Description("True where a figure of this row is withheld from the viewer (null): a count under the threshold, or "
                + "one that a total or another allowed query would reveal (README \"Statistics\").") boolean suppressed) {

    public static StatsRow of(List<StatsKey> keys, int enrolled, int active, int completed, int droppedOut, int integrated) {
        int leavers = completed + droppedOut;
        return new StatsRow(keys, enrolled, active, completed, droppedOut, integrated,
                leavers == 0 ? null : (double) integrated / leavers, false);
    }

    public StatsRow suppress() {
        return new StatsRow(keys, null, null, null, null, null, null, true);
    }

    /** The row as the disclosure rule lets MINISTRY see it. */
    public StatsRow shown(Disclosure.Shown shown) {
        if (!shown.enrolled()) {
            return suppress();
        }
        if (!shown.subFigures()) {
            return new StatsRow(keys, enrolled, null, null, null, null, null, true);
        }
        return this;
    }

    public String value(StatsDimension dimension) {
        return keys.stream().filter(k -> k.dimension() == dimension).map(StatsKey::value).findFirst().orElse(null);
    }
}
