package ma.forsa.learner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import ma.forsa.support.GraphQL;

/**
 * Associations, centres and agreements inserted with plain SQL (their mutations live elsewhere), and
 * learners registered through the API. Every code and name is unique per call.
 */
public final class RegistryFixtures {

    private final DataSource db;

    public RegistryFixtures(DataSource db) {
        this.db = db;
    }

    public static String unique() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36).toUpperCase();
    }

    /** Random lower-case letters, to make names unique (and out of reach of other tests' duplicate checks). */
    public static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    public static String massar() {
        return "J" + ThreadLocalRandom.current().nextLong(100_000_000L, 1_000_000_000L);
    }

    public UUID association(String provinceCode) {
        return insert("INSERT INTO association (registration_number, name, province_code) VALUES (?, ?, ?) RETURNING id",
                "REG-" + unique(), "Association " + unique(), provinceCode);
    }

    public UUID center(UUID association, String provinceCode, int capacity) {
        return center(association, provinceCode, capacity, "OPEN");
    }

    /** A centre, covered by an ACTIVE agreement of its association running from 2015 to 2035 (enrollments need one). */
    public UUID center(UUID association, String provinceCode, int capacity, String status) {
        UUID center = centerWithoutAgreement(association, provinceCode, capacity, status);
        String academy = (String) query("SELECT academy_code FROM province WHERE code = ?", provinceCode).get(0).get("academy_code");
        agreement(association, academy, "ACTIVE", LocalDate.of(2015, 9, 1), LocalDate.of(2035, 8, 31), center);
        return center;
    }

    /** A centre that no agreement covers. */
    public UUID centerWithoutAgreement(UUID association, String provinceCode, int capacity, String status) {
        return insert("INSERT INTO center (code, name, association_id, province_code, capacity, status) "
                + "VALUES (?, ?, ?, ?, ?, ?) RETURNING id", "C-" + unique(), "Centre " + unique(), association, provinceCode,
                capacity, status);
    }

    public UUID agreement(UUID association, String academy, String status, LocalDate starts, LocalDate ends, UUID... centers) {
        UUID id = insert("INSERT INTO agreement (reference, kind, status, academy_code, association_id, signed_on, starts_on, "
                + "ends_on, budget, target_beneficiaries) VALUES (?, 'CENTER_MANAGEMENT', ?, ?, ?, ?, ?, ?, 100000, 50) "
                + "RETURNING id", "AGR-" + unique(), status, academy, association,
                "DRAFT".equals(status) ? null : starts, starts, ends);
        for (UUID center : centers) {
            execute("INSERT INTO agreement_center (agreement_id, center_id) VALUES (?, ?)", id, center);
        }
        return id;
    }

    public UUID insert(String sql, Object... params) {
        List<Map<String, Object>> rows = query(sql, params);
        return (UUID) rows.get(0).get("id");
    }

    public void execute(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            s.execute();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            List<Map<String, Object>> rows = new ArrayList<>();
            if (s.execute()) {
                try (ResultSet r = s.getResultSet()) {
                    while (r.next()) {
                        Map<String, Object> row = new HashMap<>();
                        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                            row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, Object... params) {
        return ((Number) query(sql, params).get(0).values().iterator().next()).longValue();
    }

    private static void bind(PreparedStatement s, Object... params) throws Exception {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            s.setObject(i + 1, p instanceof LocalDate d ? java.sql.Date.valueOf(d) : p);
        }
    }

    // ---------- through the API ----------

    public static final String LEARNER_FIELDS = "id massarCode firstName lastName birthDate sex guardianPhone version cin "
            + "firstNameAr lastNameAr guardianName disability lastGradeCompleted leftSchoolYear dropoutReason "
            + "consentRecordedOn provinceOfResidence { code }";

    public static final String REGISTER = "mutation($in: LearnerInput!, $c: Boolean) { registerLearner(input: $in, "
            + "confirmNotDuplicate: $c) { " + LEARNER_FIELDS + " } }";

    public static final String ENROLLMENT_FIELDS = "id schoolYear strands vocationalField status enrolledOn exitedOn "
            + "exitReason version capacityOverride transferredFromId center { id } learner { id }";

    public static final String ENROLL = "mutation($in: EnrollInput!) { enroll(input: $in) { " + ENROLLMENT_FIELDS + " } }";

    /** A learner input with unique names, aged 15 in September 2025. */
    public static Map<String, Object> learnerInput() {
        Map<String, Object> in = new HashMap<>();
        in.put("firstName", "Amina" + letters(6));
        in.put("lastName", "Bennani" + letters(6));
        in.put("birthDate", "2010-05-01");
        in.put("sex", "FEMALE");
        return in;
    }

    public static String register(String token, Map<String, Object> input) {
        return GraphQL.ok(token, REGISTER, Map.of("in", input)).getString("data.registerLearner.id");
    }

    public static Map<String, Object> enrollInput(String learnerId, UUID centerId) {
        Map<String, Object> in = new HashMap<>();
        in.put("learnerId", learnerId);
        in.put("centerId", centerId.toString());
        in.put("schoolYear", "2025-2026");
        in.put("strands", List.of("EDUCATIONAL", "LIFE_SKILLS"));
        in.put("enrolledOn", "2025-09-15");
        return in;
    }

    public static String enroll(String token, String learnerId, UUID centerId) {
        return GraphQL.ok(token, ENROLL, Map.of("in", enrollInput(learnerId, centerId))).getString("data.enroll.id");
    }

    /** Break the glass: the officer (this very token: grants bind its subject) requests access to the learner's identity. */
    public static String grant(String officerToken, String learnerId) {
        return GraphQL.ok(officerToken, "mutation($id: ID!) { requestLearnerAccess(learnerId: $id, reason: \"Follow-up visit "
                + "requested by the family\") { id } }", Map.of("id", learnerId)).getString("data.requestLearnerAccess.id");
    }
}
