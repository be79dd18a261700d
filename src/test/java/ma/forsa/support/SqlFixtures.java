package ma.forsa.support;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Records created straight in the tables (no API needed), with unique codes. Each method returns the new id. */
public final class SqlFixtures {

    private SqlFixtures() {
    }

    public static String suffix() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    }

    public static UUID association(String provinceCode) {
        UUID id = UUID.randomUUID();
        DirectSql.update("INSERT INTO association (id, registration_number, name, province_code) VALUES (?, ?, ?, ?)", id,
                "REG-" + suffix(), "Association " + suffix(), provinceCode);
        return id;
    }

    public static UUID center(UUID associationId, String provinceCode) {
        UUID id = UUID.randomUUID();
        DirectSql.update("INSERT INTO center (id, code, name, association_id, province_code, capacity) VALUES (?, ?, ?, ?, ?, 40)",
                id, "C-" + suffix(), "Centre " + suffix(), associationId, provinceCode);
        return id;
    }

    /** An ACTIVE agreement (2020-09-01 to 2030-08-31) covering the centre. */
    public static UUID agreement(String academyCode, UUID associationId, UUID centerId) {
        UUID id = UUID.randomUUID();
        DirectSql.update("INSERT INTO agreement (id, reference, kind, status, academy_code, association_id, signed_on, starts_on,"
                + " ends_on, budget, target_beneficiaries) VALUES (?, ?, 'CENTER_MANAGEMENT', 'ACTIVE', ?, ?, DATE '2020-08-01',"
                + " DATE '2020-09-01', DATE '2030-08-31', 100000, 50)",
                id, "AGR-" + suffix(), academyCode, associationId);
        DirectSql.update("INSERT INTO agreement_center (agreement_id, center_id) VALUES (?, ?)", id, centerId);
        return id;
    }

    /** A learner with every personal field filled; {@code since} back-dates created_at and updated_at. */
    public static UUID learner(String firstName, String sex, String provinceCode, LocalDate birthDate, LocalDate since) {
        UUID id = UUID.randomUUID();
        DirectSql.update("INSERT INTO learner (id, massar_code, cin, first_name, last_name, first_name_ar, last_name_ar, name_key,"
                + " birth_date, sex, province_of_residence_code, guardian_name, guardian_phone, dropout_reason, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, 'Testlast', 'اسم', 'عائلة', lower(? || ' testlast'), ?, ?, ?, 'Guardian Name', '+212600000000',"
                + " 'family reasons', ?::timestamptz, ?::timestamptz)",
                id, "M" + suffix(), "CIN" + suffix().substring(0, 6), firstName, firstName, birthDate, sex, provinceCode,
                since.toString(), since.toString());
        return id;
    }

    public static UUID enrollment(UUID learnerId, UUID centerId, String status, LocalDate enrolledOn, LocalDate exitedOn) {
        UUID id = UUID.randomUUID();
        int year = enrolledOn.getMonthValue() >= 9 ? enrolledOn.getYear() : enrolledOn.getYear() - 1;
        DirectSql.update("INSERT INTO enrollment (id, learner_id, center_id, school_year, strands, status, enrolled_on, exited_on)"
                + " VALUES (?, ?, ?, ?, ARRAY['EDUCATIONAL']::varchar(20)[], ?, ?, ?)",
                id, learnerId, centerId, year + "-" + (year + 1), status, enrolledOn, exitedOn);
        return id;
    }

    public static UUID outcome(UUID enrollmentId, String kind, LocalDate observedOn, int followUpMonth) {
        UUID id = UUID.randomUUID();
        DirectSql.update("INSERT INTO outcome (id, enrollment_id, kind, observed_on, follow_up_month) VALUES (?, ?, ?, ?, ?)",
                id, enrollmentId, kind, observedOn, followUpMonth);
        return id;
    }
}
