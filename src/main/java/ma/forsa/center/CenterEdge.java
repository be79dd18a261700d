package ma.forsa.center;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CenterEdge")
public record CenterEdge(@NonNull String cursor, @NonNull Center node) {
}
