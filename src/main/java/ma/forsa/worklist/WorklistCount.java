package ma.forsa.worklist;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("WorklistCount")
public record WorklistCount(@NonNull WorklistKind kind, Integer count) {
}
