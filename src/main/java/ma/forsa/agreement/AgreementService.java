package ma.forsa.agreement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import ma.forsa.association.AssociationQueries;
import ma.forsa.association.AssociationStatus;
import ma.forsa.association.Inputs;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditChanges;
import ma.forsa.audit.AuditLog;
import ma.forsa.center.CenterEntity;
import ma.forsa.common.ApiException;
import ma.forsa.common.Ids;
import ma.forsa.reference.Province;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.AccessScope;

/**
 * Writes of agreements, their tranches, amendments and coverage. Only DRAFT agreements are edited
 * in place; a signed one changes through amendments, which keep the replaced values.
 */
@ApplicationScoped
public class AgreementService {

    static final String ENTITY = "Agreement";
    static final String TRANCHE = "Tranche";
    static final String AMENDMENT = "Amendment";

    private final ReferenceData referenceData;
    private final AssociationQueries associations;
    private final AuditLog audit;

    @Inject
    public AgreementService(ReferenceData referenceData, AssociationQueries associations, AuditLog audit) {
        this.referenceData = referenceData;
        this.associations = associations;
        this.audit = audit;
    }

    record Valid(String reference, AgreementKind kind, String academyCode, UUID associationId, LocalDate startsOn, LocalDate endsOn,
            BigDecimal budget, int targetBeneficiaries, Double targetIntegrationRate, List<UUID> centerIds) {
    }

    static Valid validate(AgreementInput in) {
        Inputs.present("input", in);
        String reference = Inputs.required("reference", in.reference(), 60);
        AgreementKind kind = Inputs.present("kind", in.kind());
        String academy = Inputs.required("academyCode", in.academyCode(), 8);
        UUID association = Ids.parseInput(in.associationId(), "associationId");
        LocalDate startsOn = Inputs.present("startsOn", in.startsOn());
        LocalDate endsOn = Inputs.present("endsOn", in.endsOn());
        if (endsOn.isBefore(startsOn)) {
            throw ApiException.validation("endsOn", "endsOn (" + endsOn + ") must be on or after startsOn (" + startsOn + ").");
        }
        BigDecimal budget = Inputs.amount("budget", in.budget(), false);
        Inputs.atLeast("targetBeneficiaries", in.targetBeneficiaries(), 0);
        Double rate = Inputs.rate("targetIntegrationRate", in.targetIntegrationRate());
        return new Valid(reference, kind, academy, association, startsOn, endsOn, budget, in.targetBeneficiaries(), rate,
                centerIds(in.centerIds()));
    }

    static List<UUID> centerIds(List<String> ids) {
        if (ids == null) {
            return null;
        }
        Set<UUID> out = new LinkedHashSet<>();
        for (String id : ids) {
            if (!out.add(Ids.parseInput(id, "centerIds"))) {
                throw ApiException.validation("centerIds", "centerIds lists centre " + id + " twice: list each centre once.");
            }
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- agreements

    @WithTransaction
    public Uni<Agreement> create(AccessScope scope, AgreementInput input) {
        AgreementRules.mayWrite(scope);
        Valid v = validate(input);
        AgreementRules.mayWriteKind(scope, v.kind());
        return referenceData.get().chain(ref -> checkParties(scope, ref, v))
                .chain(() -> AgreementEntity.count("reference", v.reference()))
                .chain(taken -> {
                    if (taken > 0) {
                        throw referenceTaken(v.reference());
                    }
                    return checkCoverage(v.associationId(), v.academyCode(), v.centerIds());
                })
                .chain(() -> {
                    AgreementEntity g = new AgreementEntity();
                    g.id = UUID.randomUUID();
                    g.status = AgreementStatus.DRAFT;
                    g.createdAt = Instant.now();
                    AuditChanges changes = AuditChanges.create();
                    apply(g, v, changes);
                    changes.field("status", null, g.status);
                    if (v.centerIds() != null) {
                        changes.note("centerIds", v.centerIds().stream().map(UUID::toString).toList());
                    }
                    return g.persist().chain(Panache::flush)
                            .chain(() -> replaceCoverage(g.id, v.centerIds() == null ? List.of() : v.centerIds()))
                            .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, g.id, changes.toMap()))
                            .map(x -> g.toRecord());
                });
    }

