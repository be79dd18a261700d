package ma.forsa.association;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AssociationEdge")
public record AssociationEdge(@NonNull String cursor, @NonNull Association node) {
}
