package ma.forsa.enrollment;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("EnrollmentEdge")
public record EnrollmentEdge(@NonNull String cursor, @NonNull Enrollment node) {
}
