package ma.forsa.reference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLSchema;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import ma.forsa.common.Inputs;
import ma.forsa.common.i18n.Messages;
import ma.forsa.security.Action;
import ma.forsa.security.CurrentAccess;
import ma.forsa.security.Requires;

/** Labels of every enum of the schema in French, English and Arabic, from the catalogue ({@code enum.<Type>.<VALUE>}). */
@GraphQLApi
public class LabelsApi {

    private final CurrentAccess access;

    @Inject
    public LabelsApi(CurrentAccess access) {
        this.access = access;
    }

    @Query("enumLabels")
    @Requires(Action.READ_REFERENCE)
    @Description("Labels of the values of every enum (or of the enum named by type, e.g. \"EnrollmentStatus\") in fr, en and ar, "
            + "for menus and tables; fetch once and cache.")
    public Uni<@NonNull List<@NonNull EnumLabel>> enumLabels(@Name("type") String type) {
        access.require();
        String wanted = Inputs.optional("type", type, 100);
        return Uni.createFrom().item(() -> labels(wanted));
    }

    static List<EnumLabel> labels(String type) {
        GraphQLSchema schema = Arc.container().instance(GraphQLSchema.class).get();
        List<EnumLabel> out = new ArrayList<>();
        schema.getAllTypesAsList().stream().filter(t -> t instanceof GraphQLEnumType && !t.getName().startsWith("__"))
                .map(t -> (GraphQLEnumType) t).filter(t -> type == null || t.getName().equals(type))
                .sorted(Comparator.comparing(GraphQLEnumType::getName)).forEach(e -> {
                    for (GraphQLEnumValueDefinition v : e.getValues()) {
                        out.add(new EnumLabel(e.getName(), v.getName(), Messages.label(Messages.FRENCH, e.getName(), v.getName()),
                                Messages.label(Messages.ENGLISH, e.getName(), v.getName()),
                                Messages.label(Messages.ARABIC, e.getName(), v.getName())));
                    }
                });
        return out;
    }
}
