package ma.forsa.agreement;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditChanges;
import ma.forsa.audit.AuditLog;
import ma.forsa.common.ApiException;
import ma.forsa.common.Clocks;
import ma.forsa.common.Inputs;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Action;
import ma.forsa.security.Policy;

/**
 * Writes of agreements, their tranches, amendments and coverage. Only DRAFT agreements are edited in place; a
 * signed one changes through amendments, which keep the replaced values. Every write locks the agreement's row.
 */
@ApplicationScoped
public class AgreementService {

    static final String ENTITY = "Agreement";
    static final String TRANCHE = "Tranche";
    static final String AMENDMENT = "Amendment";

    private final ReferenceData referenceData;
    private final AgreementRepository agreements;
    private final TrancheRepository tranches;
    private final AmendmentRepository amendments;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    public AgreementService(ReferenceData referenceData, AgreementRepository agreements, TrancheRepository tranches,
            AmendmentRepository amendments, AuditLog audit, Clock clock) {
        this.referenceData = referenceData;
        this.agreements = agreements;
        this.tranches = tranches;
        this.amendments = amendments;
        this.audit = audit;
        this.clock = clock;
    }

    /** The policy decides by kind: CENTER_MANAGEMENT agreements (MANAGE_AGREEMENTS) or FRAMEWORK ones. */
    private static void mayManage(AccessScope scope, AgreementKind kind) {
        Policy.require(scope, kind == AgreementKind.FRAMEWORK ? Action.MANAGE_FRAMEWORK_AGREEMENTS : Action.MANAGE_AGREEMENTS);
    }

    // ---------------------------------------------------------------- agreements

