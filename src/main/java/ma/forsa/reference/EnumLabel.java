package ma.forsa.reference;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The labels of one value of one enum of the schema, in the three languages of the catalogue. */
@Type("EnumLabel")
@Description("The labels of an enum value in French, English and Arabic (Arabic falls back to French where no translation exists "
        + "yet). The French label is the one exports write and the import reads back.")
public record EnumLabel(@NonNull String type, @NonNull String value, @NonNull String fr, @NonNull String en, @NonNull String ar) {
}