    @WithTransaction
    public Uni<Agreement> update(AccessScope scope, String id, int version, AgreementInput input) {
        AgreementRules.mayWrite(scope);
        UUID uuid = Ids.parse(id, ENTITY);
        Valid v = validate(input);
        return load(scope, uuid).chain(g -> {
            checkVersion(uuid, version, g.version);
            if (g.status != AgreementStatus.DRAFT) {
                throw ApiException.validation("id", "Agreement " + g.reference + " is " + g.effectiveStatus() + ": only DRAFT "
                        + "agreements are edited in place. Record an amendment (amendAgreement) to change its end date, budget, "
                        + "targets or centres.");
            }
            // The stored kind too: MINISTRY must not turn a CENTER_MANAGEMENT draft into a FRAMEWORK one.
            AgreementRules.mayWriteKind(scope, g.kind);
            AgreementRules.mayWriteKind(scope, v.kind());
            return referenceData.get().chain(ref -> checkParties(scope, ref, v))
                    .chain(() -> v.reference().equals(g.reference) ? Uni.createFrom().item(0L)
                            : AgreementEntity.count("reference", v.reference()))
                    .chain(taken -> {
                        if (taken > 0) {
                            throw referenceTaken(v.reference());
                        }
                        boolean partiesChanged = !v.associationId().equals(g.associationId) || !v.academyCode().equals(g.academyCode);
                        Uni<List<UUID>> coverage = v.centerIds() != null ? Uni.createFrom().item(v.centerIds())
                                : partiesChanged ? currentCoverage(g.id) : Uni.createFrom().item(List.<UUID>of());
                        return coverage.chain(ids -> checkCoverage(v.associationId(), v.academyCode(), ids));
                    })
                    .chain(() -> committedTranches(g.id)).chain(planned -> {
                        if (v.budget().compareTo(planned) < 0) {
                            throw budgetBelowTranches(v.budget(), planned);
                        }
                        // Coverage first: its flush must not bump the version a second time.
                        Uni<Void> coverage = v.centerIds() == null ? Uni.createFrom().voidItem()
                                : replaceCoverage(g.id, v.centerIds());
                        return coverage.chain(() -> {
                            AuditChanges changes = AuditChanges.create();
                            apply(g, v, changes);
                            if (v.centerIds() != null) {
                                changes.note("centerIds", v.centerIds().stream().map(UUID::toString).toList());
                            }
                            return save(scope, g, AuditAction.UPDATE, changes);
                        });
                    });
        });
    }

    @WithTransaction
    public Uni<Agreement> transition(AccessScope scope, String id, int version, AgreementStatus to, LocalDate on, String reason) {
        AgreementRules.mayWrite(scope);
        UUID uuid = Ids.parse(id, ENTITY);
        Inputs.present("to", to);
        String why = Inputs.optional("reason", reason, 500);
        LocalDate when = Inputs.notAfterToday("on", on == null ? LocalDate.now() : on);
        return load(scope, uuid).chain(g -> {
            AgreementRules.mayWriteKind(scope, g.kind);
            checkVersion(uuid, version, g.version);
            AgreementStatus from = g.effectiveStatus();
            List<AgreementStatus> allowed = AgreementRules.NEXT.get(from);
            if (!allowed.contains(to)) {
                throw ApiException.invalidTransition(ENTITY, from, to, allowed);
            }
            if ((to == AgreementStatus.TERMINATED || to == AgreementStatus.SUSPENDED) && why == null) {
                throw ApiException.validation("reason", "reason is required to " + (to == AgreementStatus.TERMINATED ? "terminate"
                        : "suspend") + " an agreement: say why (it is kept with the agreement).");
            }
            AuditChanges changes = AuditChanges.create().field("status", from, to);
            Uni<Void> check = Uni.createFrom().voidItem();
            if (to == AgreementStatus.SIGNED) {
                if (when.isAfter(g.endsOn)) {
                    throw ApiException.validation("on", "on (" + when + ") is after the agreement's end date (" + g.endsOn
                            + "): amend the dates before signing.");
                }
                changes.field("signedOn", g.signedOn, when);
                g.signedOn = when;
                if (g.kind == AgreementKind.CENTER_MANAGEMENT) {
                    check = AgreementCenterEntity.count("agreementId", g.id).map(n -> {
                        if (n == 0) {
                            throw ApiException.validation("centerIds", "A CENTER_MANAGEMENT agreement must cover at least one "
                                    + "centre before it is signed: set centerIds with updateAgreement.");
                        }
                        return null;
                    }).replaceWithVoid();
                }
            } else {
                changes.note("on", when);
            }
            changes.field("statusReason", g.statusReason, why);
            g.status = to;
            g.statusReason = why;
            return check.chain(() -> save(scope, g, AuditAction.TRANSITION, changes));
        });
    }

