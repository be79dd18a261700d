package ma.forsa.agreement;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.path.json.JsonPath;
import ma.forsa.support.GraphQL;
import ma.forsa.support.ServiceDate;
import ma.forsa.support.Tokens;

/**
 * Fixtures of the partner side, created through the public API as ADMIN (with unique codes), plus
 * learners/enrollments/outcomes written straight to the database for progress figures (their API
 * belongs to another feature).
 */
public final class Partners {

    public static final String AGREEMENT_FIELDS = "id reference kind status signedOn startsOn endsOn budget targetBeneficiaries "
            + "targetIntegrationRate statusReason version academy { code } association { id } centers { id code } "
            + "tranches { id seq amount dueOn paidOn condition status version } "
            + "amendments { id seq signedOn summary endsOn budget targetBeneficiaries previousEndsOn previousBudget "
            + "previousTargetBeneficiaries } "
            + "progress { enrolled active completed droppedOut integrated integrationRate beneficiaryTargetReached disbursed }";
    public static final String CENTER_FIELDS = "id code name commune address capacity openedOn status occupancy version "
            + "association { id name } province { code academy { code } }";
    public static final String ASSOCIATION_FIELDS = "id registrationNumber name email phone networkMember status version "
            + "province { code academy { code } } centers { id code } agreements { id reference }";

