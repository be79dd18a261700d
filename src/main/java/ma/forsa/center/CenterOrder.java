package ma.forsa.center;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("CenterOrder")
@Description("The order of the centres list (ties broken by id, so that cursors are stable); descending: true reverses it.")
public enum CenterOrder {
    CODE,
    NAME,
    CAPACITY
}
