package ma.forsa.worklist;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("WorklistItemEdge")
public record WorklistItemEdge(@NonNull String cursor, @NonNull WorklistItem node) {
}
