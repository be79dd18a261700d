package ma.forsa.learner;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("LearnerEdge")
public record LearnerEdge(@NonNull String cursor, @NonNull Learner node) {
}
