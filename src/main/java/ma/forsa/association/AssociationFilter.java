package ma.forsa.association;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("AssociationFilter")
public record AssociationFilter(
        @Description("Associations based in a province of this academy, or running a centre or an agreement there.") @Id String academyCode,
        @Description("Associations based in this province.") @Id String provinceCode,
        @io.smallrye.graphql.api.Nullable List<@NonNull AssociationStatus> status,
        @Description("Part of the name or of the registration number, case ignored (at most 100 characters).") String search) {
}
