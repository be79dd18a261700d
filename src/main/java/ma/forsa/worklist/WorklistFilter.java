package ma.forsa.worklist;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("WorklistFilter")
public record WorklistFilter(@Description("Items of this centre (tranches: of agreements covering it).") @Id String centerId,
        @Description("Items of this association's centres (tranches: of its agreements).") @Id String associationId) {
}
