package ma.forsa.agreement;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("AgreementOrder")
@Description("The order of the agreements list (ties broken by id, so that cursors are stable); descending: true reverses it.")
public enum AgreementOrder {
    REFERENCE,
    STARTS_ON,
    ENDS_ON,
    BUDGET
}
