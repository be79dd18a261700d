package ma.forsa.grant;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AccessGrantEdge")
public record AccessGrantEdge(@NonNull String cursor, @NonNull AccessGrant node) {
}
