package ma.forsa.association;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("AssociationInput")
public record AssociationInput(@NonNull String registrationNumber, @NonNull String name, @NonNull @Id String provinceCode,
        String email, String phone, Boolean networkMember) {
}
