package ma.forsa.association;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditChanges;
import ma.forsa.audit.AuditLog;
import ma.forsa.common.ApiException;
import ma.forsa.common.Ids;
import ma.forsa.reference.Province;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Role;

/**
 * Writes of associations. ADMIN may create and change any association; an ACADEMY_OFFICER those
 * based in a province of its academy. MINISTRY and ASSOCIATION_STAFF only read them.
 */
@ApplicationScoped
public class AssociationService {

    static final String ENTITY = "Association";
    private static final Map<AssociationStatus, List<AssociationStatus>> NEXT = Map.of(
            AssociationStatus.ACTIVE, List.of(AssociationStatus.SUSPENDED, AssociationStatus.DISSOLVED),
            AssociationStatus.SUSPENDED, List.of(AssociationStatus.ACTIVE, AssociationStatus.DISSOLVED),
            AssociationStatus.DISSOLVED, List.of());

    private final ReferenceData referenceData;
    private final AssociationQueries queries;
    private final AuditLog audit;

    @Inject
    public AssociationService(ReferenceData referenceData, AssociationQueries queries, AuditLog audit) {
        this.referenceData = referenceData;
        this.queries = queries;
        this.audit = audit;
    }

    record Valid(String registrationNumber, String name, String provinceCode, String email, String phone, boolean networkMember) {
    }

    private Valid validate(AssociationInput input) {
        Inputs.present("input", input);
        return new Valid(Inputs.required("registrationNumber", input.registrationNumber(), 40),
                Inputs.required("name", input.name(), 200), Inputs.required("provinceCode", input.provinceCode(), 8),
                Inputs.email("email", input.email()), Inputs.phone("phone", input.phone()),
                input.networkMember() != null && input.networkMember());
    }

    private static void mayWrite(AccessScope scope) {
        if (scope.role() != Role.ADMIN && scope.role() != Role.ACADEMY_OFFICER) {
            throw ApiException.forbidden("Only an administrator or an academy officer may create or change associations; "
                    + "your role (" + scope.role() + ") may read them.");
        }
    }

    private static void mayWriteIn(AccessScope scope, Province province, String field) {
        if (scope.academyScope() != null && !scope.academyScope().equals(province.academyCode())) {
            throw ApiException.forbidden("An academy officer of " + scope.academyScope() + " may only manage associations based "
                    + "in a province of that academy; " + field + " " + province.code() + " belongs to academy "
                    + province.academyCode() + ".");
        }
    }

