package ma.forsa.learner;

import java.time.LocalDate;
import java.util.UUID;

import ma.forsa.common.db.DbRow;
import ma.forsa.security.PersonalData;
import ma.forsa.security.ScopeSql;

/**
 * A learner as stored, with the association that follows them now ({@link ScopeSql#follower}) and whether its contact
 * data is withheld ({@link PersonalData#contactWithheld}: left without consent to contact). Never sent to clients as
 * is: {@link LearnerView} masks it for the viewer.
 */
public record LearnerRow(UUID id, String massarCode, String cin, String firstName, String lastName, String firstNameAr,
        String lastNameAr, LocalDate birthDate, Sex sex, String provinceOfResidenceCode, String guardianName,
        String guardianPhone, boolean disability, String lastGradeCompleted, Integer leftSchoolYear, String dropoutReason,
        LocalDate consentRecordedOn, int version, UUID followingAssociationId, boolean anonymised, boolean contactWithheld) {

    /** The columns {@link #from} reads, for {@code SELECT ... FROM learner l}. */
    public static final String COLUMNS = columns(true, true);

    /**
     * {@link #COLUMNS} for a read that serves no sensitive field ({@code sensitive} false) or no contact field
     * ({@code contact} false): the look-ups that decide them (the following association, the contact rule) are left
     * out, with the most restrictive value in their place (followed by no one, contact withheld).
     */
    static String columns(boolean sensitive, boolean contact) {
        return "l.id, l.massar_code, l.cin, l.first_name, l.last_name, l.first_name_ar, "
                + "l.last_name_ar, l.birth_date, l.sex, l.province_of_residence_code, l.guardian_name, l.guardian_phone, "
                + "l.disability, l.last_grade_completed, l.left_school_year, l.dropout_reason, l.consent_recorded_on, "
                + "l.version, " + (sensitive ? ScopeSql.follower("l") : "NULL::uuid") + " AS following_association_id, "
                + "l.anonymised_at IS NOT NULL AS anonymised, "
                + (contact ? PersonalData.contactWithheld("l") : "true") + " AS contact_withheld";
    }

    public static LearnerRow from(DbRow r) {
        return new LearnerRow(r.uuid("id"), r.string("massar_code"), r.string("cin"), r.string("first_name"),
                r.string("last_name"), r.string("first_name_ar"), r.string("last_name_ar"), r.date("birth_date"),
                Sex.valueOf(r.string("sex")), r.string("province_of_residence_code"), r.string("guardian_name"),
                r.string("guardian_phone"), r.flag("disability"), r.string("last_grade_completed"),
                r.integer("left_school_year"), r.string("dropout_reason"), r.date("consent_recorded_on"), r.integer("version"),
                r.uuid("following_association_id"), r.flag("anonymised"), r.flag("contact_withheld"));
    }

    static LearnerRow from(LearnerEntity e, UUID followingAssociationId) {
        return new LearnerRow(e.id, e.massarCode, e.cin, e.firstName, e.lastName, e.firstNameAr, e.lastNameAr, e.birthDate,
                Sex.valueOf(e.sex), e.provinceOfResidenceCode, e.guardianName, e.guardianPhone, e.disability,
                e.lastGradeCompleted, e.leftSchoolYear, e.dropoutReason, e.consentRecordedOn, e.version,
                followingAssociationId, e.anonymisedAt != null, false);
    }
}
