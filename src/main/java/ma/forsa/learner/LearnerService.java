package ma.forsa.learner;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
import ma.forsa.common.DbErrors;
import ma.forsa.security.AccessScope;

/** Registers and updates learners: validation, duplicate detection, scope and audit. */
@ApplicationScoped
public class LearnerService {

    static final String ENTITY = "Learner";
    /** Names closer than this (Levenshtein on normalised names) with the same birth date look like the same person. */
    public static final int CLOSE_SPELLING = 2;
    /** Advisory lock key space of {@link #lockBirthDate} (also taken by the bulk import). */
    public static final long BIRTH_DATE_LOCK_NAMESPACE = 0x4C45_4152_0000_0000L;

    private final AuditLog audit;
    private final LearnerGuard guard;

    @Inject
    public LearnerService(AuditLog audit, LearnerGuard guard) {
        this.audit = audit;
        this.guard = guard;
    }

    @WithTransaction
    public Uni<LearnerRow> register(AccessScope scope, LearnerInputs.Valid in, boolean confirmNotDuplicate) {
        guard.requireWriter(scope);
        return guard.requireActiveAssociation(scope)
                .chain(() -> lockBirthDate(in.birthDate()))
                .chain(() -> refuseSameMassarCode(in.massarCode(), null))
                .chain(() -> confirmNotDuplicate ? Uni.createFrom().item(List.<UUID>of()) : lookalikes(in))
                .chain(lookalikes -> {
                    if (!lookalikes.isEmpty()) {
                        throw ApiException.duplicateSuspected(lookalikes.size() + " learner(s) born on " + in.birthDate()
                                + " with the same or a very close name are already registered (see candidates). Check "
                                + "them first; if this is a different person, register again with confirmNotDuplicate: true.",
                                lookalikes);
                    }
                    return confirmNotDuplicate ? lookalikes(in) : Uni.createFrom().item(List.<UUID>of());
                })
                .chain(overridden -> {
                    LearnerEntity e = new LearnerEntity();
                    AuditChanges changes = apply(e, in);
                    e.registeredByAssociationId = scope.associationScope();
                    if (e.registeredByAssociationId != null) {
                        changes.field("registeredByAssociationId", null, e.registeredByAssociationId);
                    }
                    if (!overridden.isEmpty()) {
                        changes.note("confirmedNotDuplicateOf", overridden.stream().map(UUID::toString).toList());
                    }
                    return e.<LearnerEntity>persistAndFlush()
                            .onFailure(f -> DbErrors.violates(f, "learner_massar_code_key"))
                            .transform(f -> massarTaken(in.massarCode(), List.of()))
                            .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, e.id, changes.toMap()))
                            .map(v -> LearnerRow.from(e, scope.associationScope()));
                });
    }

    @WithTransaction
    public Uni<LearnerRow> update(AccessScope scope, UUID id, int version, LearnerInputs.Valid in) {
        guard.requireWriter(scope);
        return guard.requireWritableLearner(scope, id)
                .chain(() -> LearnerEntity.<LearnerEntity>findById(id))
                .chain(e -> {
                    if (e == null) {
                        throw ApiException.notFound("learner", id);
                    }
                    if (e.version != version) {
                        throw ApiException.conflict(ENTITY, id, version, e.version);
                    }
                    return refuseSameMassarCode(in.massarCode(), id).map(v -> e);
                })
                .chain(e -> {
                    AuditChanges changes = apply(e, in);
                    if (changes.isEmpty()) {
                        return Uni.createFrom().item(e);
                    }
                    return Panache.flush()
                            .onFailure(f -> DbErrors.violates(f, "learner_massar_code_key"))
                            .transform(f -> massarTaken(in.massarCode(), List.of()))
                            .chain(() -> audit.record(scope, AuditAction.UPDATE, ENTITY, id, changes.toMap()))
                            .map(v -> e);
                })
                .map(e -> LearnerRow.from(e, scope.associationScope()));
    }

    /** Copies the input onto the entity and says what changed (personal fields by name only). */
    private static AuditChanges apply(LearnerEntity e, LearnerInputs.Valid in) {
        AuditChanges c = AuditChanges.create()
                .personal("massarCode", e.massarCode, in.massarCode())
                .personal("cin", e.cin, in.cin())
                .personal("firstName", e.firstName, in.firstName())
                .personal("lastName", e.lastName, in.lastName())
                .personal("firstNameAr", e.firstNameAr, in.firstNameAr())
                .personal("lastNameAr", e.lastNameAr, in.lastNameAr())
                .personal("birthDate", e.birthDate, in.birthDate())
                .field("sex", e.sex, in.sex().name())
                .field("provinceOfResidenceCode", e.provinceOfResidenceCode, in.provinceOfResidenceCode())
                .personal("guardianName", e.guardianName, in.guardianName())
                .personal("guardianPhone", e.guardianPhone, in.guardianPhone())
                .personal("disability", e.id == null ? Boolean.FALSE : e.disability, in.disability())
                .field("lastGradeCompleted", e.lastGradeCompleted, in.lastGradeCompleted())
                .field("leftSchoolYear", e.leftSchoolYear, in.leftSchoolYear())
                .personal("dropoutReason", e.dropoutReason, in.dropoutReason())
                .field("consentRecordedOn", e.consentRecordedOn, in.consentRecordedOn());
        e.massarCode = in.massarCode();
        e.cin = in.cin();
        e.firstName = in.firstName();
        e.lastName = in.lastName();
        e.firstNameAr = in.firstNameAr();
        e.lastNameAr = in.lastNameAr();
        e.nameKey = in.nameKey();
        e.searchKey = in.searchKey();
        e.birthDate = in.birthDate();
        e.sex = in.sex().name();
        e.provinceOfResidenceCode = in.provinceOfResidenceCode();
        e.guardianName = in.guardianName();
        e.guardianPhone = in.guardianPhone();
        e.disability = in.disability();
        e.lastGradeCompleted = in.lastGradeCompleted();
        e.leftSchoolYear = in.leftSchoolYear();
        e.dropoutReason = in.dropoutReason();
        e.consentRecordedOn = in.consentRecordedOn();
        return c;
    }

    /** Two registrations of people born the same day are checked one after the other. */
    private static Uni<Void> lockBirthDate(LocalDate birthDate) {
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?1)) x")
                .setParameter(1, BIRTH_DATE_LOCK_NAMESPACE + birthDate.toEpochDay()).getResultList()).replaceWithVoid();
    }

    /** A MASSAR code identifies one pupil: a second learner with it is always refused. */
    private static Uni<Void> refuseSameMassarCode(String massarCode, UUID self) {
        if (massarCode == null) {
            return Uni.createFrom().voidItem();
        }
        return LearnerEntity.<LearnerEntity>find("massarCode", massarCode).firstResult().invoke(other -> {
            if (other != null && !other.id.equals(self)) {
                throw massarTaken(massarCode, List.of(other.id));
            }
        }).replaceWithVoid();
    }

    private static ApiException massarTaken(String massarCode, List<UUID> candidates) {
        return ApiException.duplicateSuspected("A learner with MASSAR code " + massarCode + " is already registered (see "
                + "candidates): open that record instead of registering the learner again. A MASSAR code belongs to one "
                + "pupil, so confirmNotDuplicate does not apply.", candidates);
    }

    /**
     * Learners born the same day whose normalised name (Latin script, also with first and last name
     * swapped, or Arabic script when both have one) is the same or within {@link #CLOSE_SPELLING} edits.
     */
    private static Uni<List<UUID>> lookalikes(LearnerInputs.Valid in) {
        String key = in.nameKey();
        String swapped = Names.nameKey(in.lastName(), in.firstName());
        String arabic = Names.nameKey(in.firstNameAr(), in.lastNameAr());
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT CAST(id AS varchar), coalesce(name_key, ''), "
                + "first_name_ar, last_name_ar FROM learner WHERE birth_date = ?1 AND anonymised_at IS NULL", Object[].class)
                .setParameter(1, in.birthDate()).getResultList())
                .map(rows -> {
                    List<UUID> found = new ArrayList<>();
                    for (Object[] row : rows) {
                        if (looksLike(key, swapped, arabic, (String) row[1], (String) row[2], (String) row[3])) {
                            found.add(UUID.fromString((String) row[0]));
                        }
                    }
                    return found;
                });
    }

    /** The duplicate-suspicion rule for one candidate born the same day (also applied by the bulk import). */
    public static boolean looksLike(LearnerInputs.Valid in, String otherNameKey, String otherFirstNameAr, String otherLastNameAr) {
        return looksLike(in.nameKey(), Names.nameKey(in.lastName(), in.firstName()),
                Names.nameKey(in.firstNameAr(), in.lastNameAr()), otherNameKey, otherFirstNameAr, otherLastNameAr);
    }

    private static boolean looksLike(String key, String swapped, String arabic, String otherNameKey, String otherFirstNameAr,
            String otherLastNameAr) {
        String other = otherNameKey == null ? "" : otherNameKey;
        String otherArabic = Names.nameKey(otherFirstNameAr, otherLastNameAr);
        return close(key, other) || close(swapped, other)
                || (!arabic.isEmpty() && !otherArabic.isEmpty() && close(arabic, otherArabic));
    }

    private static boolean close(String a, String b) {
        return Names.distance(a, b, CLOSE_SPELLING) <= CLOSE_SPELLING;
    }
}
