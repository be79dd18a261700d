package ma.forsa.association;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditChanges;
import ma.forsa.audit.AuditLog;
import ma.forsa.common.ApiException;
import ma.forsa.common.Inputs;
import ma.forsa.reference.Province;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.AccessResolver.StandingChanged;
import ma.forsa.security.AccessScope;

/**
 * Writes of associations (MANAGE_ASSOCIATIONS): ADMIN anywhere, an ACADEMY_OFFICER for associations based in a
 * province of its academy. Each write and its audit event commit together.
 */
@ApplicationScoped
public class AssociationService {

    static final String ENTITY = "Association";

    private final ReferenceData referenceData;
    private final AssociationRepository associations;
    private final AuditLog audit;
    private final Event<StandingChanged> standingChanged;
    private final Clock clock;

    @Inject
    public AssociationService(ReferenceData referenceData, AssociationRepository associations, AuditLog audit,
            Event<StandingChanged> standingChanged, Clock clock) {
        this.clock = clock;
        this.referenceData = referenceData;
        this.associations = associations;
        this.audit = audit;
        this.standingChanged = standingChanged;
    }

    @WithTransaction
    public Uni<Association> create(AccessScope scope, AssociationInput input) {
        AssociationRules.Valid v = AssociationRules.validate(input);
        return referenceData.get().chain(ref -> {
            managedProvince(scope, ref, v.provinceCode(), "provinceCode");
            return associations.registrationNumberTaken(v.registrationNumber(), null);
        }).chain(taken -> {
            if (taken) {
                throw numberTaken(v.registrationNumber());
            }
            AssociationEntity a = new AssociationEntity();
            a.id = UUID.randomUUID();
            a.status = AssociationStatus.ACTIVE;
            a.updatedAt = clock.instant();
            AuditChanges changes = apply(a, v).field("status", null, a.status);
            return associations.persistAndFlush(a)
                    .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, a.id, changes.toMap()))
                    .map(x -> a.toRecord());
        });
    }

    @WithTransaction
    public Uni<Association> update(AccessScope scope, UUID id, int version, AssociationInput input) {
        AssociationRules.Valid v = AssociationRules.validate(input);
        return referenceData.get().chain(ref -> load(scope, id, version, ref).invoke(a -> managedProvince(scope, ref,
                v.provinceCode(), "provinceCode"))).chain(a -> associations.registrationNumberTaken(v.registrationNumber(), a.id).chain(taken -> {
            if (taken) {
                throw numberTaken(v.registrationNumber());
            }
            return save(scope, a, AuditAction.UPDATE, apply(a, v));
        }));
    }

    @WithTransaction
    public Uni<Association> transition(AccessScope scope, UUID id, int version, AssociationStatus to, String reason) {
        Inputs.present("to", to);
        String why = Inputs.optional("reason", reason, 500);
        return referenceData.get().chain(ref -> load(scope, id, version, ref)).chain(a -> {
            AssociationRules.checkTransition(a.status, to, why);
            AuditChanges changes = AuditChanges.create().field("status", a.status, to).note("reason", why);
            a.status = to;
            return save(scope, a, AuditAction.TRANSITION, changes);
        }).invoke(a -> standingChanged.fire(new StandingChanged(id)));
    }

    private Uni<Association> save(AccessScope scope, AssociationEntity a, AuditAction action, AuditChanges changes) {
        a.updatedAt = clock.instant();
        return associations.flush().chain(() -> audit.record(scope, action, ENTITY, a.id, changes.toMap()))
                .map(x -> a.toRecord());
    }

    /** The association if the caller sees it (else NOT_FOUND), at the version read, and manages it (else FORBIDDEN). */
    private Uni<AssociationEntity> load(AccessScope scope, UUID id, int version, ReferenceData.Snapshot ref) {
        return associations.visibleInTx(scope, id).chain(visible -> visible ? associations.findById(id)
                : Uni.createFrom().nullItem()).map(a -> {
                    if (a == null) {
                        throw ApiException.notFound(ENTITY, id);
                    }
                    managedProvince(scope, ref, a.provinceCode, "the association's province");
                    if (a.version != version) {
                        throw ApiException.conflict(ENTITY, id, version, a.version);
                    }
                    return a;
                });
    }

    /** An academy officer manages associations based in a province of its academy. */
    private static Province managedProvince(AccessScope scope, ReferenceData.Snapshot ref, String code, String field) {
        Province province = ref.province(code).orElseThrow(() -> ApiException.invalid("provinceCode", "reference.province.unknown", "provinceCode"));
        if (!scope.coversAcademy(province.academyCode())) {
            throw ApiException.keyed(ma.forsa.common.ErrorCode.FORBIDDEN, java.util.Map.of("field", field), "association.academy.outside",
                    scope.academyScope(), field, province.academyCode());
        }
        return province;
    }

    private static ApiException numberTaken(String number) {
        return ApiException.invalid("registrationNumber", "constraint.association_registration_number_key");
    }

    private static AuditChanges apply(AssociationEntity a, AssociationRules.Valid v) {
        AuditChanges changes = AuditChanges.create().field("registrationNumber", a.registrationNumber, v.registrationNumber())
                .field("name", a.name, v.name()).field("provinceCode", a.provinceCode, v.provinceCode())
                .field("email", a.email, v.email()).field("phone", a.phone, v.phone())
                .field("networkMember", a.registrationNumber == null ? null : a.networkMember, v.networkMember());
        a.registrationNumber = v.registrationNumber();
        a.name = v.name();
        a.provinceCode = v.provinceCode();
        a.email = v.email();
        a.phone = v.phone();
        a.networkMember = v.networkMember();
        return changes;
    }
}