    @WithTransaction
    public Uni<Agreement> amend(AccessScope scope, String agreementId, int version, AmendmentInput input) {
        AgreementRules.mayWrite(scope);
        UUID uuid = Ids.parse(agreementId, ENTITY);
        Inputs.present("input", input);
        LocalDate signedOn = Inputs.notAfterToday("signedOn", Inputs.present("signedOn", input.signedOn()));
        String summary = Inputs.required("summary", input.summary(), 1000);
        BigDecimal budget = input.budget() == null ? null : Inputs.amount("budget", input.budget(), false);
        if (input.targetBeneficiaries() != null) {
            Inputs.atLeast("targetBeneficiaries", input.targetBeneficiaries(), 0);
        }
        Double rate = Inputs.rate("targetIntegrationRate", input.targetIntegrationRate());
        List<UUID> centers = centerIds(input.centerIds());
        return load(scope, uuid).chain(g -> {
            AgreementRules.mayWriteKind(scope, g.kind);
            checkVersion(uuid, version, g.version);
            if (g.status == AgreementStatus.DRAFT) {
                throw ApiException.validation("agreementId", "Agreement " + g.reference + " is still a DRAFT: edit it in place "
                        + "with updateAgreement; amendments are for signed agreements.");
            }
            if (g.status == AgreementStatus.TERMINATED || g.status == AgreementStatus.EXPIRED) {
                throw ApiException.validation("agreementId", "Agreement " + g.reference + " is " + g.status
                        + ": it can no longer be amended.");
            }
            if (signedOn.isBefore(g.signedOn)) {
                throw ApiException.validation("signedOn", "signedOn (" + signedOn + ") is before the agreement was signed ("
                        + g.signedOn + ").");
            }
            if (input.endsOn() != null && input.endsOn().isBefore(g.startsOn)) {
                throw ApiException.validation("endsOn", "endsOn (" + input.endsOn() + ") must be on or after the agreement's "
                        + "start date (" + g.startsOn + ").");
            }
            return checkCoverage(g.associationId, g.academyCode, centers).chain(() -> committedTranches(g.id)).chain(planned -> {
                if (budget != null && budget.compareTo(planned) < 0) {
                    throw budgetBelowTranches(budget, planned);
                }
                // Coverage first: its flush must not bump the version a second time.
                return (centers == null ? Uni.createFrom().voidItem() : replaceCoverage(g.id, centers))
                        .chain(() -> AmendmentEntity.<AmendmentEntity>list("agreementId", g.id));
            }).chain(existing -> {
                AmendmentEntity m = new AmendmentEntity();
                m.id = UUID.randomUUID();
                m.agreementId = g.id;
                m.seq = existing.stream().mapToInt(e -> e.seq).max().orElse(0) + 1;
                m.signedOn = signedOn;
                m.summary = summary;
                m.createdAt = Instant.now();
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
                return m.persist()
                        .chain(() -> audit.record(scope, AuditAction.CREATE, AMENDMENT, m.id, created.toMap()))
                        .chain(() -> save(scope, g, AuditAction.UPDATE, changes));
            });
        });
    }

    // ---------------------------------------------------------------- tranches

    @WithTransaction
    public Uni<Agreement> addTranche(AccessScope scope, String agreementId, int version, TrancheInput input) {
        AgreementRules.mayWrite(scope);
        UUID uuid = Ids.parse(agreementId, ENTITY);
        Inputs.present("input", input);
        BigDecimal amount = Inputs.amount("amount", input.amount(), true);
        LocalDate dueOn = Inputs.present("dueOn", input.dueOn());
        String condition = Inputs.optional("condition", input.condition(), 500);
        return load(scope, uuid).chain(g -> {
            AgreementRules.mayWriteKind(scope, g.kind);
            checkVersion(uuid, version, g.version);
            AgreementStatus status = g.effectiveStatus();
            if (status == AgreementStatus.TERMINATED || status == AgreementStatus.EXPIRED) {
                throw ApiException.validation("agreementId", "Agreement " + g.reference + " is " + status
                        + ": no tranche can be added to it.");
            }
            return TrancheEntity.<TrancheEntity>list("agreementId", g.id).chain(tranches -> {
                BigDecimal planned = committed(tranches);
                BigDecimal total = planned.add(amount);
                if (total.compareTo(g.budget) > 0) {
                    throw ApiException.validation("amount", "Tranches would total " + total.toPlainString() + " MAD, more than the "
                            + "budget of " + g.budget.toPlainString() + " MAD: at most " + g.budget.subtract(planned).toPlainString()
                            + " MAD remain to plan (amend the budget first to plan more).");
                }
                TrancheEntity t = new TrancheEntity();
                t.id = UUID.randomUUID();
                t.agreementId = g.id;
                t.seq = tranches.stream().mapToInt(x -> x.seq).max().orElse(0) + 1;
                t.amount = amount;
                t.dueOn = dueOn;
                t.condition = condition;
                t.status = TrancheStatus.PLANNED;
                t.createdAt = Instant.now();
                t.updatedAt = t.createdAt;
                AuditChanges created = AuditChanges.create().note("agreementId", g.id).note("seq", t.seq)
                        .field("amount", null, amount.toPlainString()).field("dueOn", null, dueOn).field("condition", null, condition);
                return t.persist().chain(() -> audit.record(scope, AuditAction.CREATE, TRANCHE, t.id, created.toMap()))
                        .chain(() -> save(scope, g, AuditAction.UPDATE, AuditChanges.create().note("trancheAdded", t.seq)));
            });
        });
    }

