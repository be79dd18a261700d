package ma.forsa.stats;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The counts of one cell of a statistics table; all null when suppressed for the viewer. */
@Type("StatsRow")
public record StatsRow(@NonNull List<@NonNull StatsKey> keys, Integer enrolled, Integer active, Integer completed,
        Integer droppedOut, Integer integrated, Double integrationRate, boolean suppressed) {

    public static StatsRow of(List<StatsKey> keys, int enrolled, int active, int completed, int droppedOut, int integrated) {
        int leavers = completed + droppedOut;
        return new StatsRow(keys, enrolled, active, completed, droppedOut, integrated,
                leavers == 0 ? null : (double) integrated / leavers, false);
    }

    public StatsRow suppress() {
        return new StatsRow(keys, null, null, null, null, null, null, true);
    }

    public String value(StatsDimension dimension) {
        return keys.stream().filter(k -> k.dimension() == dimension).map(StatsKey::value).findFirst().orElse(null);
    }
}
