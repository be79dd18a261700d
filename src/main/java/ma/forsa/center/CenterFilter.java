package ma.forsa.center;

import java.util.List;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CenterFilter")
public record CenterFilter(@Id String academyCode, @Id String provinceCode, @Id String associationId,
        @io.smallrye.graphql.api.Nullable List<@NonNull CenterStatus> status,
        @org.eclipse.microprofile.graphql.Description("Part of the code, name or commune, case ignored (at most 100 characters).") String search) {
}