    private Partners() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36).toUpperCase() + ThreadLocalRandom.current().nextInt(100, 999);
    }

    public static Map<String, Object> associationInput(String provinceCode) {
        Map<String, Object> in = new HashMap<>();
        in.put("registrationNumber", unique("RN"));
        in.put("name", "Association " + unique("A"));
        in.put("provinceCode", provinceCode);
        in.put("email", "contact@example.ma");
        in.put("phone", "+212 524 00 00 00");
        in.put("networkMember", true);
        return in;
    }

    public static String createAssociation(String provinceCode) {
        JsonPath r = GraphQL.ok(Tokens.admin(), "mutation($in: AssociationInput!) { createAssociation(input: $in) { id } }",
                Map.of("in", associationInput(provinceCode)));
        return r.getString("data.createAssociation.id");
    }

    public static Map<String, Object> centerInput(String associationId, String provinceCode) {
        Map<String, Object> in = new HashMap<>();
        in.put("code", unique("C"));
        in.put("name", "Centre " + unique("N"));
        in.put("associationId", associationId);
        in.put("provinceCode", provinceCode);
        in.put("commune", "Commune");
        in.put("capacity", 40);
        in.put("openedOn", "2023-09-01");
        return in;
    }

    public static String createCenter(String associationId, String provinceCode) {
        JsonPath r = GraphQL.ok(Tokens.admin(), "mutation($in: CenterInput!) { createCenter(input: $in) { id } }",
                Map.of("in", centerInput(associationId, provinceCode)));
        return r.getString("data.createCenter.id");
    }

    public static Map<String, Object> agreementInput(String academy, String associationId, List<String> centerIds) {
        Map<String, Object> in = new HashMap<>();
        in.put("reference", unique("AGR"));
        in.put("kind", "CENTER_MANAGEMENT");
        in.put("academyCode", academy);
        in.put("associationId", associationId);
        in.put("startsOn", ServiceDate.today().minusMonths(6).toString());
        in.put("endsOn", ServiceDate.today().plusYears(2).toString());
        in.put("budget", "1000000.00");
        in.put("targetBeneficiaries", 100);
        in.put("targetIntegrationRate", 0.8);
        in.put("centerIds", centerIds);
        return in;
    }

    public static JsonPath createAgreement(String token, Map<String, Object> input) {
        return GraphQL.post(token, "mutation($in: AgreementInput!) { createAgreement(input: $in) { " + AGREEMENT_FIELDS + " } }",
                Map.of("in", input));
    }

    /** A DRAFT agreement as ADMIN; returns {id, version}. */
    public static Map<String, Object> draft(String academy, String associationId, List<String> centerIds) {
        JsonPath r = createAgreement(Tokens.admin(), agreementInput(academy, associationId, centerIds));
        if (r.getList("errors") != null) {
            throw new AssertionError(r.prettify());
        }
        return r.getMap("data.createAgreement");
    }

    public static JsonPath transition(String token, String id, int version, String to, String reason) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("id", id);
        vars.put("v", version);
        vars.put("to", to);
        vars.put("reason", reason);
        return GraphQL.post(token, "mutation($id: ID!, $v: Int!, $to: AgreementStatus!, $reason: String) { "
                + "transitionAgreement(id: $id, version: $v, to: $to, reason: $reason) { " + AGREEMENT_FIELDS + " } }", vars);
    }

    /** Moves an agreement as ADMIN through the given statuses; returns its last version. */
    public static int walk(String id, int version, String... statuses) {
        int v = version;
        for (String to : statuses) {
            JsonPath r = transition(Tokens.admin(), id, v, to, "because");
            if (r.getList("errors") != null) {
                throw new AssertionError(r.prettify());
            }
            v = r.getInt("data.transitionAgreement.version");
        }
        return v;
    }

    // ------------------------------------------------------------ direct database fixtures

    public static Connection db() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** A learner enrolled in a centre towards an agreement; returns the enrollment id. */
    public static UUID enroll(String centerId, String agreementId, String status) throws Exception {
        try (Connection c = db()) {
            UUID learner = UUID.randomUUID();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO learner (id, birth_date, sex) VALUES (?, ?, 'FEMALE')")) {
                s.setObject(1, learner);
                s.setObject(2, ServiceDate.today().minusYears(16));
                s.executeUpdate();
            }
            UUID enrollment = UUID.randomUUID();
            boolean open = status.equals("ENROLLED") || status.equals("ACTIVE");
            try (PreparedStatement s = c.prepareStatement("INSERT INTO enrollment (id, learner_id, center_id, agreement_id, "
                    + "school_year, strands, status, enrolled_on, exited_on) VALUES (?, ?, ?, ?, '2024-2025', "
                    + "ARRAY['EDUCATIONAL']::varchar(20)[], ?, ?, ?)")) {
                s.setObject(1, enrollment);
                s.setObject(2, learner);
                s.setObject(3, UUID.fromString(centerId));
                s.setObject(4, agreementId == null ? null : UUID.fromString(agreementId));
                s.setString(5, status);
                s.setObject(6, ServiceDate.today().minusMonths(5));
                s.setObject(7, open ? null : ServiceDate.today().minusMonths(1));
                s.executeUpdate();
            }
            return enrollment;
        }
    }

    public static void outcome(UUID enrollmentId, int followUpMonth, String kind) throws Exception {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("INSERT INTO outcome (enrollment_id, kind, observed_on, "
                + "follow_up_month) VALUES (?, ?, ?, ?)")) {
            s.setObject(1, enrollmentId);
            s.setString(2, kind);
            s.setObject(3, ServiceDate.today());
            s.setInt(4, followUpMonth);
            s.executeUpdate();
        }
    }

    /** Pushes an agreement's end date into the past behind the API's back (as time would). */
    public static void endedYesterday(String agreementId) throws Exception {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("UPDATE agreement SET starts_on = least(starts_on, "
                + "current_date - 30), ends_on = current_date - 1 WHERE id = ?")) {
            s.setObject(1, UUID.fromString(agreementId));
            s.executeUpdate();
        }
    }

    public static long auditEvents(String entity, String id, String action) throws Exception {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM audit_event WHERE entity = ? "
                + "AND entity_id = ? AND action = ?")) {
            s.setString(1, entity);
            s.setString(2, id);
            s.setString(3, action);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    public static BigDecimal money(String text) {
        return new BigDecimal(text);
    }
}