    @WithTransaction
    public Uni<Tranche> recordPayment(AccessScope scope, String trancheId, LocalDate paidOn, Integer version) {
        AgreementRules.mayWrite(scope);
        UUID uuid = Ids.parse(trancheId, TRANCHE);
        Inputs.notAfterToday("paidOn", Inputs.present("paidOn", paidOn));
        return loadTranche(scope, uuid, version).chain(tg -> {
            TrancheEntity t = tg.tranche();
            AgreementEntity g = tg.agreement();
            moveTranche(t, TrancheStatus.PAID);
            if (g.status == AgreementStatus.DRAFT) {
                throw ApiException.validation("trancheId", "Agreement " + g.reference + " is still a DRAFT: sign it before "
                        + "recording payments.");
            }
            if (g.signedOn != null && paidOn.isBefore(g.signedOn)) {
                throw ApiException.validation("paidOn", "paidOn (" + paidOn + ") is before the agreement was signed ("
                        + g.signedOn + ").");
            }
            AuditChanges changes = AuditChanges.create().field("status", t.status, TrancheStatus.PAID).field("paidOn", null, paidOn)
                    .note("agreementId", g.id);
            t.status = TrancheStatus.PAID;
            t.paidOn = paidOn;
            t.updatedAt = Instant.now();
            return Panache.flush().chain(() -> audit.record(scope, AuditAction.TRANSITION, TRANCHE, t.id, changes.toMap()))
                    .map(x -> t.toRecord());
        });
    }

