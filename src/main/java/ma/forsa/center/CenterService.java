package ma.forsa.center;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
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
import ma.forsa.security.AccessScope;

/**
 * Writes of centres (MANAGE_CENTERS): ADMIN anywhere, an ACADEMY_OFFICER in the provinces of its academy.
 * Closing a centre and lowering its capacity lock the centre's row, as enrollments do, so that no enrollment
 * slips in between the count and the change.
 */
@ApplicationScoped
public class CenterService {

    static final String ENTITY = "Center";

    private final ReferenceData referenceData;
    private final CenterRepository centers;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    public CenterService(ReferenceData referenceData, CenterRepository centers, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.referenceData = referenceData;
        this.centers = centers;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Center> create(AccessScope scope, CenterInput input) {
        CenterRules.Valid v = CenterRules.validate(input);
        return referenceData.get().chain(ref -> {
            managedProvince(scope, ref, v.provinceCode());
            return centers.associationStatusInTx(scope, v.associationId());
        }).chain(status -> {
            if (status == null) {
                throw ApiException.invalid("associationId", "reference.association.unknown");
            }
            if ("DISSOLVED".equals(status)) {
                throw ApiException.invalid("associationId", "center.association.dissolved");
            }
            return centers.codeTaken(v.code(), null);
        }).chain(taken -> {
            if (taken) {
                throw codeTaken(v.code());
            }
            CenterEntity c = new CenterEntity();
            c.id = UUID.randomUUID();
            c.status = CenterStatus.OPEN;
            c.associationId = v.associationId();
            c.updatedAt = clock.instant();
            AuditChanges changes = apply(c, v).field("associationId", null, c.associationId).field("status", null, c.status);
            return centers.persistAndFlush(c)
                    .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, c.id, changes.toMap()))
                    .map(x -> c.toRecord());
        });
    }

    @WithTransaction
    public Uni<Center> update(AccessScope scope, UUID id, int version, CenterInput input) {
        CenterRules.Valid v = CenterRules.validate(input);
        return referenceData.get().chain(ref -> load(scope, id, version, ref).chain(c -> {
            if (!c.associationId.equals(v.associationId())) {
                throw ApiException.invalid("associationId", "center.association.move");
            }
            Province now = ref.province(c.provinceCode).orElseThrow();
            Province next = managedProvince(scope, ref, v.provinceCode());
            if (!now.academyCode().equals(next.academyCode())) {
                throw ApiException.invalid("provinceCode", "center.academy.move", now.academyCode());
            }
            return centers.codeTaken(v.code(), c.id).chain(taken -> {
                if (taken) {
                    throw codeTaken(v.code());
                }
                return v.capacity() < c.capacity ? centers.openEnrollmentsInTx(id) : Uni.createFrom().item(0);
            }).chain(open -> {
                CenterRules.checkCapacity(v.capacity(), open);
                return save(scope, c, AuditAction.UPDATE, apply(c, v));
            });
        }));
    }

    @WithTransaction
    public Uni<Center> transition(AccessScope scope, UUID id, int version, CenterStatus to, String reason) {
        Inputs.present("to", to);
        String why = Inputs.optional("reason", reason, 500);
        return referenceData.get().chain(ref -> load(scope, id, version, ref)).chain(c -> {
            Uni<Integer> open = to == CenterStatus.CLOSED ? centers.openEnrollmentsInTx(id) : Uni.createFrom().item(0);
            return open.chain(n -> {
                CenterRules.checkTransition(c.status, to, why, n);
                AuditChanges changes = AuditChanges.create().field("status", c.status, to).note("reason", why);
                c.status = to;
                return save(scope, c, AuditAction.TRANSITION, changes);
            });
        });
    }

    private Uni<Center> save(AccessScope scope, CenterEntity c, AuditAction action, AuditChanges changes) {
        c.updatedAt = clock.instant();
        return centers.flush().chain(() -> audit.record(scope, action, ENTITY, c.id, changes.toMap())).map(x -> c.toRecord());
    }

    /** The centre, locked, if the caller sees it (else NOT_FOUND) at the version read (else CONFLICT). */
    private Uni<CenterEntity> load(AccessScope scope, UUID id, int version, ReferenceData.Snapshot ref) {
        return centers.lockVisible(scope, id).map(c -> {
            if (c == null) {
                throw ApiException.notFound(ENTITY, id);
            }
            if (c.version != version) {
                throw ApiException.conflict(ENTITY, id, version, c.version);
            }
            return c;
        });
    }

    private static Province managedProvince(ReferenceData.Snapshot ref, String code) {
        return ref.province(code).orElseThrow(() -> ApiException.invalid("provinceCode", "reference.province.unknown", "provinceCode"));
    }

    /** An academy officer manages centres in a province of its academy. */
    private static Province managedProvince(AccessScope scope, ReferenceData.Snapshot ref, String code) {
        Province p = managedProvince(ref, code);
        if (!scope.coversAcademy(p.academyCode())) {
            throw ApiException.keyed(ma.forsa.common.ErrorCode.FORBIDDEN, java.util.Map.of("field", "provinceCode"), "center.academy.outside",
                    scope.academyScope(), p.academyCode());
        }
        return p;
    }

    private static ApiException codeTaken(String code) {
        return ApiException.invalid("code", "constraint.center_code_key");
    }

    private static AuditChanges apply(CenterEntity c, CenterRules.Valid v) {
        AuditChanges changes = AuditChanges.create().field("code", c.code, v.code()).field("name", c.name, v.name())
                .field("provinceCode", c.provinceCode, v.provinceCode()).field("commune", c.commune, v.commune())
                .field("address", c.address, v.address()).field("capacity", c.code == null ? null : c.capacity, v.capacity())
                .field("openedOn", c.openedOn, v.openedOn());
        c.code = v.code();
        c.name = v.name();
        c.provinceCode = v.provinceCode();
        c.commune = v.commune();
        c.address = v.address();
        c.capacity = v.capacity();
        c.openedOn = v.openedOn();
        return changes;
    }
}
