package ma.forsa.association;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("AssociationOrder")
@Description("The order of the associations list (ties broken by id, so that cursors are stable).")
public enum AssociationOrder {
    NAME,
    REGISTRATION_NUMBER
}
