package ma.forsa.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ma.forsa.common.ApiException;
import ma.forsa.common.Ids;
import ma.forsa.common.Inputs;

/** The agreement lifecycle of domain.md and the checks of an agreement's fields (pure functions). */
public final class AgreementRules {

    /**
     * DRAFT → SIGNED → ACTIVE → (SUSPENDED ↔ ACTIVE) → TERMINATED. A signed agreement may also be terminated
     * before it starts. EXPIRED is never requested: a running agreement becomes EXPIRED by itself once its end
     * date has passed (see {@link #effectiveStatus}).
     */
    public static final Map<AgreementStatus, List<AgreementStatus>> NEXT = Map.of(
            AgreementStatus.DRAFT, List.of(AgreementStatus.SIGNED),
            AgreementStatus.SIGNED, List.of(AgreementStatus.ACTIVE, AgreementStatus.TERMINATED),
            AgreementStatus.ACTIVE, List.of(AgreementStatus.SUSPENDED, AgreementStatus.TERMINATED),
            AgreementStatus.SUSPENDED, List.of(AgreementStatus.ACTIVE, AgreementStatus.TERMINATED),
            AgreementStatus.TERMINATED, List.of(),
            AgreementStatus.EXPIRED, List.of());

    private AgreementRules() {
    }

    /**
     * The status callers see on {@code today}: a SIGNED, ACTIVE or SUSPENDED agreement whose end date has passed is
     * EXPIRED. SQL filters use the same rule, {@link Agreement#effectiveStatus(LocalDate)} (AgreementRulesTest
     * checks that both agree).
     */
    public static AgreementStatus effectiveStatus(AgreementStatus stored, LocalDate endsOn, LocalDate today) {
        boolean running = stored == AgreementStatus.SIGNED || stored == AgreementStatus.ACTIVE
                || stored == AgreementStatus.SUSPENDED;
        return running && endsOn.isBefore(today) ? AgreementStatus.EXPIRED : stored;
    }

    /** Agreements that enrollments may count towards on a date: signed or active, and that date inside the term. */
    public static boolean acceptsEnrollments(AgreementStatus effective, LocalDate startsOn, LocalDate endsOn, LocalDate on) {
        return (effective == AgreementStatus.SIGNED || effective == AgreementStatus.ACTIVE) && !on.isBefore(startsOn)
                && !on.isAfter(endsOn);
    }

    /** A validated agreement input. */
    public record Valid(String reference, AgreementKind kind, String academyCode, UUID associationId, LocalDate startsOn,
            LocalDate endsOn, BigDecimal budget, int targetBeneficiaries, Double targetIntegrationRate, List<UUID> centerIds) {
    }

    public static Valid validate(AgreementInput in) {
        Inputs.present("input", in);
        String reference = Inputs.required("reference", in.reference(), 60);
        AgreementKind kind = Inputs.present("kind", in.kind());
        String academy = Inputs.required("academyCode", in.academyCode(), 8);
        UUID association = Ids.parseInput(in.associationId(), "associationId");
        LocalDate startsOn = Inputs.present("startsOn", in.startsOn());
        LocalDate endsOn = Inputs.present("endsOn", in.endsOn());
        if (endsOn.isBefore(startsOn)) {
            throw ApiException.invalid("endsOn", "agreement.endsOn.beforeStart");
        }
        BigDecimal budget = Inputs.amount("budget", in.budget(), false);
        Inputs.atLeast("targetBeneficiaries", in.targetBeneficiaries(), 0);
        Double rate = Inputs.rate("targetIntegrationRate", in.targetIntegrationRate());
        return new Valid(reference, kind, academy, association, startsOn, endsOn, budget, in.targetBeneficiaries(), rate,
                centerIds(in.centerIds()));
    }

    /** At most 500 distinct centres; null means "keep the coverage". */
    public static List<UUID> centerIds(List<String> ids) {
        if (ids == null) {
            return null;
        }
        if (ids.size() > 500) {
            throw ApiException.invalid("centerIds", "agreement.centerIds.tooMany", 500);
        }
        Set<UUID> out = new LinkedHashSet<>();
        for (String id : ids) {
            if (!out.add(Ids.parseInput(id, "centerIds"))) {
                throw ApiException.invalid("centerIds", "agreement.centerIds.twice");
            }
        }
        return List.copyOf(out);
    }

    public static void checkTransition(AgreementStatus from, AgreementStatus to, String reason) {
        List<AgreementStatus> allowed = NEXT.get(from);
        if (!allowed.contains(to)) {
            throw ApiException.invalidTransition("Agreement", from, to, allowed);
        }
        if ((to == AgreementStatus.TERMINATED || to == AgreementStatus.SUSPENDED) && reason == null) {
            throw ApiException.invalid("reason", to == AgreementStatus.TERMINATED ? "agreement.reason.terminate"
                    : "agreement.reason.suspend");
        }
    }

    /** Planned and paid tranches; withheld ones will not be paid. */
    public static BigDecimal committed(List<TrancheEntity> tranches) {
        return tranches.stream().filter(t -> t.status != TrancheStatus.WITHHELD).map(t -> t.amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