    @WithTransaction
    public Uni<Association> create(AccessScope scope, AssociationInput input) {
        mayWrite(scope);
        Valid v = validate(input);
        return referenceData.get().chain(ref -> {
            Province province = ref.province(v.provinceCode()).orElseThrow(() -> unknownProvince(v.provinceCode()));
            mayWriteIn(scope, province, "provinceCode");
            return AssociationEntity.count("registrationNumber", v.registrationNumber());
        }).chain(existing -> {
            if (existing > 0) {
                throw ApiException.validation("registrationNumber", "registrationNumber " + v.registrationNumber()
                        + " is already registered for another association: check the number.");
            }
            AssociationEntity a = new AssociationEntity();
            a.id = UUID.randomUUID();
            a.status = AssociationStatus.ACTIVE;
            a.createdAt = Instant.now();
            apply(a, v);
            AuditChanges changes = diff(AuditChanges.create(), null, a);
            return a.persist().chain(Panache::flush)
                    .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, a.id, changes.toMap()))
                    .map(x -> a.toRecord());
        });
    }

    @WithTransaction
    public Uni<Association> update(AccessScope scope, String id, int version, AssociationInput input) {
        mayWrite(scope);
        UUID uuid = Ids.parse(id, ENTITY);
        Valid v = validate(input);
        return referenceData.get().chain(ref -> {
            Province province = ref.province(v.provinceCode()).orElseThrow(() -> unknownProvince(v.provinceCode()));
            return load(scope, uuid, ref).chain(a -> {
                checkVersion(uuid, version, a.version);
                mayWriteIn(scope, province, "provinceCode");
                return (v.registrationNumber().equals(a.registrationNumber) ? Uni.createFrom().item(0L)
                        : AssociationEntity.count("registrationNumber", v.registrationNumber())).chain(existing -> {
                            if (existing > 0) {
                                throw ApiException.validation("registrationNumber", "registrationNumber " + v.registrationNumber()
                                        + " is already registered for another association: check the number.");
                            }
                            AssociationEntity before = copy(a);
                            apply(a, v);
                            AuditChanges changes = diff(AuditChanges.create(), before, a);
                            return save(scope, a, AuditAction.UPDATE, changes);
                        });
            });
        });
    }

    @WithTransaction
    public Uni<Association> transition(AccessScope scope, String id, int version, AssociationStatus to, String reason) {
        mayWrite(scope);
        UUID uuid = Ids.parse(id, ENTITY);
        Inputs.present("to", to);
        String why = Inputs.optional("reason", reason, 500);
        return referenceData.get().chain(ref -> load(scope, uuid, ref).chain(a -> {
            checkVersion(uuid, version, a.version);
            List<AssociationStatus> allowed = NEXT.get(a.status);
            if (!allowed.contains(to)) {
                throw ApiException.invalidTransition(ENTITY, a.status, to, allowed);
            }
            if (to != AssociationStatus.ACTIVE && why == null) {
                throw ApiException.validation("reason", "reason is required to suspend or dissolve an association: say why.");
            }
            AuditChanges changes = AuditChanges.create().field("status", a.status, to).note("reason", why);
            a.status = to;
            return save(scope, a, AuditAction.TRANSITION, changes);
        }));
    }

    private Uni<Association> save(AccessScope scope, AssociationEntity a, AuditAction action, AuditChanges changes) {
        a.updatedAt = Instant.now();
        return Panache.flush().chain(() -> audit.record(scope, action, ENTITY, a.id, changes.toMap())).map(x -> a.toRecord());
    }

    /** The association if the caller can see it (else NOT_FOUND) and may change it (else FORBIDDEN). */
    private Uni<AssociationEntity> load(AccessScope scope, UUID id, ReferenceData.Snapshot ref) {
        return queries.partyInTransaction(scope, id).chain(visible -> {
            if (visible == null) {
                throw ApiException.notFound(ENTITY, id);
            }
            return AssociationEntity.<AssociationEntity>findById(id);
        }).map(a -> {
            if (a == null) {
                throw ApiException.notFound(ENTITY, id);
            }
            mayWriteIn(scope, ref.province(a.provinceCode).orElseThrow(), "the association's province");
            return a;
        });
    }

    static void checkVersion(UUID id, int given, int current) {
        if (given != current) {
            throw ApiException.conflict(ENTITY, id, given, current);
        }
    }

    private static ApiException unknownProvince(String code) {
        return ApiException.validation("provinceCode", "provinceCode " + code + " is not a province or prefecture code: "
                + "see academies { provinces { code } }.");
    }

    private static void apply(AssociationEntity a, Valid v) {
        a.registrationNumber = v.registrationNumber();
        a.name = v.name();
        a.provinceCode = v.provinceCode();
        a.email = v.email();
        a.phone = v.phone();
        a.networkMember = v.networkMember();
        a.updatedAt = Instant.now();
    }

    private static AssociationEntity copy(AssociationEntity a) {
        AssociationEntity c = new AssociationEntity();
        c.registrationNumber = a.registrationNumber;
        c.name = a.name;
        c.provinceCode = a.provinceCode;
        c.email = a.email;
        c.phone = a.phone;
        c.networkMember = a.networkMember;
        c.status = a.status;
        return c;
    }

    private static AuditChanges diff(AuditChanges changes, AssociationEntity before, AssociationEntity after) {
        AssociationEntity b = before == null ? new AssociationEntity() : before;
        return changes.field("registrationNumber", b.registrationNumber, after.registrationNumber).field("name", b.name, after.name)
                .field("provinceCode", b.provinceCode, after.provinceCode).field("email", b.email, after.email)
                .field("phone", b.phone, after.phone)
                .field("networkMember", before == null ? null : b.networkMember, after.networkMember)
                .field("status", b.status, after.status);
    }
}
