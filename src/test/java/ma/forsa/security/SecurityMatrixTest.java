package ma.forsa.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import ma.forsa.support.DirectSql;
import ma.forsa.support.GraphQL;
import ma.forsa.support.ServiceDate;
import ma.forsa.support.SqlFixtures;
import ma.forsa.support.Tokens;

/**
 * Runs every operation of the contract as every role on an in-scope and an out-of-scope target and
 * compares the answer with src/test/resources/security/matrix.csv (documents and variables in
 * security/operations.txt; both files document their format at the top).
 */
@QuarkusTest
class SecurityMatrixTest {

    static final List<String> ROLES = List.of("ADMIN", "MINISTRY", "ACADEMY_OFFICER", "ASSOCIATION_STAFF");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z0-9._-]+)}");

    record Operation(String name, String document, String inVariables, String outVariables) {

        /** REST operations are named "METHOD /path" (the JAX-RS template); their document is the concrete request. */
        boolean isRest() {
            return name.startsWith("GET /") || name.startsWith("POST /");
        }
    }

    record Case(String operation, String role, String target, String expected) {
        @Override
        public String toString() {
            return operation + " as " + role + " on " + target + " -> " + expected;
        }
    }

    static Map<String, Operation> operations() {
        Map<String, Operation> operations = new LinkedHashMap<>();
        for (String line : lines("security/operations.txt")) {
            String[] parts = line.split("\\s+\\|\\s+", 4);
            if (parts.length != 4) {
                throw new IllegalStateException("security/operations.txt: expected 'operation | document | in | out': " + line);
            }
            String out = parts[3].strip().equals("-") ? parts[2].strip() : parts[3].strip();
            operations.put(parts[0].strip(), new Operation(parts[0].strip(), parts[1].strip(), parts[2].strip(), out));
        }
        return operations;
    }

    static List<Case> rows() {
        List<Case> rows = new ArrayList<>();
        for (String line : lines("security/matrix.csv")) {
            String[] parts = line.split(",", -1);
            if (parts.length != 4) {
                throw new IllegalStateException("security/matrix.csv: expected 'operation,role,target,expected': " + line);
            }
            String target = parts[2].strip();
            for (String t : target.equals("*") ? List.of("in", "out") : List.of(target)) {
                rows.add(new Case(parts[0].strip(), parts[1].strip(), t, parts[3].strip()));
            }
        }
        return rows;
    }

    /** The rows of matrix.csv, plus "no token ⇒ UNAUTHENTICATED" for every operation without an ANONYMOUS row. */
    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>(rows());
        Set<String> anonymous = new LinkedHashSet<>();
        cases.stream().filter(c -> c.role().equals("ANONYMOUS")).forEach(c -> anonymous.add(c.operation()));
        for (String operation : operations().keySet()) {
            if (!anonymous.contains(operation)) {
                cases.add(new Case(operation, "ANONYMOUS", "in", "UNAUTHENTICATED"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theAnswerIsTheOneTheMatrixSays(Case c) {
        Operation operation = operations().get(c.operation());
        assertNotNull(operation, "security/operations.txt has no line for " + c.operation());
        Map<String, String> fixtures = Fixtures.get();
        List<String> used = new ArrayList<>();
        String variables = substitute(c.target().equals("in") ? operation.inVariables() : operation.outVariables(), fixtures, used);
        if (operation.isRest()) {
            rest(c, operation, new JsonObject(variables), token(c.role(), fixtures), used);
            return;
        }
        JsonPath response = GraphQL.post(token(c.role(), fixtures), operation.document(), new JsonObject(variables).getMap());
        String body = response.prettify();
        String error = GraphQL.errorCode(response);
        switch (c.expected()) {
            case "ALLOWED" -> assertEquals(null, error, c + ": " + body);
            case "PRESENT" -> {
                assertEquals(null, error, c + ": " + body);
                used.forEach(value -> assertTrue(body.contains(value), c + ": " + value + " missing from " + body));
            }
            case "ABSENT" -> {
                assertEquals(null, error, c + ": " + body);
                used.forEach(value -> assertTrue(!body.contains(value), c + ": " + value + " leaked in " + body));
            }
            case "WITHHELD" -> {
                assertEquals(null, error, c + ": " + body);
                assertNotNull(response.get("extensions.withheld"), c + ": no extensions.withheld in " + body);
            }
            default -> assertEquals(c.expected(), error, c + ": " + body);
        }
    }

    @Test
    void everyOperationOfTheSchemaHasARowForEveryRoleAndTarget() {
        // two documents: graphql-java refuses __Type.fields twice in one introspection query ("bad faith")
        Set<String> served = new TreeSet<>(GraphQL.ok(Tokens.admin(), "{ __schema { queryType { fields { name } } } }")
                .getList("data.__schema.queryType.fields.name"));
        List<String> mutations = GraphQL.ok(Tokens.admin(), "{ __schema { mutationType { fields { name } } } }")
                .getList("data.__schema.mutationType.fields.name");
        if (mutations != null) {
            served.addAll(mutations);
        }
        Map<String, Operation> operations = operations();
        List<Case> rows = rows();
        List<String> problems = new ArrayList<>();
        for (String operation : served) {
            if (!operations.containsKey(operation)) {
                problems.add(operation + ": no line in security/operations.txt");
            }
            for (String role : ROLES) {
                for (String target : List.of("in", "out")) {
                    if (rows.stream().noneMatch(r -> r.operation().equals(operation) && r.role().equals(role)
                            && r.target().equals(target))) {
                        problems.add(operation + ": no row in security/matrix.csv for " + role + " on target " + target);
                    }
                }
            }
        }
        served.addAll(RestOperations.served());
        for (String operation : RestOperations.served()) {
            if (!operations.containsKey(operation)) {
                problems.add(operation + ": no line in security/operations.txt");
            }
            for (String role : ROLES) {
                for (String target : List.of("in", "out")) {
                    if (rows.stream().noneMatch(r -> r.operation().equals(operation) && r.role().equals(role)
                            && r.target().equals(target))) {
                        problems.add(operation + ": no row in security/matrix.csv for " + role + " on target " + target);
                    }
                }
            }
        }
        operations.keySet().stream().filter(o -> !served.contains(o))
                .forEach(o -> problems.add(o + ": in security/operations.txt but not served"));
        rows.stream().map(Case::operation).distinct().filter(o -> !served.contains(o))
                .forEach(o -> problems.add(o + ": in security/matrix.csv but not served"));
        if (!problems.isEmpty()) {
            fail("The security matrix is incomplete:\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Runs a REST line. The document is "GET /path?query" or "IMPORT /imports?query" (a one-row CSV built from the
     * variables: center, massar, first); {name} in it takes the variable's value. ALLOWED / PRESENT / ABSENT need a 2xx
     * answer; REJECTED: a 2xx import report whose row was rejected (nothing created or linked); an error code: the
     * body's code.
     */
    private static void rest(Case c, Operation operation, JsonObject variables, String token, List<String> used) {
        String[] request = operation.document().split(" ", 2);
        String path = request[1];
        for (String name : variables.fieldNames()) {
            path = path.replace("{" + name + "}", String.valueOf(variables.getValue(name)));
        }
        var spec = io.restassured.RestAssured.given().header("Accept-Language", "fr");
        if (token != null) {
            spec.header("Authorization", "Bearer " + token);
        }
        io.restassured.response.Response response = switch (request[0]) {
            case "GET" -> spec.get(path);
            case "POST" -> spec.post(path);
            case "IMPORT" -> spec.multiPart("file", "matrice.csv", importRow(variables), "text/csv").post(path);
            default -> throw new IllegalStateException("security/operations.txt: unknown REST verb in " + operation.document());
        };
        String body = response.asString();
        int status = response.statusCode();
        String code = status >= 400 && body.startsWith("{") ? response.jsonPath().getString("code") : null;
        boolean ok = status >= 200 && status < 300;
        switch (c.expected()) {
            case "ALLOWED" -> {
                assertTrue(ok, c + ": HTTP " + status + " " + body);
                if (request[0].equals("IMPORT")) {
                    assertEquals(0, response.jsonPath().getInt("totals.rejected"), c + ": " + body);
                }
            }
            case "PRESENT" -> {
                assertTrue(ok, c + ": HTTP " + status + " " + body);
                used.forEach(value -> assertTrue(body.contains(value), c + ": " + value + " missing from " + body));
            }
            case "ABSENT" -> {
                assertTrue(ok, c + ": HTTP " + status + " " + body);
                used.forEach(value -> assertTrue(!body.contains(value), c + ": " + value + " leaked in " + body));
            }
            case "REJECTED" -> {
                assertTrue(ok, c + ": HTTP " + status + " " + body);
                assertEquals(1, response.jsonPath().getInt("totals.rejected"), c + ": " + body);
                assertEquals(0, response.jsonPath().getInt("totals.learnersLinked"), c + ": " + body);
                for (String value : used) {
                    if (!value.equals(variables.getString("center"))) {
                        assertTrue(!body.contains(value), c + ": " + value + " repeated in " + body);
                    }
                }
            }
            default -> assertEquals(c.expected(), code, c + ": HTTP " + status + " " + body);
        }
    }

    /** A one-row import file: a learner (the given MASSAR code, or none) enrolled in the given centre in 2024-2025. */
    private static byte[] importRow(JsonObject v) {
        String header = "Code MASSAR;Prénom;Nom;Date de naissance;Sexe;Code du centre;Année scolaire;Volets;Date d'inscription";
        String row = String.join(";", v.getString("massar", ""), "Matrice" + SqlFixtures.suffix().replaceAll("[0-9]", "x"),
                "Import", "2009-04-05", "F", v.getString("center"), "2024-2025", "EDUCATIF", "2024-09-16");
        return ("\uFEFF" + header + "\r\n" + row + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String token(String role, Map<String, String> fixtures) {
        return switch (role) {
            case "ADMIN" -> Tokens.admin();
            case "MINISTRY" -> Tokens.ministry();
            case "ACADEMY_OFFICER" -> Tokens.academyOfficer(fixtures.get("academy.in"));
            case "ASSOCIATION_STAFF" -> Tokens.associationStaff(fixtures.get("association.in"));
            case "ANONYMOUS" -> null;
            default -> throw new IllegalStateException("security/matrix.csv: unknown role " + role);
        };
    }

    private static String substitute(String variables, Map<String, String> fixtures, List<String> used) {
        Matcher m = PLACEHOLDER.matcher(variables);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.equals("uniq") ? SqlFixtures.suffix()
                    : name.startsWith("fresh.") ? Fixtures.fresh(name) : fixtures.get(name);
            if (value == null) {
                throw new IllegalStateException("Unknown fixture ${" + name + "}; known: " + new TreeSet<>(fixtures.keySet()));
            }
            if (!name.equals("uniq")) {
                used.add(value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<String> lines(String resource) {
        try (InputStream in = SecurityMatrixTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The named records of operations.txt, made once per run through SQL: "in" in academy MS, "out" in academy CS. */
    static final class Fixtures {
        private static Map<String, String> fixtures;

        static synchronized Map<String, String> get() {
            if (fixtures == null) {
                Map<String, String> f = new LinkedHashMap<>();
                side(f, "in", "MS", "MAR");
                side(f, "out", "CS", "CAS");
                fixtures = Map.copyOf(f);
            }
            return fixtures;
        }

        /**
         * ${fresh.KIND.SIDE}: a record made for this one execution (version 0), so that a mutation row changes its own record
         * and every row is deterministic whatever ran before. "in" records belong to association.in in academy MS and are
         * CENTER_MANAGEMENT agreements covering center.in; "out" records belong to association.out in academy CS and are
         * FRAMEWORK agreements (which MINISTRY may write).
         */
        static String fresh(String name) {
            String[] parts = name.split("\\.");
            if (parts.length != 3 || !List.of("in", "out").contains(parts[2])) {
                throw new IllegalStateException("Unknown fixture ${" + name + "}: use ${fresh.KIND.in} or ${fresh.KIND.out}");
            }
            Map<String, String> f = get();
            String side = parts[2];
            boolean in = side.equals("in");
            String province = f.get("province." + side);
            UUID association = UUID.fromString(f.get("association." + side));
            UUID center = UUID.fromString(f.get("center." + side));
            return switch (parts[1]) {
                case "association" -> SqlFixtures.association(province).toString();
                case "center" -> SqlFixtures.center(association, province).toString();
                case "agreement" -> agreement(in, f.get("academy." + side), association, center, "ACTIVE").toString();
                case "draft" -> agreement(in, f.get("academy." + side), association, center, "DRAFT").toString();
                case "tranche" -> {
                    UUID agreement = agreement(in, f.get("academy." + side), association, center, "ACTIVE");
                    UUID tranche = UUID.randomUUID();
                    DirectSql.update("INSERT INTO tranche (id, agreement_id, seq, amount, due_on) VALUES (?, ?, 1, 1000, DATE '2025-01-15')",
                            tranche, agreement);
                    yield tranche.toString();
                }
                case "ending" -> {
                    // ACTIVE, ends in 10 days, nobody enrolled: behind target and expiring, ahead of most agreements by end date
                    UUID id = agreement(in, f.get("academy." + side), association, center, "ACTIVE");
                    DirectSql.update("UPDATE agreement SET ends_on = current_date + 10 WHERE id = ?", id);
                    yield id.toString();
                }
                case "overfull" -> {
                    UUID full = SqlFixtures.center(association, province);
                    DirectSql.update("UPDATE center SET capacity = 1 WHERE id = ?", full);
                    for (int i = 0; i < 2; i++) {
                        SqlFixtures.enrollment(learner(province, null), full, "ACTIVE", LocalDate.of(2024, 9, 16), null);
                    }
                    yield full.toString();
                }
                case "newlearner" -> learner(province, association).toString();
                case "consent" -> {
                    UUID consent = UUID.randomUUID();
                    DirectSql.update("INSERT INTO consent_record (id, learner_id, given_by, given_on, purposes) VALUES (?, ?, "
                            + "'GUARDIAN', DATE '2025-09-01', ARRAY['REGISTRATION_AND_FOLLOW_UP']::varchar(32)[])", consent,
                            learner(province, association));
                    yield consent.toString();
                }
                case "stalled" -> SqlFixtures.enrollment(learner(province, null), SqlFixtures.center(association, province),
                        "ENROLLED", LocalDate.of(2024, 9, 16), null).toString();
                case "referable" -> {
                    // an ACTIVE enrollment (2024-09-16) of a learner who consented to sharing on referral
                    UUID learner = learner(province, null);
                    consentToSharing(learner);
                    yield SqlFixtures.enrollment(learner, SqlFixtures.center(association, province), "ACTIVE",
                            LocalDate.of(2024, 9, 16), null).toString();
                }
                case "incoming" -> {
                    // a PROPOSED referral into center.SIDE, from another association's centre in the same province
                    UUID learner = learner(province, null);
                    consentToSharing(learner);
                    UUID fromCenter = SqlFixtures.center(SqlFixtures.association(province), province);
                    UUID from = SqlFixtures.enrollment(learner, fromCenter, "ACTIVE", LocalDate.of(2024, 9, 16), null);
                    UUID referral = UUID.randomUUID();
                    DirectSql.update("INSERT INTO referral (id, learner_id, from_enrollment_id, from_center_id, to_center_id, "
                            + "reason, proposed_on, expires_at, proposed_by) VALUES (?, ?, ?, ?, ?, 'Matrix referral reason', "
                            + "DATE '2025-01-10', now() + interval '14 days', 'matrix')", referral, learner, from, fromCenter, center);
                    yield referral.toString();
                }
                case "learner", "enrollment" -> {
                    UUID learner = learner(province, null);
                    UUID open = SqlFixtures.enrollment(learner, SqlFixtures.center(association, province), "ACTIVE",
                            LocalDate.of(2024, 9, 16), null);
                    yield (parts[1].equals("learner") ? learner : open).toString();
                }
                case "ended" -> SqlFixtures.enrollment(learner(province, null), SqlFixtures.center(association, province), "COMPLETED",
                        LocalDate.of(2023, 9, 10), LocalDate.of(2024, 6, 30)).toString();
                default -> throw new IllegalStateException("Unknown fixture ${" + name + "}: kinds are association, center, agreement"
                        + " (ACTIVE), draft (DRAFT agreement), tranche (PLANNED, of an ACTIVE agreement), ending, overfull,"
                        + " newlearner, consent, referable, incoming, stalled, learner, enrollment, ended");
            };
        }

        /** A learner aged 16 in 2025 with a valid MASSAR code, registered by {@code registeredBy} when not null. */
        private static UUID learner(String province, UUID registeredBy) {
            UUID id = SqlFixtures.learner("Matrix" + SqlFixtures.suffix(), "FEMALE", province, LocalDate.of(2009, 4, 5), ServiceDate.today());
            DirectSql.update("UPDATE learner SET massar_code = ?, registered_by_association_id = ? WHERE id = ?",
                    "M" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000)), registeredBy, id);
            return id;
        }

        private static void consentToSharing(UUID learner) {
            DirectSql.update("INSERT INTO consent_record (learner_id, given_by, given_on, purposes) VALUES (?, 'GUARDIAN', "
                    + "DATE '2024-09-01', ARRAY['REGISTRATION_AND_FOLLOW_UP', 'SHARING_ON_REFERRAL']::varchar(32)[])", learner);
        }

        private static UUID agreement(boolean in, String academy, UUID association, UUID center, String status) {
            UUID id = UUID.randomUUID();
            DirectSql.update("INSERT INTO agreement (id, reference, kind, status, academy_code, association_id, signed_on, starts_on,"
                    + " ends_on, budget, target_beneficiaries) VALUES (?, ?, ?, ?, ?, ?, ?, DATE '2020-09-01', DATE '2030-08-31',"
                    + " 100000, 50)", id, "AGR-" + SqlFixtures.suffix(), in ? "CENTER_MANAGEMENT" : "FRAMEWORK", status, academy,
                    association, status.equals("DRAFT") ? null : LocalDate.of(2020, 8, 1));
            if (in) {
                DirectSql.update("INSERT INTO agreement_center (agreement_id, center_id) VALUES (?, ?)", id, center);
            }
            return id;
        }

        private static void side(Map<String, String> f, String side, String academy, String province) {
            UUID association = SqlFixtures.association(province);
            UUID center = SqlFixtures.center(association, province);
            UUID agreement = SqlFixtures.agreement(academy, association, center);
            UUID learner = learner(province, null);
            UUID ended = SqlFixtures.enrollment(learner, center, "COMPLETED", LocalDate.of(2023, 9, 10), LocalDate.of(2024, 6, 30));
            UUID outcome = SqlFixtures.outcome(ended, "FORMAL_SCHOOL", LocalDate.of(2024, 6, 30), 0);
            UUID open = SqlFixtures.enrollment(learner, center, "ACTIVE", LocalDate.of(2024, 9, 10), null);
            DirectSql.update("INSERT INTO audit_event (subject, role, action, entity, entity_id) VALUES ('matrix', 'ADMIN', 'CREATE',"
                    + " 'Learner', ?)", learner.toString());
            f.put("academy." + side, academy);
            f.put("province." + side, province);
            f.put("association." + side, association.toString());
            f.put("association.name." + side, (String) DirectSql.value("SELECT name FROM association WHERE id = ?", association));
            f.put("center." + side, center.toString());
            f.put("center.code." + side, (String) DirectSql.value("SELECT code FROM center WHERE id = ?", center));
            f.put("agreement." + side, agreement.toString());
            f.put("learner." + side, learner.toString());
            f.put("enrollment." + side, open.toString());
            f.put("enrollment.ended." + side, ended.toString());
            f.put("outcome." + side, outcome.toString());
            f.put("massar." + side, (String) DirectSql.value("SELECT massar_code FROM learner WHERE id = ?", learner));
            if (side.equals("in")) {
                // an import made by an administrator (its report: GET /imports/{id})
                f.put("import.admin", io.restassured.RestAssured.given().header("Authorization", "Bearer " + Tokens.admin())
                        .multiPart("file", "fixture.csv", importRow(new JsonObject().put("center", f.get("center.code." + side))),
                                "text/csv").post("/imports?dryRun=true").then().extract().jsonPath().getString("id"));
            }
            f.put("agreement.reference." + side, (String) DirectSql.value("SELECT reference FROM agreement WHERE id = ?", agreement));
            // a learner who left this side's centre (no open enrollment): an import row with its MASSAR code would link to it
            UUID free = learner(province, null);
            SqlFixtures.enrollment(free, center, "COMPLETED", LocalDate.of(2022, 9, 12), LocalDate.of(2023, 6, 30));
            f.put("massar.free." + side, (String) DirectSql.value("SELECT massar_code FROM learner WHERE id = ?", free));
        }
    }
}
