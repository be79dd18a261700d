package ma.forsa.stats;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One dimension's value in a statistics row (codes, not names: see README "Statistics"). */
@Type("StatsKey")
public record StatsKey(@NonNull StatsDimension dimension, @NonNull String value) {
}
