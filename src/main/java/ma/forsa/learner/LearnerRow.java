package ma.forsa.learner;

import java.time.LocalDate;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A learner as stored, with the association that currently follows them (the association of the
 * centre of their open or latest enrollment, else the one that registered them). Never sent to
 * clients as is: {@link LearnerView} masks it for the viewer.
 */
public record LearnerRow(UUID id, String massarCode, String cin, String firstName, String lastName, String firstNameAr,
        String lastNameAr, LocalDate birthDate, Sex sex, String provinceOfResidenceCode, String guardianName,
        String guardianPhone, boolean disability, String lastGradeCompleted, Integer leftSchoolYear, String dropoutReason,
        LocalDate consentRecordedOn, int version, UUID holderAssociationId) {

    /** The association following the learner, for {@code FROM learner l}. */
    public static final String HOLDER = "coalesce((SELECT hc.association_id FROM enrollment he "
            + "JOIN center hc ON hc.id = he.center_id WHERE he.learner_id = l.id "
            + "ORDER BY (he.status IN ('ENROLLED', 'ACTIVE')) DESC, he.enrolled_on DESC, he.created_at DESC, he.id DESC "
            + "LIMIT 1), l.registered_by_association_id)";

    /** The columns {@link #from(Row)} reads, for {@code SELECT ... FROM learner l}. */
    public static final String COLUMNS = "l.id, l.massar_code, l.cin, l.first_name, l.last_name, l.first_name_ar, "
            + "l.last_name_ar, l.birth_date, l.sex, l.province_of_residence_code, l.guardian_name, l.guardian_phone, "
            + "l.disability, l.last_grade_completed, l.left_school_year, l.dropout_reason, l.consent_recorded_on, "
            + "l.version, " + HOLDER + " AS holder_association_id";

    public static LearnerRow from(Row r) {
        return new LearnerRow(r.getUUID("id"), r.getString("massar_code"), r.getString("cin"), r.getString("first_name"),
                r.getString("last_name"), r.getString("first_name_ar"), r.getString("last_name_ar"),
                r.getLocalDate("birth_date"), Sex.valueOf(r.getString("sex")), r.getString("province_of_residence_code"),
                r.getString("guardian_name"), r.getString("guardian_phone"), r.getBoolean("disability"),
                r.getString("last_grade_completed"), r.getInteger("left_school_year"), r.getString("dropout_reason"),
                r.getLocalDate("consent_recorded_on"), r.getInteger("version"), r.getUUID("holder_association_id"));
    }

    public static LearnerRow from(LearnerEntity e, UUID holderAssociationId) {
        return new LearnerRow(e.id, e.massarCode, e.cin, e.firstName, e.lastName, e.firstNameAr, e.lastNameAr, e.birthDate,
                Sex.valueOf(e.sex), e.provinceOfResidenceCode, e.guardianName, e.guardianPhone, e.disability,
                e.lastGradeCompleted, e.leftSchoolYear, e.dropoutReason, e.consentRecordedOn, e.version,
                holderAssociationId);
    }
}
