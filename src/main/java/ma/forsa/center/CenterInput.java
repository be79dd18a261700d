package ma.forsa.center;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CenterInput")
public record CenterInput(@NonNull String code, @NonNull String name, @NonNull @Id String associationId,
        @NonNull @Id String provinceCode, String commune, int capacity, LocalDate openedOn, String address) {
}
