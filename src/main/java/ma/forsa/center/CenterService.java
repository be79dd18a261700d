package ma.forsa.center;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

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
import ma.forsa.common.ApiException;
import ma.forsa.common.Ids;
import ma.forsa.reference.Province;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Role;

/**
 * Writes of centres: ADMIN anywhere, an ACADEMY_OFFICER in the provinces of its academy. MINISTRY
 * and ASSOCIATION_STAFF only read them.
 */
@ApplicationScoped
public class CenterService {

    static final String ENTITY = "Center";
    public static final int MAX_CAPACITY = 5000;
    private static final Pattern CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");
    private static final Map<CenterStatus, List<CenterStatus>> NEXT = Map.of(
            CenterStatus.OPEN, List.of(CenterStatus.SUSPENDED, CenterStatus.CLOSED),
            CenterStatus.SUSPENDED, List.of(CenterStatus.OPEN, CenterStatus.CLOSED),
            CenterStatus.CLOSED, List.of());

    private final ReferenceData referenceData;
    private final AssociationQueries associations;
    private final AuditLog audit;

    @Inject
    public CenterService(ReferenceData referenceData, AssociationQueries associations, AuditLog audit) {
        this.referenceData = referenceData;
        this.associations = associations;
        this.audit = audit;
    }

    record Valid(String code, String name, UUID associationId, String provinceCode, String commune, String address, int capacity,
            java.time.LocalDate openedOn) {
    }

    private static Valid validate(CenterInput input) {
        Inputs.present("input", input);
        String code = Inputs.required("code", input.code(), 32);
        if (!CODE.matcher(code).matches()) {
            throw ApiException.validation("code", "code may contain only letters, digits, '.', '_' and '-' (got '" + code + "').");
        }
        String name = Inputs.required("name", input.name(), 200);
        UUID association = Ids.parseInput(input.associationId(), "associationId");
        String province = Inputs.required("provinceCode", input.provinceCode(), 8);
        String commune = Inputs.optional("commune", input.commune(), 120);
        String address = Inputs.optional("address", input.address(), 300);
        Inputs.atLeast("capacity", input.capacity(), 1);
        if (input.capacity() > MAX_CAPACITY) {
            throw ApiException.validation("capacity", "capacity must be at most " + MAX_CAPACITY + " learners (got "
                    + input.capacity() + ").");
        }
        return new Valid(code, name, association, province, commune, address, input.capacity(), input.openedOn());
    }

    private static void mayWrite(AccessScope scope) {
        if (scope.role() != Role.ADMIN && scope.role() != Role.ACADEMY_OFFICER) {
            throw ApiException.forbidden("Only an administrator or an academy officer may create or change centres; your role ("
                    + scope.role() + ") may read them.");
        }
    }

    private static Province province(ReferenceData.Snapshot ref, AccessScope scope, String code) {
        Province p = ref.province(code).orElseThrow(() -> ApiException.validation("provinceCode", "provinceCode " + code
                + " is not a province or prefecture code: see academies { provinces { code } }."));
        if (scope.academyScope() != null && !scope.academyScope().equals(p.academyCode())) {
            throw ApiException.forbidden("An academy officer of " + scope.academyScope() + " may only manage centres in a province "
                    + "of that academy; provinceCode " + code + " belongs to academy " + p.academyCode() + ".");
        }
        return p;
    }

    private Uni<AssociationQueries.Party> association(AccessScope scope, UUID id) {
        return associations.partyInTransaction(scope, id).map(a -> {
            if (a == null) {
                throw ApiException.validation("associationId", "No association with id " + id + " exists.");
            }
            if (a.status() == AssociationStatus.DISSOLVED) {
                throw ApiException.validation("associationId", "Association " + a.name() + " is dissolved: it cannot run a centre.");
            }
            return a;
        });
    }