    @WithTransaction
    public Uni<Agreement> create(AccessScope scope, AgreementInput input) {
        AgreementRules.Valid v = AgreementRules.validate(input);
        mayManage(scope, v.kind());
        return checkParties(scope, v).chain(() -> agreements.count("reference", v.reference())).chain(taken -> {
            if (taken > 0) {
                throw referenceTaken(v.reference());
            }
            return checkCoverage(v.associationId(), v.academyCode(), v.centerIds());
        }).chain(() -> {
            AgreementEntity g = new AgreementEntity();
            g.id = UUID.randomUUID();
            g.status = AgreementStatus.DRAFT;
            g.updatedAt = clock.instant();
            AuditChanges changes = apply(g, v).field("status", null, g.status);
            if (v.centerIds() != null) {
                changes.note("centerIds", v.centerIds().stream().map(UUID::toString).toList());
            }
            return agreements.persistAndFlush(g)
                    .chain(() -> agreements.replaceCoverageInTx(g.id, v.centerIds() == null ? List.of() : v.centerIds()))
                    .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, g.id, changes.toMap()))
                    .map(x -> g.toRecord(today()));
        });
    }

    @WithTransaction
    public Uni<Agreement> update(AccessScope scope, UUID id, int version, AgreementInput input) {
        AgreementRules.Valid v = AgreementRules.validate(input);
        return load(scope, id, version).chain(g -> {
            if (g.status != AgreementStatus.DRAFT) {
                throw ApiException.invalid("id", "agreement.update.notDraft", g.reference, g.effectiveStatus(today()));
            }
            // The stored kind too: MINISTRY must not turn a CENTER_MANAGEMENT draft into a FRAMEWORK one.
            mayManage(scope, g.kind);
            mayManage(scope, v.kind());
            return checkParties(scope, v)
                    .chain(() -> v.reference().equals(g.reference) ? Uni.createFrom().item(0L)
                            : agreements.count("reference", v.reference()))
                    .chain(taken -> {
                        if (taken > 0) {
                            throw referenceTaken(v.reference());
                        }
                        boolean partiesChanged = !v.associationId().equals(g.associationId) || !v.academyCode().equals(g.academyCode);
                        Uni<List<UUID>> coverage = v.centerIds() != null ? Uni.createFrom().item(v.centerIds())
                                : partiesChanged ? agreements.coverageInTx(g.id) : Uni.createFrom().item(List.<UUID>of());
                        return coverage.chain(ids -> checkCoverage(v.associationId(), v.academyCode(), ids));
                    })
                    .chain(() -> committedTranches(g.id)).chain(planned -> {
                        if (v.budget().compareTo(planned) < 0) {
                            throw budgetBelowTranches(v.budget(), planned);
                        }
                        Uni<Void> coverage = v.centerIds() == null ? Uni.createFrom().voidItem()
                                : agreements.replaceCoverageInTx(g.id, v.centerIds());
                        return coverage.chain(() -> {
                            AuditChanges changes = apply(g, v);
                            if (v.centerIds() != null) {
                                changes.note("centerIds", v.centerIds().stream().map(UUID::toString).toList());
                            }
                            return save(scope, g, AuditAction.UPDATE, changes);
                        });
                    });
        });
    }

    @WithTransaction
    public Uni<Agreement> transition(AccessScope scope, UUID id, int version, AgreementStatus to, LocalDate on, String reason) {
        Inputs.present("to", to);
        String why = Inputs.optional("reason", reason, 500);
        LocalDate when = Inputs.notAfterToday("on", on == null ? today() : on, today());
        return load(scope, id, version).chain(g -> {
            mayManage(scope, g.kind);
            AgreementStatus from = g.effectiveStatus(today());
            AgreementRules.checkTransition(from, to, why);
            if (to == AgreementStatus.SIGNED && when.isAfter(g.endsOn)) {
                throw ApiException.invalid("on", "agreement.sign.afterEnd", g.endsOn);
            }
            // Checks that read first: the agreement is changed (and flushed) once, after them.
            Uni<Void> check = to == AgreementStatus.SIGNED && g.kind == AgreementKind.CENTER_MANAGEMENT
                    ? agreements.coverageInTx(g.id).invoke(covered -> {
                        if (covered.isEmpty()) {
                            throw ApiException.invalid("centerIds", "agreement.sign.noCentre");
                        }
                    }).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return check.chain(() -> {
                AuditChanges changes = AuditChanges.create().field("status", from, to);
                if (to == AgreementStatus.SIGNED) {
                    changes.field("signedOn", g.signedOn, when);
                    g.signedOn = when;
                } else {
                    changes.note("on", when);
                }
                changes.field("statusReason", g.statusReason, why);
                g.status = to;
                g.statusReason = why;
                return save(scope, g, AuditAction.TRANSITION, changes);
            });
        });
    }

    @WithTransaction
    public Uni<Agreement> amend(AccessScope scope, UUID id, int version, AmendmentInput input) {
        Inputs.present("input", input);
        LocalDate signedOn = Inputs.notAfterToday("signedOn", Inputs.present("signedOn", input.signedOn()), today());
        String summary = Inputs.required("summary", input.summary(), 1000);
        BigDecimal budget = input.budget() == null ? null : Inputs.amount("budget", input.budget(), false);
        if (input.targetBeneficiaries() != null) {
            Inputs.atLeast("targetBeneficiaries", input.targetBeneficiaries(), 0);
        }
        Double rate = Inputs.rate("targetIntegrationRate", input.targetIntegrationRate());
        List<UUID> centers = AgreementRules.centerIds(input.centerIds());
        return load(scope, id, version).chain(g -> {
            mayManage(scope, g.kind);
            if (g.status == AgreementStatus.DRAFT) {
                throw ApiException.invalid("agreementId", "agreement.amend.draft", g.reference);
            }
            if (g.status == AgreementStatus.TERMINATED || g.status == AgreementStatus.EXPIRED) {
                throw ApiException.invalid("agreementId", "agreement.amend.over", g.reference, g.status);
            }
            if (signedOn.isBefore(g.signedOn)) {
                throw ApiException.invalid("signedOn", "agreement.amend.beforeSigned", g.signedOn);
            }
            if (input.endsOn() != null && input.endsOn().isBefore(g.startsOn)) {
                throw ApiException.invalid("endsOn", "agreement.amend.endsBeforeStart", g.startsOn);
            }
            return checkCoverage(g.associationId, g.academyCode, centers).chain(() -> committedTranches(g.id)).chain(planned -> {
                if (budget != null && budget.compareTo(planned) < 0) {
                    throw budgetBelowTranches(budget, planned);
                }
                return (centers == null ? Uni.createFrom().voidItem() : agreements.replaceCoverageInTx(g.id, centers))
                        .chain(() -> amendments.nextSeq(g.id));
            }).chain(seq -> {
                AmendmentEntity m = new AmendmentEntity();
                m.id = UUID.randomUUID();
                m.agreementId = g.id;
                m.seq = seq;
                m.signedOn = signedOn;
                m.summary = summary;
                AuditChanges changes = AuditChanges.create();
                if (input.endsOn() != null && !input.endsOn().equals(g.endsOn)) {
                    m.previousEndsOn = g.endsOn;
                    m.newEndsOn = input.endsOn();
                    changes.field("endsOn", g.endsOn, input.endsOn());
                    g.endsOn = input.endsOn();
                }
                if (budget != null && budget.compareTo(g.budget) != 0) {
                    m.previousBudget = g.budget;
                    m.newBudget = budget;
                    changes.field("budget", g.budget.toPlainString(), budget.toPlainString());
                    g.budget = budget;
                }
                if (input.targetBeneficiaries() != null && input.targetBeneficiaries() != g.targetBeneficiaries) {
                    m.previousTargetBeneficiaries = g.targetBeneficiaries;
                    m.newTargetBeneficiaries = input.targetBeneficiaries();
                    changes.field("targetBeneficiaries", g.targetBeneficiaries, input.targetBeneficiaries());
                    g.targetBeneficiaries = input.targetBeneficiaries();
                }
                if (rate != null && !rate.equals(g.targetIntegrationRate)) {
                    m.previousTargetIntegrationRate = g.targetIntegrationRate;
                    m.newTargetIntegrationRate = rate;
                    changes.field("targetIntegrationRate", g.targetIntegrationRate, rate);
                    g.targetIntegrationRate = rate;
                }
                changes.note("amendment", m.seq);
                if (centers != null) {
                    changes.note("centerIds", centers.stream().map(UUID::toString).toList());
                }
                AuditChanges created = AuditChanges.create().note("agreementId", g.id).note("seq", m.seq)
                        .field("signedOn", null, signedOn).field("endsOn", null, m.newEndsOn)
                        .field("budget", null, m.newBudget).field("targetBeneficiaries", null, m.newTargetBeneficiaries)
                        .field("targetIntegrationRate", null, m.newTargetIntegrationRate);
                return amendments.persist(m)
                        .chain(() -> audit.record(scope, AuditAction.CREATE, AMENDMENT, m.id, created.toMap()))
                        .chain(() -> save(scope, g, AuditAction.UPDATE, changes));
            });
        });
    }

    // ---------------------------------------------------------------- tranches

    @WithTransaction
    public Uni<Agreement> addTranche(AccessScope scope, UUID id, int version, TrancheInput input) {
        Inputs.present("input", input);
        BigDecimal amount = Inputs.amount("amount", input.amount(), true);
        LocalDate dueOn = Inputs.present("dueOn", input.dueOn());
        String condition = Inputs.optional("condition", input.condition(), 500);
        return load(scope, id, version).chain(g -> {
            mayManage(scope, g.kind);
            AgreementStatus status = g.effectiveStatus(today());
            if (status == AgreementStatus.TERMINATED || status == AgreementStatus.EXPIRED) {
                throw ApiException.invalid("agreementId", "agreement.tranche.over", g.reference, status);
            }
            return tranches.ofAgreement(g.id).chain(existing -> {
                BigDecimal planned = AgreementRules.committed(existing);
                BigDecimal total = planned.add(amount);
                if (total.compareTo(g.budget) > 0) {
                    throw ApiException.invalid("amount", "agreement.tranche.overBudget", g.budget.toPlainString(),
                            g.budget.subtract(planned).toPlainString());
                }
                TrancheEntity t = new TrancheEntity();
                t.id = UUID.randomUUID();
                t.agreementId = g.id;
                t.seq = existing.stream().mapToInt(x -> x.seq).max().orElse(0) + 1;
                t.amount = amount;
                t.dueOn = dueOn;
                t.condition = condition;
                t.status = TrancheStatus.PLANNED;
                t.updatedAt = clock.instant();
                AuditChanges created = AuditChanges.create().note("agreementId", g.id).note("seq", t.seq)
                        .field("amount", null, amount.toPlainString()).field("dueOn", null, dueOn).field("condition", null, condition);
                return tranches.persist(t).chain(() -> audit.record(scope, AuditAction.CREATE, TRANCHE, t.id, created.toMap()))
                        .chain(() -> save(scope, g, AuditAction.UPDATE, AuditChanges.create().note("trancheAdded", t.seq)));
            });
        });
    }

    @WithTransaction
    public Uni<Tranche> recordPayment(AccessScope scope, UUID trancheId, LocalDate paidOn, Integer version) {
        Inputs.notAfterToday("paidOn", Inputs.present("paidOn", paidOn), today());
        return loadTranche(scope, trancheId, version).chain(tg -> {
            TrancheEntity t = tg.tranche();
            AgreementEntity g = tg.agreement();
            moveTranche(t, TrancheStatus.PAID);
            if (g.status == AgreementStatus.DRAFT) {
                throw ApiException.invalid("trancheId", "agreement.payment.draft", g.reference);
            }
            if (g.signedOn != null && paidOn.isBefore(g.signedOn)) {
                throw ApiException.invalid("paidOn", "agreement.payment.beforeSigned", g.signedOn);
            }
            AuditChanges changes = AuditChanges.create().field("status", t.status, TrancheStatus.PAID).field("paidOn", null, paidOn)
                    .note("agreementId", g.id);
            t.status = TrancheStatus.PAID;
            t.paidOn = paidOn;
            t.updatedAt = clock.instant();
            return tranches.flush().chain(() -> audit.record(scope, AuditAction.TRANSITION, TRANCHE, t.id, changes.toMap()))
                    .map(x -> t.toRecord());
        });
    }

    @WithTransaction
    public Uni<Tranche> withhold(AccessScope scope, UUID trancheId, Integer version, String reason) {
        String why = Inputs.required("reason", reason, 500);
        return loadTranche(scope, trancheId, version).chain(tg -> {
            TrancheEntity t = tg.tranche();
            moveTranche(t, TrancheStatus.WITHHELD);
            AuditChanges changes = AuditChanges.create().field("status", t.status, TrancheStatus.WITHHELD).note("reason", why)
                    .note("agreementId", tg.agreement().id);
            t.status = TrancheStatus.WITHHELD;
            t.updatedAt = clock.instant();
            return tranches.flush().chain(() -> audit.record(scope, AuditAction.TRANSITION, TRANCHE, t.id, changes.toMap()))
                    .map(x -> t.toRecord());
        });
    }

    private static void moveTranche(TrancheEntity t, TrancheStatus to) {
        if (t.status != TrancheStatus.PLANNED) {
            throw ApiException.invalidTransition(TRANCHE, t.status, to, List.of());
        }
    }

    record TrancheOfAgreement(TrancheEntity tranche, AgreementEntity agreement) {
    }

    /** The tranche and its agreement (locked), when the caller sees the agreement; NOT_FOUND otherwise. */
    private Uni<TrancheOfAgreement> loadTranche(AccessScope scope, UUID id, Integer version) {
        return tranches.findById(id).chain(t -> {
            if (t == null) {
                throw ApiException.notFound(TRANCHE, id);
            }
            return agreements.lockVisible(scope, t.agreementId).map(g -> {
                if (g == null) {
                    throw ApiException.notFound(TRANCHE, id);
                }
                mayManage(scope, g.kind);
                if (version != null && version != t.version) {
                    throw ApiException.conflict(TRANCHE, id, version, t.version);
                }
                return new TrancheOfAgreement(t, g);
            });
        });
    }

    // ---------------------------------------------------------------- helpers

    private LocalDate today() {
        return Clocks.today(clock);
    }

    /** Every write to an agreement (a tranche or amendment added too) moves its updated_at, so its version. */
    private Uni<Agreement> save(AccessScope scope, AgreementEntity g, AuditAction action, AuditChanges changes) {
        g.updatedAt = clock.instant();
        return agreements.flush().chain(() -> audit.record(scope, action, ENTITY, g.id, changes.toMap()))
                .map(x -> g.toRecord(today()));
    }

    /** The agreement, locked, if the caller sees it (else NOT_FOUND), at the version read (else CONFLICT). */
    private Uni<AgreementEntity> load(AccessScope scope, UUID id, int version) {
        return agreements.lockVisible(scope, id).map(g -> {
            if (g == null) {
                throw ApiException.notFound(ENTITY, id);
            }
            if (g.version != version) {
                throw ApiException.conflict(ENTITY, id, version, g.version);
            }
            return g;
        });
    }

    /** The academy exists and the caller may write there; the association is visible to the caller and not dissolved. */
    private Uni<Void> checkParties(AccessScope scope, AgreementRules.Valid v) {
        return referenceData.get().chain(ref -> {
            if (ref.academy(v.academyCode()).isEmpty()) {
                throw ApiException.invalid("academyCode", "reference.academy.unknown");
            }
            if (!scope.coversAcademy(v.academyCode())) {
                throw ApiException.keyed(ma.forsa.common.ErrorCode.FORBIDDEN, java.util.Map.of("field", "academyCode"),
                        "agreement.academy.outside", scope.academyScope());
            }
            return agreements.partyInTx(scope, v.associationId());
        }).map(a -> {
            if (a == null) {
                throw ApiException.invalid("associationId", "reference.association.unknown");
            }
            if ("DISSOLVED".equals(a.status())) {
                throw ApiException.invalid("associationId", "agreement.association.dissolved");
            }
            return a;
        }).replaceWithVoid();
    }

    /** Covered centres must be centres of the agreement's association in a province of its academy. */
    private Uni<Void> checkCoverage(UUID associationId, String academyCode, List<UUID> centerIds) {
        if (centerIds == null || centerIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return agreements.coveredCentersInTx(centerIds).invoke(found -> {
            for (UUID id : centerIds) {
                AgreementRepository.CoveredCenter c = found.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
                if (c == null || !c.associationId().equals(associationId) || !academyCode.equals(c.academyCode())) {
                    throw ApiException.invalid("centerIds", "agreement.centerIds.outside", academyCode);
                }
            }
        }).replaceWithVoid();
    }

    private Uni<BigDecimal> committedTranches(UUID agreementId) {
        return tranches.ofAgreement(agreementId).map(AgreementRules::committed);
    }

    private static ApiException budgetBelowTranches(BigDecimal budget, BigDecimal planned) {
        return ApiException.invalid("budget", "agreement.budget.belowTranches", planned.toPlainString());
    }

    private static ApiException referenceTaken(String reference) {
        return ApiException.invalid("reference", "constraint.agreement_reference_key");
    }

    private static AuditChanges apply(AgreementEntity g, AgreementRules.Valid v) {
        AuditChanges changes = AuditChanges.create().field("reference", g.reference, v.reference()).field("kind", g.kind, v.kind())
                .field("academyCode", g.academyCode, v.academyCode()).field("associationId", g.associationId, v.associationId())
                .field("startsOn", g.startsOn, v.startsOn()).field("endsOn", g.endsOn, v.endsOn())
                .field("budget", g.budget == null ? null : g.budget.toPlainString(), v.budget().toPlainString())
                .field("targetBeneficiaries", g.reference == null ? null : g.targetBeneficiaries, v.targetBeneficiaries())
                .field("targetIntegrationRate", g.targetIntegrationRate, v.targetIntegrationRate());
        g.reference = v.reference();
        g.kind = v.kind();
        g.academyCode = v.academyCode();
        g.associationId = v.associationId();
        g.startsOn = v.startsOn();
        g.endsOn = v.endsOn();
        g.budget = v.budget();
        g.targetBeneficiaries = v.targetBeneficiaries();
        g.targetIntegrationRate = v.targetIntegrationRate();
        return changes;
    }
}
