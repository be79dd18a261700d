package ma.forsa.audit;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AuditChange")
@Description("One changed field. Personal fields carry no values (personal = true); notes (e.g. an import's totals) carry only new.")
public record AuditChange(@NonNull String field, String old, @Name("new") String newValue, boolean personal) {
}
