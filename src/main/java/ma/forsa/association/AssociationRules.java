package ma.forsa.association;

import java.util.List;
import java.util.Map;

import ma.forsa.common.ApiException;
import ma.forsa.common.Inputs;

/** The association lifecycle and the checks of an association's fields (pure functions). */
public final class AssociationRules {

    /** ACTIVE ↔ SUSPENDED, then DISSOLVED (final). */
    public static final Map<AssociationStatus, List<AssociationStatus>> NEXT = Map.of(
            AssociationStatus.ACTIVE, List.of(AssociationStatus.SUSPENDED, AssociationStatus.DISSOLVED),
            AssociationStatus.SUSPENDED, List.of(AssociationStatus.ACTIVE, AssociationStatus.DISSOLVED),
            AssociationStatus.DISSOLVED, List.of());

    private AssociationRules() {
    }

    /** A validated input: trimmed, bounded, well-formed. */
    public record Valid(String registrationNumber, String name, String provinceCode, String email, String phone,
            boolean networkMember) {
    }

    public static Valid validate(AssociationInput input) {
        Inputs.present("input", input);
        return new Valid(Inputs.required("registrationNumber", input.registrationNumber(), 40),
                Inputs.required("name", input.name(), 200), Inputs.required("provinceCode", input.provinceCode(), 8),
                Inputs.email("email", input.email()), Inputs.phone("phone", input.phone()),
                input.networkMember() != null && input.networkMember());
    }

    /** Refuses a transition the lifecycle does not allow, or a suspension/dissolution without a reason. */
    public static void checkTransition(AssociationStatus from, AssociationStatus to, String reason) {
        List<AssociationStatus> allowed = NEXT.get(from);
        if (!allowed.contains(to)) {
            throw ApiException.invalidTransition("Association", from, to, allowed);
        }
        if (to != AssociationStatus.ACTIVE && reason == null) {
            throw ApiException.invalid("reason", "association.reason.required");
        }
    }
}
