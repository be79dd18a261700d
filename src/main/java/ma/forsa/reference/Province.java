package ma.forsa.reference;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A provincial or prefectural directorate under an academy. */
@Type("Province")
public record Province(@Id @NonNull String code, @NonNull String name, String nameAr, @Ignore String academyCode) {
}
