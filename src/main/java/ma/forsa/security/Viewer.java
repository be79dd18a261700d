package ma.forsa.security;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The caller as Forsa understands their token. */
@Type("Viewer")
public record Viewer(@NonNull String subject,
        @Description("The caller's roles by name (the contract's type); roleList gives them typed.") @NonNull List<@NonNull String> roles,
        @Id String academyCode, @Id String associationId,
        @Description("The caller's roles, most powerful first.") @NonNull List<@NonNull Role> roleList) {

    static Viewer of(AccessScope scope) {
        List<Role> roles = scope.roles().stream().sorted().toList();
        return new Viewer(scope.subject(), roles.stream().map(Enum::name).toList(), scope.academyScope(),
                scope.associationScope() == null ? null : scope.associationScope().toString(), roles);
    }
}
