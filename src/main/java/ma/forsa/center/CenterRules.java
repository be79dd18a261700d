package ma.forsa.center;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import ma.forsa.common.ApiException;
import ma.forsa.common.Ids;
import ma.forsa.common.Inputs;

/** The centre lifecycle and the checks of a centre's fields (pure functions). */
public final class CenterRules {

    public static final int MAX_CAPACITY = 5000;
    private static final Pattern CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    /** OPEN ↔ SUSPENDED, then CLOSED (final, only without open enrollments). */
    public static final Map<CenterStatus, List<CenterStatus>> NEXT = Map.of(
            CenterStatus.OPEN, List.of(CenterStatus.SUSPENDED, CenterStatus.CLOSED),
            CenterStatus.SUSPENDED, List.of(CenterStatus.OPEN, CenterStatus.CLOSED),
            CenterStatus.CLOSED, List.of());

    private CenterRules() {
    }

    public record Valid(String code, String name, UUID associationId, String provinceCode, String commune, String address,
            int capacity, LocalDate openedOn) {
    }

    public static Valid validate(CenterInput input) {
        Inputs.present("input", input);
        String code = Inputs.required("code", input.code(), 32);
        if (!CODE.matcher(code).matches()) {
            throw ApiException.invalid("code", "center.code.format");
        }
        String name = Inputs.required("name", input.name(), 200);
        UUID association = Ids.parseInput(input.associationId(), "associationId");
        String province = Inputs.required("provinceCode", input.provinceCode(), 8);
        String commune = Inputs.optional("commune", input.commune(), 120);
        String address = Inputs.optional("address", input.address(), 300);
        Inputs.atLeast("capacity", input.capacity(), 1);
        if (input.capacity() > MAX_CAPACITY) {
            throw ApiException.invalid("capacity", "center.capacity.max", MAX_CAPACITY);
        }
        return new Valid(code, name, association, province, commune, address, input.capacity(), input.openedOn());
    }

    public static void checkTransition(CenterStatus from, CenterStatus to, String reason, int openEnrollments) {
        List<CenterStatus> allowed = NEXT.get(from);
        if (!allowed.contains(to)) {
            throw ApiException.invalidTransition("Center", from, to, allowed);
        }
        if (to != CenterStatus.OPEN && reason == null) {
            throw ApiException.invalid("reason", "center.reason.required");
        }
        if (to == CenterStatus.CLOSED && openEnrollments > 0) {
            throw ApiException.invalid("to", "center.close.open", openEnrollments);
        }
    }

    public static void checkCapacity(int capacity, int openEnrollments) {
        if (capacity < openEnrollments) {
            throw ApiException.invalid("capacity", "center.capacity.belowOpen", openEnrollments);
        }
    }
}
