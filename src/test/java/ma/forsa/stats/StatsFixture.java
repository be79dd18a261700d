package ma.forsa.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import ma.forsa.support.ServiceDate;

/**
 * A small hand-counted dataset in a school year used by nobody else (see StatisticsTest for the expected figures).
 * C1 (MAR, Marrakech-Safi) and C2 (CHI, Marrakech-Safi) belong to association A1, C3 (CAS, Casablanca-Settat) to A2.
 */
final class StatsFixture {

    final int year = ThreadLocalRandom.current().nextInt(2200, 2900);
    final String schoolYear = year + "-" + (year + 1);
    final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(100000, 999999));
    final UUID a1 = UUID.randomUUID();
    final UUID a2 = UUID.randomUUID();
    final UUID c1 = UUID.randomUUID();
    final UUID c2 = UUID.randomUUID();
    final UUID c3 = UUID.randomUUID();
    final UUID g1 = UUID.randomUUID();
    final UUID g2 = UUID.randomUUID();
    final LocalDate enrolledOn = LocalDate.of(year, 9, 20);
    final LocalDate today = ServiceDate.today();

    String a1Reg() {
        return "ST-A1-" + suffix;
    }

    String a2Reg() {
        return "ST-A2-" + suffix;
    }

    String code(UUID center) {
        return (center.equals(c1) ? "ST-C1-" : center.equals(c2) ? "ST-C2-" : "ST-C3-") + suffix;
    }

    String g1Ref() {
        return "ST-G1-" + suffix;
    }

    String g2Ref() {
        return "ST-G2-" + suffix;
    }

    void insert(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            exec(c, "INSERT INTO association (id, registration_number, name, province_code) VALUES (?, ?, 'Stats A1', 'MAR'), "
                    + "(?, ?, 'Stats A2', 'CAS')", a1, a1Reg(), a2, a2Reg());
            exec(c, "INSERT INTO center (id, code, name, association_id, province_code, capacity) VALUES "
                    + "(?, ?, 'Stats C1', ?, 'MAR', 100), (?, ?, 'Stats C2', ?, 'CHI', 10), (?, ?, 'Stats C3', ?, 'CAS', 5)",
                    c1, code(c1), a1, c2, code(c2), a1, c3, code(c3), a2);
            exec(c, "INSERT INTO agreement (id, reference, kind, status, academy_code, association_id, signed_on, starts_on, "
                    + "ends_on, budget, target_beneficiaries, target_integration_rate) VALUES "
                    + "(?, ?, 'CENTER_MANAGEMENT', 'ACTIVE', 'MS', ?, ?, ?, ?, 100000, 1000, 0.8), "
                    + "(?, ?, 'CENTER_MANAGEMENT', 'ACTIVE', 'CS', ?, ?, ?, ?, 50000, 1, NULL)",
                    g1, g1Ref(), a1, today.minusDays(120), today.minusDays(100), today.plusDays(30),
                    g2, g2Ref(), a2, today.minusDays(20), today.minusDays(10), today.plusDays(400));
            exec(c, "INSERT INTO tranche (agreement_id, seq, amount, due_on, status, paid_on) VALUES "
                    + "(?, 1, 1000, ?, 'PLANNED', NULL), (?, 2, 1000, ?, 'PAID', ?), (?, 1, 500, ?, 'PLANNED', NULL)",
                    g1, today.plusDays(10), g1, today.plusDays(5), today, g2, today.plusDays(60));
            List<String> eduLs = List.of("EDUCATIONAL", "LIFE_SKILLS");
            List<String> pre = List.of("PRE_VOCATIONAL");
            List<String> edu = List.of("EDUCATIONAL");
            // C1: 4 active, 5 completed, 2 dropped out, 1 transferred (not counted)
            for (int i = 0; i < 2; i++) {
                enroll(c, c1, g1, "FEMALE", 14, "ACTIVE", eduLs);
                enroll(c, c1, g1, "MALE", 17, "ACTIVE", eduLs);
            }
            enroll(c, c1, g1, "FEMALE", 14, "COMPLETED", pre, "FORMAL_SCHOOL");
            enroll(c, c1, g1, "FEMALE", 14, "COMPLETED", pre, "NOT_INTEGRATED", "FORMAL_SCHOOL");
            enroll(c, c1, g1, "MALE", 17, "COMPLETED", pre, "EMPLOYMENT");
            enroll(c, c1, g1, "MALE", 19, "COMPLETED", pre, "NOT_INTEGRATED");
            enroll(c, c1, g1, "MALE", 19, "COMPLETED", pre);
            enroll(c, c1, g1, "FEMALE", 20, "DROPPED_OUT", edu, "UNKNOWN");
            enroll(c, c1, g1, "FEMALE", 20, "DROPPED_OUT", edu, "VOCATIONAL_TRAINING");
            enroll(c, c1, g1, "MALE", 15, "TRANSFERRED", edu);
            // C2: 3 completed, employed
            for (int i = 0; i < 3; i++) {
                enroll(c, c2, null, "MALE", 16, "COMPLETED", List.of("EDUCATIONAL", "PRE_VOCATIONAL", "LIFE_SKILLS"),
                        "EMPLOYMENT");
            }
            // C3: 6 active (capacity 5)
            for (int i = 0; i < 6; i++) {
                enroll(c, c3, g2, "FEMALE", 21, "ACTIVE", List.of("LIFE_SKILLS"));
            }
        }
    }

    private void enroll(Connection c, UUID center, UUID agreement, String sex, int age, String status, List<String> strands,
            String... outcomes) throws SQLException {
        UUID learner = UUID.randomUUID();
        UUID enrollment = UUID.randomUUID();
        exec(c, "INSERT INTO learner (id, first_name, last_name, birth_date, sex) VALUES (?, 'Test', 'Stats', ?, ?)", learner,
                enrolledOn.minusYears(age).minusDays(30), sex);
        boolean open = status.equals("ACTIVE") || status.equals("ENROLLED");
        exec(c, "INSERT INTO enrollment (id, learner_id, center_id, agreement_id, school_year, strands, status, enrolled_on, "
                + "exited_on) VALUES (?, ?, ?, ?, ?, ?::varchar(20)[], ?, ?, ?)", enrollment, learner, center, agreement,
                schoolYear, "{" + String.join(",", strands) + "}", status, enrolledOn,
                open ? null : LocalDate.of(year + 1, 6, 30));
        int[] months = { 0, 6, 12 };
        for (int i = 0; i < outcomes.length; i++) {
            exec(c, "INSERT INTO outcome (enrollment_id, kind, observed_on, follow_up_month) VALUES (?, ?, ?, ?)", enrollment,
                    outcomes[i], LocalDate.of(year + 1, 7, 1).plusMonths(months[i]), months[i]);
        }
    }

    static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
