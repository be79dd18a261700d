package ma.forsa.stats;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import ma.forsa.agreement.Agreement;
import ma.forsa.agreement.Tranche;

/** A planned tranche falling due, with its agreement. */
@Type("DueTranche")
public record DueTranche(@NonNull Tranche tranche, @NonNull Agreement agreement) {
}
