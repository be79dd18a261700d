package ma.forsa.learner;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditChanges;
import ma.forsa.audit.AuditLog;
import ma.forsa.common.ApiException;
import ma.forsa.common.DbErrors;
import ma.forsa.common.ErrorCode;
import ma.forsa.common.i18n.Messages;
import ma.forsa.security.AccessScope;
import ma.forsa.security.LearnerWrites;
import ma.forsa.security.PersonalData;

/**
 * Registers and updates learners (WRITE_LEARNERS): the learner rulebook ({@link LearnerRules}), duplicate
 * detection within what the caller may know, write scope (the association or academy that follows the learner) and
 * audit, in one transaction.
 */
@ApplicationScoped
public class LearnerService {

    static final String ENTITY = "Learner";

    private final LearnerRepository learners;
    private final AuditLog audit;

    @Inject
    public LearnerService(LearnerRepository learners, AuditLog audit) {
        this.learners = learners;
        this.audit = audit;
    }

    /**
     * @param associationId the association that follows the learner: ASSOCIATION_STAFF register for their own (the
     *        argument may be left out); an ACADEMY_OFFICER must name one it sees; ADMIN may leave it out.
     */
    @WithTransaction
    public Uni<LearnerRow> register(AccessScope scope, LearnerRules.Valid in, boolean confirmNotDuplicate, UUID associationId) {
        if (scope.associationScope() != null && associationId != null && !associationId.equals(scope.associationScope())) {
            throw error(scope, ErrorCode.VALIDATION, "associationId", "learner.association.unknown");
        }
        UUID follower = scope.associationScope() != null ? scope.associationScope() : associationId;
        if (scope.academyScope() != null && follower == null) {
            throw error(scope, ErrorCode.VALIDATION, "associationId", "learner.association.required");
        }
        Uni<Void> association = follower == null || scope.associationScope() != null ? Uni.createFrom().voidItem()
                : learners.associationStatusInTx(scope, follower).invoke(status -> {
                    if (status == null) {
                        throw error(scope, ErrorCode.VALIDATION, "associationId", "learner.association.unknown");
                    }
                    if ("DISSOLVED".equals(status)) {
                        throw error(scope, ErrorCode.VALIDATION, "associationId", "learner.association.dissolved");
                    }
                }).replaceWithVoid();
        return association.chain(() -> learners.lockBirthDate(in.birthDate()))
                .chain(() -> refuseSameMassarCode(scope, in.massarCode(), null))
                .chain(() -> learners.bornOn(scope, in.birthDate(), null))
                .chain(candidates -> {
                    List<LearnerRepository.Candidate> alike = candidates.stream()
                            .filter(c -> LearnerRules.looksLike(in, c.nameKey(), c.firstNameAr(), c.lastNameAr())).toList();
                    List<UUID> visible = alike.stream().filter(LearnerRepository.Candidate::visible)
                            .map(LearnerRepository.Candidate::id).toList();
                    if (!alike.isEmpty() && !confirmNotDuplicate) {
                        if (!visible.isEmpty()) {
                            throw ApiException.duplicateSuspected(Messages.text(scope.locale(), "learner.duplicate.suspected",
                                    visible.size()), visible);
                        }
                        throw ApiException.duplicateSuspected(Messages.text(scope.locale(), "learner.duplicate.elsewhere"),
                                List.of());
                    }
                    LearnerEntity e = new LearnerEntity();
                    AuditChanges changes = apply(e, in);
                    e.registeredByAssociationId = follower;
                    changes.field("registeredByAssociationId", null, follower);
                    if (!alike.isEmpty()) {
                        changes.note("confirmedNotDuplicateOf", visible.stream().map(UUID::toString).toList());
                    }
                    return learners.persistAndFlush(e)
                            .onFailure(f -> DbErrors.violates(f, "learner_massar_code_key"))
                            .transform(f -> massarTaken(scope, null))
                            .chain(() -> audit.record(scope, AuditAction.CREATE, ENTITY, e.id, changes.toMap()))
                            .map(v -> LearnerRow.from(e, follower));
                });
    }

    @WithTransaction
    public Uni<LearnerRow> update(AccessScope scope, UUID id, int version, LearnerRules.Valid in) {
        return learners.lockForWrite(scope, id).chain(target -> {
            LearnerWrites.require(scope, id, target);
            return learners.findById(id);
        }).chain(e -> {
            if (e.version != version) {
                throw ApiException.conflict(ENTITY, id, version, e.version);
            }
            return learners.visibilityInTx(id).map(v -> LearnerRules.keepHidden(in, stored(e),
                    field -> PersonalData.sees(scope, field, id, v.follower(), v.contactWithheld())))
                    .chain(merged -> refuseSameMassarCode(scope, merged.massarCode(), id).map(x -> new Applied(e, apply(e, merged))));
        }).chain(applied -> {
            LearnerEntity e = applied.entity();
            AuditChanges changes = applied.changes();
            if (!PersonalData.seesIdentity(scope, id) && changes.toMap().keySet().stream().anyMatch(PersonalData::isPersonal)) {
                // break the glass: who may not read the identity (an officer without a live grant) may not overwrite it
                throw error(scope, ErrorCode.FORBIDDEN, null, "learner.identity.grantRequired");
            }
            Uni<Void> saved = changes.isEmpty() ? Uni.createFrom().voidItem()
                    : learners.flush().onFailure(f -> DbErrors.violates(f, "learner_massar_code_key"))
                            .transform(f -> massarTaken(scope, null))
                            .chain(() -> audit.record(scope, AuditAction.UPDATE, ENTITY, id, changes.toMap()));
            return saved.chain(() -> learners.followerInTx(id)).map(follower -> LearnerRow.from(e, follower));
        });
    }

    /** A MASSAR code identifies one pupil: a second learner with it is always refused (naming it only when visible). */
    private Uni<Void> refuseSameMassarCode(AccessScope scope, String massarCode, UUID self) {
        if (massarCode == null) {
            return Uni.createFrom().voidItem();
        }
        return learners.massarHolder(scope, massarCode, self).invoke(holder -> {
            if (holder != null) {
                throw massarTaken(scope, holder);
            }
        }).replaceWithVoid();
    }

    private static ApiException massarTaken(AccessScope scope, LearnerRepository.Holder holder) {
        if (holder != null && holder.visible()) {
            return ApiException.duplicateSuspected(Messages.text(scope.locale(), "learner.massar.taken"), List.of(holder.id()));
        }
        return ApiException.duplicateSuspected(Messages.text(scope.locale(), "learner.massar.takenElsewhere"), List.of());
    }

    private static ApiException error(AccessScope scope, ErrorCode code, String field, String key) {
        return new ApiException(code, Messages.text(scope.locale(), key), field == null ? Map.of() : Map.of("field", field));
    }

    private record Applied(LearnerEntity entity, AuditChanges changes) {
    }

    /** The stored learner as the rulebook sees it (to keep the fields an update's caller does not see). */
    private static LearnerRules.Valid stored(LearnerEntity e) {
        return new LearnerRules.Valid(e.massarCode, e.cin, e.firstName, e.lastName, e.firstNameAr, e.lastNameAr, e.birthDate,
                e.sex == null ? null : Sex.valueOf(e.sex), e.provinceOfResidenceCode, e.guardianName, e.guardianPhone,
                e.disability, e.lastGradeCompleted, e.leftSchoolYear, e.dropoutReason, e.consentRecordedOn);
    }

    /** Copies the input onto the entity and says what changed (personal fields by name only). */
    private static AuditChanges apply(LearnerEntity e, LearnerRules.Valid in) {
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
}