    @WithTransaction
    public Uni<Tranche> withhold(AccessScope scope, String trancheId, Integer version, String reason) {
        AgreementRules.mayWrite(scope);
        UUID uuid = Ids.parse(trancheId, TRANCHE);
        String why = Inputs.required("reason", reason, 500);
        return loadTranche(scope, uuid, version).chain(tg -> {
            TrancheEntity t = tg.tranche();
            moveTranche(t, TrancheStatus.WITHHELD);
            AuditChanges changes = AuditChanges.create().field("status", t.status, TrancheStatus.WITHHELD).note("reason", why)
                    .note("agreementId", tg.agreement().id);
            t.status = TrancheStatus.WITHHELD;
            t.updatedAt = Instant.now();
            return Panache.flush().chain(() -> audit.record(scope, AuditAction.TRANSITION, TRANCHE, t.id, changes.toMap()))
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

    private Uni<TrancheOfAgreement> loadTranche(AccessScope scope, UUID id, Integer version) {
        return TrancheEntity.<TrancheEntity>findById(id).chain(t -> {
            if (t == null) {
                throw ApiException.notFound(TRANCHE, id);
            }
            return AgreementEntity.<AgreementEntity>findById(t.agreementId).map(g -> {
                if (g == null || !AgreementRules.sees(scope, g)) {
                    throw ApiException.notFound(TRANCHE, id);
                }
                AgreementRules.mayWriteKind(scope, g.kind);
                if (version != null && version != t.version) {
                    throw ApiException.conflict(TRANCHE, id, version, t.version);
                }
                return new TrancheOfAgreement(t, g);
            });
        });
    }

    // ---------------------------------------------------------------- helpers

    private Uni<Agreement> save(AccessScope scope, AgreementEntity g, AuditAction action, AuditChanges changes) {
        g.updatedAt = Instant.now();
        return Panache.flush().chain(() -> audit.record(scope, action, ENTITY, g.id, changes.toMap())).map(x -> g.toRecord());
    }

    /** The agreement if the caller sees it (else NOT_FOUND). */
    private static Uni<AgreementEntity> load(AccessScope scope, UUID id) {
        return AgreementEntity.<AgreementEntity>findById(id).map(g -> {
            if (g == null || !AgreementRules.sees(scope, g)) {
                throw ApiException.notFound(ENTITY, id);
            }
            return g;
        });
    }

    /** The academy exists and the caller may write there; the association is visible to the caller and not dissolved. */
    private Uni<Void> checkParties(AccessScope scope, ReferenceData.Snapshot ref, Valid v) {
        if (ref.academy(v.academyCode()).isEmpty()) {
            throw ApiException.validation("academyCode", "academyCode " + v.academyCode() + " is not an academy code: see "
                    + "academies { code }.");
        }
        if (scope.academyScope() != null && !scope.academyScope().equals(v.academyCode())) {
            throw ApiException.forbidden("An academy officer of " + scope.academyScope() + " may only manage agreements of that "
                    + "academy (got academyCode " + v.academyCode() + ").");
        }
        return associations.partyInTransaction(scope, v.associationId()).map(a -> {
            if (a == null) {
                throw ApiException.validation("associationId", "No association with id " + v.associationId() + " exists.");
            }
            if (a.status() == AssociationStatus.DISSOLVED) {
                throw ApiException.validation("associationId", "Association " + a.name() + " is dissolved: it cannot be party "
                        + "to an agreement.");
            }
            return a;
        }).replaceWithVoid();
    }

    /** Covered centres must be centres of the agreement's association in a province of its academy. */
    private Uni<Void> checkCoverage(UUID associationId, String academyCode, List<UUID> centerIds) {
        if (centerIds == null || centerIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return referenceData.get().chain(ref -> CenterEntity.<CenterEntity>list("id in ?1", centerIds).map(found -> {
            for (UUID id : centerIds) {
                CenterEntity c = found.stream().filter(x -> x.id.equals(id)).findFirst().orElse(null);
                String academy = c == null ? null : ref.province(c.provinceCode).map(Province::academyCode).orElse(null);
                if (c == null || !c.associationId.equals(associationId) || !academyCode.equals(academy)) {
                    throw ApiException.validation("centerIds", "centerIds: " + id + " is not a centre of the agreement's "
                            + "association in academy " + academyCode + ". An agreement covers only centres its association "
                            + "runs in its academy.");
                }
            }
            return null;
        })).replaceWithVoid();
    }

    private static Uni<List<UUID>> currentCoverage(UUID agreementId) {
        return AgreementCenterEntity.<AgreementCenterEntity>list("agreementId", agreementId)
                .map(l -> l.stream().map(e -> e.centerId).toList());
    }

    private static Uni<Void> replaceCoverage(UUID agreementId, List<UUID> centerIds) {
        List<AgreementCenterEntity> rows = new ArrayList<>();
        centerIds.forEach(c -> rows.add(AgreementCenterEntity.of(agreementId, c)));
        return AgreementCenterEntity.delete("agreementId", agreementId)
                .chain(() -> rows.isEmpty() ? Uni.createFrom().voidItem() : AgreementCenterEntity.persist(rows))
                .chain(Panache::flush);
    }

    private static Uni<BigDecimal> committedTranches(UUID agreementId) {
        return TrancheEntity.<TrancheEntity>list("agreementId", agreementId).map(AgreementService::committed);
    }

    /** Planned and paid tranches; withheld ones will not be paid. */
    static BigDecimal committed(List<TrancheEntity> tranches) {
        return tranches.stream().filter(t -> t.status != TrancheStatus.WITHHELD).map(t -> t.amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static ApiException budgetBelowTranches(BigDecimal budget, BigDecimal planned) {
        return ApiException.validation("budget", "budget (" + budget.toPlainString() + " MAD) cannot be below the tranches already "
                + "planned or paid (" + planned.toPlainString() + " MAD).");
    }

    private static ApiException referenceTaken(String reference) {
        return ApiException.validation("reference", "reference " + reference + " is already used by another agreement: choose "
                + "another.");
    }

    private static void checkVersion(UUID id, int given, int current) {
        if (given != current) {
            throw ApiException.conflict(ENTITY, id, given, current);
        }
    }

    private static void apply(AgreementEntity g, Valid v, AuditChanges changes) {
        changes.field("reference", g.reference, v.reference()).field("kind", g.kind, v.kind())
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
        g.updatedAt = Instant.now();
    }
}
