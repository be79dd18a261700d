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
 * The one place that masks a learner's personal fields for a viewer, says which were withheld and accounts for
 * the personal reads; the decisions are {@link PersonalData}'s. Learners are minors: MINISTRY sees them pseudonymised
 * (identity and all personal details null), and so does an ACADEMY_OFFICER except for the learners it holds a live
 * access grant for (break the glass); disability and the reason for leaving school are shown only to ADMIN and to the
 * association that follows the learner now; guardian contact data of a learner who has left is shown only under a
 * consent to contact after exit.
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
         * The learner columns to read for this place of the document ({@link LearnerRow#columns}): what decides the
         * sensitive fields and the contact fields only when one of them is selected here.
         */
        String columns() {
            return LearnerRow.columns(selectedMaskable.stream().anyMatch(PersonalData.SENSITIVE::contains),
                    selectedMaskable.stream().anyMatch(PersonalData.CONTACT::contains));
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
            return LearnerView.sees(row, field, scope);
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

    /** Whether {@code scope} sees {@code field} of this learner (the decision is {@link PersonalData#sees}). */
    static boolean sees(LearnerRow r, String field, AccessScope scope) {
        return PersonalData.sees(scope, field, r.id(), r.followingAssociationId(), r.contactWithheld());
    }

    /**
     * The learner with what {@code scope} may not see set to null: pseudonymised for MINISTRY and for an ACADEMY_OFFICER
     * without a live grant for it, sensitive fields for all but ADMIN and the following association, contact data after
     * exit without consent ({@link PersonalData#sees}).
     */
    static Learner mask(LearnerRow r, AccessScope scope) {
        return new Learner(r.id().toString(), v(r, scope, "massarCode", r.massarCode()), v(r, scope, "firstName", r.firstName()),
                v(r, scope, "lastName", r.lastName()), r.birthDate(), r.sex(), r.provinceOfResidenceCode(),
                v(r, scope, "guardianPhone", r.guardianPhone()), r.version(), v(r, scope, "cin", r.cin()),
                v(r, scope, "firstNameAr", r.firstNameAr()), v(r, scope, "lastNameAr", r.lastNameAr()),
                v(r, scope, "guardianName", r.guardianName()), v(r, scope, "disability", r.disability()),
                v(r, scope, "lastGradeCompleted", r.lastGradeCompleted()), v(r, scope, "leftSchoolYear", r.leftSchoolYear()),
                v(r, scope, "dropoutReason", r.dropoutReason()), v(r, scope, "consentRecordedOn", r.consentRecordedOn()));
    }

    private static <T> T v(LearnerRow r, AccessScope scope, String field, T value) {
        return sees(r, field, scope) ? value : null;
    }

}
