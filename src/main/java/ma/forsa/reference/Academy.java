package ma.forsa.reference;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One of the 12 regional academies of education and training (AREF). */
@Type("Academy")
public record Academy(@Id @NonNull String code, @NonNull String name, String nameAr) {
}
