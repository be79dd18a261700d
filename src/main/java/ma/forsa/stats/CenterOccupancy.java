package ma.forsa.stats;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.center.Center;

/** An open centre with its open enrollments against its capacity. */
@Type("CenterOccupancy")
public record CenterOccupancy(@NonNull Center center, int capacity, int occupancy, double occupancyRate) {
}
