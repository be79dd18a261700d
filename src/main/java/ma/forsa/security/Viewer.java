package ma.forsa.security;

import java.util.List;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The caller as Forsa understands their token. */
@Type("Viewer")
public record Viewer(@NonNull String subject, @NonNull List<@NonNull String> roles, @Id String academyCode,
        @Id String associationId) {

    static Viewer of(AccessScope scope) {
        return new Viewer(scope.subject(), scope.roles().stream().sorted().map(Enum::name).toList(), scope.academyScope(),
                scope.associationScope() == null ? null : scope.associationScope().toString());
    }
}
