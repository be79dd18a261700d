package ma.forsa.learner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.ClientProxy;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;
import ma.forsa.audit.PersonalReadAudit;
import ma.forsa.security.AccessScope;
import ma.forsa.security.PersonalData;
import ma.forsa.security.WithheldFields;

/**
 * The one place that decides which of a learner's personal fields a viewer sees, says which were
 * withheld and accounts for the personal reads. Learners are minors: MINISTRY sees them pseudonymised
 * (identity and all personal details null); disability and the reason for leaving school are shown
 * only to ADMIN and to the association that follows the learner now.
 *
 * <p>Every resolver returning learners takes a {@link Reader} first thing (synchronously: it reads the
 * GraphQL selection), then turns its rows into {@link Learner}s through it. For the fields the document
 * selects: a field withheld from the caller is listed in {@code extensions.withheld}
 * ({@link WithheldFields}); a learner of whom at least one personal field is served gets one
 * READ_PERSONAL event per request ({@link PersonalReadAudit}: ACADEMY_OFFICER and ADMIN), written
 * before the learner is served.
 */
@ApplicationScoped
public class LearnerView {

    static final String TYPE = "Learner";
    private static final Set<String> SENSITIVE = PersonalData.SENSITIVE;
    private static final Set<String> PSEUDONYMISED = PersonalData.PSEUDONYMISED;

    private final Context context;
    private final WithheldFields withheld;
    private final PersonalReadAudit personalReads;

    @Inject
    public LearnerView(Context context, WithheldFields withheld, PersonalReadAudit personalReads) {
        this.context = context;
        this.withheld = withheld;
        this.personalReads = personalReads;
    }

    /** For a field of type Learner resolved once per occurrence ({@code learner}, {@code learnerByMassarCode}, mutations). */
    public Reader forField(AccessScope scope) {
        return reader(scope, LearnerSelection.ofField(context));
    }

    /** For a LearnerConnection ({@code learners}): the fields under {@code edges/node}. */
    public Reader forConnection(AccessScope scope) {
        return reader(scope, LearnerSelection.ofConnection(context));
    }

    /** For a batched source field of type Learner ({@code Enrollment.learner}). */
    public Reader forBatchedField(AccessScope scope) {
        return reader(scope, LearnerSelection.ofBatchedField(context));
    }

    private Reader reader(AccessScope scope, Set<String> selected) {
        // the request's own instances: the reader is used in callbacks after the database answered
        return new Reader(scope, selected, ClientProxy.unwrap(withheld), ClientProxy.unwrap(personalReads));
    }

    /** Learners as one viewer may see them, for one place of the document. */
    public static final class Reader {

        private final AccessScope scope;
        /** Selected fields that may be masked (the others are shown to everyone). */
        private final Set<String> selectedMaskable = new LinkedHashSet<>();
        private final WithheldFields withheld;
        private final PersonalReadAudit personalReads;

        Reader(AccessScope scope, Set<String> selected, WithheldFields withheld, PersonalReadAudit personalReads) {
            this.scope = scope;
            selected.stream().filter(PSEUDONYMISED::contains).forEach(selectedMaskable::add);
            this.withheld = withheld;
            this.personalReads = personalReads;
        }

        /** The learners, once their personal reads are recorded (a failed audit fails the read). */
        public Uni<List<Learner>> read(List<LearnerRow> rows) {
            List<UUID> read = new ArrayList<>();
            List<Learner> learners = new ArrayList<>(rows.size());
            for (LearnerRow row : rows) {
                if (servesPersonal(row)) {
                    read.add(row.id());
                }
                learners.add(show(row));
            }
            return personalReads.recordRead(scope, read).replaceWith(learners);
        }

        public Uni<Learner> read(LearnerRow row) {
            return read(List.of(row)).map(list -> list.get(0));
        }

        /**
         * A learner the caller has just registered or updated: masked and withheld as a read, but no
         * READ_PERSONAL event: the response carries only what the caller wrote, and the write itself is
         * audited (CREATE/UPDATE, personal fields by name) in its transaction.
         */
        public Learner written(LearnerRow row) {
            return show(row);
        }

        /** Whether a personal field of this learner is selected and shown (reading only id, birthDate, sex... is not). */
        private boolean servesPersonal(LearnerRow row) {
            return selectedMaskable.stream().anyMatch(field -> PersonalData.isPersonal(field) && sees(row, field));
        }

        private boolean sees(LearnerRow row, String field) {
            if (!scope.seesLearnerIdentity()) {
                return !PSEUDONYMISED.contains(field);
            }
            return !SENSITIVE.contains(field) || seesSensitive(row, scope);
        }

        private Learner show(LearnerRow row) {
            for (String field : selectedMaskable) {
                if (!sees(row, field)) {
                    withheld.withhold(scope, TYPE, field);
                }
            }
            return mask(row, scope);
        }
    }

    /** The learner with what {@code scope} may not see set to null (see {@link #PSEUDONYMISED}, {@link #SENSITIVE}). */
    static Learner mask(LearnerRow r, AccessScope scope) {
        String id = r.id().toString();
        if (!scope.seesLearnerIdentity()) {
            return new Learner(id, null, null, null, r.birthDate(), r.sex(), r.provinceOfResidenceCode(), null, r.version(),
                    null, null, null, null, null, null, null, null, null);
        }
        boolean sensitive = seesSensitive(r, scope);
        return new Learner(id, r.massarCode(), r.firstName(), r.lastName(), r.birthDate(), r.sex(),
                r.provinceOfResidenceCode(), r.guardianPhone(), r.version(), r.cin(), r.firstNameAr(), r.lastNameAr(),
                r.guardianName(), sensitive ? r.disability() : null, r.lastGradeCompleted(), r.leftSchoolYear(),
                sensitive ? r.dropoutReason() : null, r.consentRecordedOn());
    }

    /** Disability and dropout reason: ADMIN, and staff of the association following the learner. */
    static boolean seesSensitive(LearnerRow r, AccessScope scope) {
        return PersonalData.seesSensitive(scope, r.followingAssociationId());
    }
}
