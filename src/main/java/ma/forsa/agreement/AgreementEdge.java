package ma.forsa.agreement;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AgreementEdge")
public record AgreementEdge(@NonNull String cursor, @NonNull Agreement node) {
}