    @WithTransaction
    public Uni<Center> create(AccessScope scope, CenterInput input) {
        mayWrite(scope);
        Valid v = validate(input);
        return referenceData.get().chain(ref -> {
            province(ref, scope, v.provinceCode());
            return association(scope, v.associationId());
        }).chain(a -> CenterEntity.count("code", v.code())).chain(existing -> {
            if (existing > 0) {
                throw ApiException.validation("code", "code " + v.code() + " is already used by another centre: choose another.");
            }
            CenterEntity c = new CenterEntity();
            c.id = UUID.randomUUID();
            c.status = CenterStatus.OPEN;
            c.createdAt = Instant.now();
            c.associationId = v.associationId();
            AuditChanges changes = AuditChanges.create();
            apply(c, v, changes);
            return c.persist().chain(Panache::flush)
                    .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, c.id,
                            changes.field("associationId", null, c.associationId).field("status", null, c.status).toMap()))
                    .map(x -> c.toRecord());
        });
    }

    @WithTransaction
    public Uni<Center> update(AccessScope scope, String id, int version, CenterInput input) {
        mayWrite(scope);
        UUID uuid = Ids.parse(id, ENTITY);
        Valid v = validate(input);
        return referenceData.get().chain(ref -> load(scope, uuid, ref).chain(c -> {
            checkVersion(uuid, version, c.version);
            if (!c.associationId.equals(v.associationId())) {
                throw ApiException.validation("associationId", "A centre cannot move to another association: close it and create "
                        + "a new centre for the new association.");
            }
            Province now = ref.province(c.provinceCode).orElseThrow();
            Province next = province(ref, scope, v.provinceCode());
            if (!now.academyCode().equals(next.academyCode())) {
                throw ApiException.validation("provinceCode", "provinceCode must stay in academy " + now.academyCode()
                        + ": a centre cannot move to another academy, whose agreements do not cover it.");
            }
            Uni<Long> codeTaken = v.code().equals(c.code) ? Uni.createFrom().item(0L) : CenterEntity.count("code", v.code());
            return codeTaken.chain(taken -> {
                if (taken > 0) {
                    throw ApiException.validation("code", "code " + v.code() + " is already used by another centre: choose another.");
                }
                return v.capacity() < c.capacity ? CenterQueries.occupancyInTransaction(uuid) : Uni.createFrom().item(0);
            }).chain(open -> {
                if (v.capacity() < open) {
                    throw ApiException.validation("capacity", "capacity cannot go below the " + open
                            + " open enrollments of the centre; close or transfer enrollments first.");
                }
                AuditChanges changes = AuditChanges.create();
                apply(c, v, changes);
                return save(scope, c, AuditAction.UPDATE, changes);
            });
        }));
    }

    @WithTransaction
    public Uni<Center> transition(AccessScope scope, String id, int version, CenterStatus to, String reason) {
        mayWrite(scope);
        UUID uuid = Ids.parse(id, ENTITY);
        Inputs.present("to", to);
        String why = Inputs.optional("reason", reason, 500);
        return referenceData.get().chain(ref -> load(scope, uuid, ref).chain(c -> {
            checkVersion(uuid, version, c.version);
            List<CenterStatus> allowed = NEXT.get(c.status);
            if (!allowed.contains(to)) {
                throw ApiException.invalidTransition(ENTITY, c.status, to, allowed);
            }
            if (to != CenterStatus.OPEN && why == null) {
                throw ApiException.validation("reason", "reason is required to suspend or close a centre: say why.");
            }
            Uni<Integer> open = to == CenterStatus.CLOSED ? CenterQueries.occupancyInTransaction(uuid) : Uni.createFrom().item(0);
            return open.chain(n -> {
                if (n > 0) {
                    throw ApiException.validation("to", "The centre still has " + n + " open enrollments: complete, end or "
                            + "transfer them before closing it.");
                }
                AuditChanges changes = AuditChanges.create().field("status", c.status, to).note("reason", why);
                c.status = to;
                return save(scope, c, AuditAction.TRANSITION, changes);
            });
        }));
    }

    private Uni<Center> save(AccessScope scope, CenterEntity c, AuditAction action, AuditChanges changes) {
        c.updatedAt = Instant.now();
        return Panache.flush().chain(() -> audit.record(scope, action, ENTITY, c.id, changes.toMap())).map(x -> c.toRecord());
    }

    /** The centre if the caller can see it (else NOT_FOUND). */
    private Uni<CenterEntity> load(AccessScope scope, UUID id, ReferenceData.Snapshot ref) {
        return CenterEntity.<CenterEntity>findById(id).map(c -> {
            if (c == null || scope.academyScope() != null
                    && !scope.academyScope().equals(ref.province(c.provinceCode).map(Province::academyCode).orElse(null))) {
                throw ApiException.notFound(ENTITY, id);
            }
            return c;
        });
    }

    private static void checkVersion(UUID id, int given, int current) {
        if (given != current) {
            throw ApiException.conflict(ENTITY, id, given, current);
        }
    }

    private static void apply(CenterEntity c, Valid v, AuditChanges changes) {
        changes.field("code", c.code, v.code()).field("name", c.name, v.name()).field("provinceCode", c.provinceCode, v.provinceCode())
                .field("commune", c.commune, v.commune()).field("address", c.address, v.address())
                .field("capacity", c.code == null ? null : c.capacity, v.capacity()).field("openedOn", c.openedOn, v.openedOn());
        c.code = v.code();
        c.name = v.name();
        c.provinceCode = v.provinceCode();
        c.commune = v.commune();
        c.address = v.address();
        c.capacity = v.capacity();
        c.openedOn = v.openedOn();
        c.updatedAt = Instant.now();
    }
}
