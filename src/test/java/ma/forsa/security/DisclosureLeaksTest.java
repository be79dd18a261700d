package ma.forsa.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import ma.forsa.support.DirectSql;
import ma.forsa.support.GraphQL;
import ma.forsa.support.SqlFixtures;
import ma.forsa.support.Tokens;

/**
 * Issue 11, item 4: every number about learners MINISTRY can reach goes through the disclosure rule. Each test is one
 * of the leaks found (small counts and sub-figures through totalCount, occupancy, progress, directorate lists and
 * exports; a day or a month of difference; edges counted; a filter left out), shown to MINISTRY withheld and to the
 * other roles exact. The dataset lives in far-future school years no other test uses (see {@link #insert}).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisclosureLeaksTest {

    final int y = ThreadLocalRandom.current().nextInt(2950, 2985);
    final String yearS = y + "-" + (y + 1);
    UUID association;
    /** S: 6 active + 1 dropped out (year y); B: 20 active + 5 dropped out (year y). */
    UUID s;
    UUID b;
    /** L: 9 women + 3 men active; L3: 3 active; O: capacity 2, 8 active; O3: capacity 1, 3 active (year y + 1). */
    UUID l;
    UUID l3;
    UUID o;
    UUID o3;
    /** M: 20 enrolled in January of y + 3, 2 more in June. */
    UUID m;
    /** Agreements of S (7 enrollments) and of L3 (3). */
    UUID gS;
    UUID gL3;

    @BeforeAll
    void insert() {
        association = SqlFixtures.association("MAR");
        s = centre(40);
        b = centre(40);
        l = centre(40);
        l3 = centre(40);
        o = centre(2);
        o3 = centre(1);
        m = centre(40);
        LocalDate sep = LocalDate.of(y, 9, 15);
        enroll(s, "FEMALE", "ACTIVE", sep, 6);
        enroll(s, "MALE", "DROPPED_OUT", sep, 1);
        enroll(b, "FEMALE", "ACTIVE", sep, 20);
        enroll(b, "MALE", "DROPPED_OUT", sep, 5);
        LocalDate next = sep.plusYears(1);
        enroll(l, "FEMALE", "ACTIVE", next, 9);
        enroll(l, "MALE", "ACTIVE", next, 3);
        enroll(l3, "FEMALE", "ACTIVE", next, 3);
        enroll(o, "MALE", "ACTIVE", next, 8);
        enroll(o3, "MALE", "ACTIVE", next, 3);
        enroll(m, "FEMALE", "ACTIVE", LocalDate.of(y + 3, 1, 10), 20);
        enroll(m, "MALE", "ACTIVE", LocalDate.of(y + 3, 6, 10), 2);
        // padding, the year before: 5 of each kind of enrollment (active, completed integrated, dropped out not integrated),
        // so that any national figure minus this dataset's differs by 0 or at least 5, whatever other tests wrote
        UUID padding = centre(40);
        enroll(padding, "FEMALE", "ACTIVE", sep.minusYears(1), 5);
        for (UUID e : enroll(padding, "MALE", "COMPLETED", sep.minusYears(1), 5)) {
            SqlFixtures.outcome(e, "FORMAL_SCHOOL", sep.minusYears(1).plusMonths(4), 0);
        }
        enroll(padding, "FEMALE", "DROPPED_OUT", sep.minusYears(1), 5);
        gS = SqlFixtures.agreement("MS", association, s);
        gL3 = SqlFixtures.agreement("MS", association, l3);
        DirectSql.update("UPDATE enrollment SET agreement_id = ? WHERE center_id = ?", gS, s);
        DirectSql.update("UPDATE enrollment SET agreement_id = ? WHERE center_id = ?", gL3, l3);
    }

    UUID centre(int capacity) {
        UUID id = SqlFixtures.center(association, "MAR");
        DirectSql.update("UPDATE center SET capacity = ? WHERE id = ?", capacity, id);
        return id;
    }

    List<UUID> enroll(UUID centre, String sex, String status, LocalDate on, int times) {
        List<UUID> enrollments = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            UUID learner = SqlFixtures.learner("Disclosure", sex, "MAR", on.minusYears(15), LocalDate.of(2025, 1, 1));
            boolean open = status.equals("ACTIVE") || status.equals("ENROLLED");
            enrollments.add(SqlFixtures.enrollment(learner, centre, status, on, open ? null : on.plusMonths(3)));
        }
        return enrollments;
    }

    static String code(UUID centre) {
        return (String) DirectSql.value("SELECT code FROM center WHERE id = ?", centre);
    }

    // ------------------------------------------------------------------ statistics

    static final String STATS = "query($g: [StatsDimension!]!, $f: StatsFilter) { statistics(groupBy: $g, filter: $f) "
            + "{ keys { value } enrolled active completed droppedOut integrated integrationRate suppressed } }";

    static Map<String, Map<String, Object>> rows(String token, List<String> groupBy, Map<String, Object> filter) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("g", groupBy);
        vars.put("f", filter);
        List<Map<String, Object>> rows = GraphQL.ok(token, STATS, vars).getList("data.statistics");
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> keys = (List<Map<String, String>>) row.get("keys");
            out.put(String.join("|", keys.stream().map(k -> k.get("value")).toList()), row);
        }
        return out;
    }

    @Test
    void subFiguresOfAVisibleRowAreWithheld() {
        Map<String, Map<String, Object>> ministry = rows(Tokens.ministry(), List.of("CENTER"), Map.of("schoolYear", yearS));
        Map<String, Object> row = ministry.get(code(s));
        assertEquals(7, row.get("enrolled"), "7 learners: shown");
        for (String figure : List.of("active", "completed", "droppedOut", "integrated", "integrationRate")) {
            assertNull(row.get(figure), figure + " (droppedOut is 1, and active = 7 - 1 would tell it)");
        }
        assertEquals(true, row.get("suppressed"));
        // B's droppedOut (5) is withheld too: the year's total droppedOut (6) minus it would give S's 1
        assertEquals(25, ministry.get(code(b)).get("enrolled"));
        assertNull(ministry.get(code(b)).get("droppedOut"));
        Map<String, Object> total = rows(Tokens.ministry(), List.of(), Map.of("schoolYear", yearS)).get("");
        assertEquals(List.of(32, 26, 6, false), List.of(total.get("enrolled"), total.get("active"), total.get("droppedOut"),
                total.get("suppressed")));

        Map<String, Object> admin = rows(Tokens.admin(), List.of("CENTER"), Map.of("schoolYear", yearS)).get(code(s));
        assertEquals(List.of(7, 6, 0, 1, 0, false), List.of(admin.get("enrolled"), admin.get("active"), admin.get("completed"),
                admin.get("droppedOut"), admin.get("integrated"), admin.get("suppressed")));
    }

    @Test
    void datesThatAreNotWholeMonthsAreRefusedToMinistry() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("g", List.of("CENTER"));
        vars.put("f", Map.of("from", (y + 3) + "-01-01", "to", (y + 3) + "-01-15"));
        JsonPath to = GraphQL.post(Tokens.ministry(), STATS, vars);
        assertEquals("VALIDATION", GraphQL.errorCode(to));
        assertEquals("to", to.getString("errors[0].extensions.field"));
        assertTrue(to.getString("errors[0].message").contains((y + 3) + "-01-31"), to.getString("errors[0].message"));
        vars.put("f", Map.of("from", (y + 3) + "-01-02", "to", (y + 3) + "-01-31"));
        JsonPath from = GraphQL.post(Tokens.ministry(), STATS, vars);
        assertEquals("from", from.getString("errors[0].extensions.field"));
        // the day pair that singled someone out: both refused; ADMIN still counts by day
        vars.put("f", Map.of("from", (y + 3) + "-01-01", "to", (y + 3) + "-06-09"));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(Tokens.ministry(), STATS, vars)));
        vars.put("f", Map.of("from", (y + 3) + "-01-01", "to", (y + 3) + "-06-10"));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(Tokens.ministry(), STATS, vars)));
        assertEquals(22, rows(Tokens.admin(), List.of("CENTER"), Map.of("from", (y + 3) + "-01-01", "to", (y + 3) + "-06-10"))
                .get(code(m)).get("enrolled"));
        assertEquals(20, rows(Tokens.admin(), List.of("CENTER"), Map.of("from", (y + 3) + "-01-01", "to", (y + 3) + "-06-09"))
                .get(code(m)).get("enrolled"));
        Response export = given().header("Authorization", "Bearer " + Tokens.ministry())
                .get("/exports/statistics.csv?groupBy=CENTER&from=" + (y + 3) + "-01-01&to=" + (y + 3) + "-06-09");
        assertEquals(400, export.statusCode());
        assertEquals("to", export.jsonPath().getString("field"));
    }

    @Test
    void twoRangesOfWholeMonthsRecoverNoOne() {
        Map<String, Object> janToJun = Map.of("from", (y + 3) + "-01-01", "to", (y + 3) + "-06-30");
        Map<String, Object> janToMay = Map.of("from", (y + 3) + "-01-01", "to", (y + 3) + "-05-31");
        Map<String, Object> febToJun = Map.of("from", (y + 3) + "-02-01", "to", (y + 3) + "-06-30");
        assertEquals(22, rows(Tokens.ministry(), List.of("CENTER"), janToJun).get(code(m)).get("enrolled"));
        Map<String, Object> upToMay = rows(Tokens.ministry(), List.of("CENTER"), janToMay).get(code(m));
        assertNull(upToMay.get("enrolled"), "20, but with June (2 more) next to it, 22 - 20 would single out two learners");
        assertEquals(true, upToMay.get("suppressed"));
        assertNull(rows(Tokens.ministry(), List.of("CENTER"), febToJun).get(code(m)).get("enrolled"), "2 learners");
        assertEquals(22, rows(Tokens.ministry(), List.of("CENTER"), Map.of()).get(code(m)).get("enrolled"), "undated");
        assertEquals(20, rows(Tokens.admin(), List.of("CENTER"), janToMay).get(code(m)).get("enrolled"));
    }

    // ------------------------------------------------------------------ lists

    static final String LEARNERS = "query($c: ID, $s: Sex) { learners(first: 100, filter: {centerId: $c, sex: $s}) "
            + "{ totalCount suppressed edges { node { id } } } }";

    static JsonPath learners(String token, UUID centre, String sex) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("c", centre.toString());
        vars.put("s", sex);
        return GraphQL.ok(token, LEARNERS, vars);
    }

    static final String ENROLLMENTS = "query($id: ID!, $st: [EnrollmentStatus!]) { center(id: $id) { occupancy "
            + "enrollments(first: 100, filter: {status: $st}) { totalCount suppressed edges { node { id } } } } }";

    static JsonPath centre(String token, UUID centre, List<String> statuses) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("id", centre.toString());
        vars.put("st", statuses);
        return GraphQL.ok(token, ENROLLMENTS, vars);
    }

    @Test
    void aListUnderTheThresholdIsWithheldWhole() {
        JsonPath ministry = learners(Tokens.ministry(), l3, null);
        assertNull(ministry.get("data.learners.totalCount"));
        assertEquals(List.of(), ministry.getList("data.learners.edges"), "no edges: counting them would give 3");
        assertTrue(ministry.getBoolean("data.learners.suppressed"));
        assertTrue(ministry.getList("extensions.withheld.fields").contains("LearnerConnection.totalCount"));
        JsonPath admin = learners(Tokens.admin(), l3, null);
        assertEquals(3, admin.getInt("data.learners.totalCount"));
        assertEquals(3, admin.getList("data.learners.edges").size());
        assertFalse(admin.getBoolean("data.learners.suppressed"));

        JsonPath list = centre(Tokens.ministry(), l3, null);
        assertNull(list.get("data.center.enrollments.totalCount"));
        assertEquals(List.of(), list.getList("data.center.enrollments.edges"));
        assertTrue(list.getBoolean("data.center.enrollments.suppressed"));
        assertTrue(list.getList("extensions.withheld.fields").contains("EnrollmentConnection.totalCount"));
        assertEquals(3, centre(Tokens.admin(), l3, null).getInt("data.center.enrollments.totalCount"));
    }

    @Test
    void aFilterLeftOutRecoversNoOne() {
        JsonPath all = learners(Tokens.ministry(), l, null);
        assertEquals(12, all.getInt("data.learners.totalCount"));
        assertEquals(List.of(), all.getList("data.learners.edges"), "MINISTRY reads learners as figures: never rows");
        assertTrue(all.getList("extensions.withheld.fields").contains("LearnerConnection.edges"));
        assertFalse(all.getBoolean("data.learners.suppressed"));
        JsonPath women = learners(Tokens.ministry(), l, "FEMALE");
        assertTrue(women.getBoolean("data.learners.suppressed"), "12 - 9 would single out the 3 men");
        assertNull(women.get("data.learners.totalCount"));
        assertEquals(List.of(), women.getList("data.learners.edges"));
        assertTrue(learners(Tokens.ministry(), l, "MALE").getBoolean("data.learners.suppressed"));
        assertEquals(9, learners(Tokens.admin(), l, "FEMALE").getInt("data.learners.totalCount"));
        assertEquals(3, learners(Tokens.academyOfficer("MS"), l, "MALE").getInt("data.learners.totalCount"));

        // enrollments of S: all 7 against ACTIVE 6 singles out the dropout; both withheld
        assertTrue(centre(Tokens.ministry(), s, null).getBoolean("data.center.enrollments.suppressed"));
        assertTrue(centre(Tokens.ministry(), s, List.of("ACTIVE")).getBoolean("data.center.enrollments.suppressed"));
        assertEquals(6, centre(Tokens.admin(), s, List.of("ACTIVE")).getInt("data.center.enrollments.totalCount"));
        // B: 25, 20 active and 5 dropped out differ by 5 or more: all shown
        assertEquals(25, centre(Tokens.ministry(), b, null).getInt("data.center.enrollments.totalCount"));
        assertEquals(20, centre(Tokens.ministry(), b, List.of("ACTIVE")).getInt("data.center.enrollments.totalCount"));
        assertEquals(5, centre(Tokens.ministry(), b, List.of("DROPPED_OUT")).getInt("data.center.enrollments.totalCount"));
        assertEquals(List.of(), centre(Tokens.ministry(), b, List.of("ACTIVE")).getList("data.center.enrollments.edges"),
                "MINISTRY reads enrollments as figures: never rows");
        assertEquals(20, centre(Tokens.admin(), b, List.of("ACTIVE")).getList("data.center.enrollments.edges").size());
    }

    // ------------------------------------------------------------------ occupancy and directorate lists

    @Test
    void occupancyIsWithheldLikeTheListItCounts() {
        JsonPath small = centre(Tokens.ministry(), l3, null);
        assertNull(small.get("data.center.occupancy"));
        assertTrue(small.getList("extensions.withheld.fields").contains("Center.occupancy"));
        assertNull(centre(Tokens.ministry(), s, null).get("data.center.occupancy"),
                "6 open of 7 enrollments: the one who left would be singled out");
        assertEquals(20, centre(Tokens.ministry(), b, null).getInt("data.center.occupancy"));
        assertEquals(3, centre(Tokens.admin(), l3, null).getInt("data.center.occupancy"));
        assertEquals(6, centre(Tokens.associationStaff(association), s, null).getInt("data.center.occupancy"));
    }

    @Test
    void centresByOccupancyListOnlyWhatMinistryMaySee() {
        String q = "{ centersByOccupancy(over: true, first: 1000) { center { id } occupancy occupancyRate } }";
        Map<String, Integer> ministry = occupancies(GraphQL.ok(Tokens.ministry(), q));
        assertEquals(8, ministry.get(o.toString()));
        assertFalse(ministry.containsKey(o3.toString()), "3 open enrollments: withheld, so in neither list");
        Map<String, Integer> admin = occupancies(GraphQL.ok(Tokens.admin(), q));
        assertEquals(3, admin.get(o3.toString()));
        assertEquals(8, admin.get(o.toString()));
    }

    static Map<String, Integer> occupancies(JsonPath r) {
        Map<String, Integer> out = new HashMap<>();
        List<Map<String, Object>> rows = r.getList("data.centersByOccupancy");
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) row.get("center");
            out.put((String) c.get("id"), (Integer) row.get("occupancy"));
        }
        return out;
    }

    static final String PROGRESS = "query($id: ID!) { agreement(id: $id) { progress { enrolled active completed droppedOut "
            + "integrated integrationRate beneficiaryTargetReached suppressed } } }";

    @Test
    void agreementProgressGoesThroughTheRule() {
        JsonPath s7 = GraphQL.ok(Tokens.ministry(), PROGRESS, Map.of("id", gS.toString()));
        assertEquals(7, s7.getInt("data.agreement.progress.enrolled"));
        assertNull(s7.get("data.agreement.progress.active"));
        assertNull(s7.get("data.agreement.progress.droppedOut"));
        assertNull(s7.get("data.agreement.progress.integrationRate"));
        assertEquals(7 / 50.0, s7.getDouble("data.agreement.progress.beneficiaryTargetReached"), 1e-9);
        assertTrue(s7.getBoolean("data.agreement.progress.suppressed"));
        JsonPath three = GraphQL.ok(Tokens.ministry(), PROGRESS, Map.of("id", gL3.toString()));
        assertNull(three.get("data.agreement.progress.enrolled"));
        assertNull(three.get("data.agreement.progress.beneficiaryTargetReached"), "3 / 50 would give 3");
        assertTrue(three.getList("extensions.withheld.fields").contains("AgreementProgress.enrolled"));
        JsonPath admin = GraphQL.ok(Tokens.admin(), PROGRESS, Map.of("id", gS.toString()));
        assertEquals(List.of(7, 6, 0, 1, 0, false), List.of(admin.get("data.agreement.progress.enrolled"),
                admin.get("data.agreement.progress.active"), admin.get("data.agreement.progress.completed"),
                admin.get("data.agreement.progress.droppedOut"), admin.get("data.agreement.progress.integrated"),
                admin.get("data.agreement.progress.suppressed")));
    }

    @Test
    void agreementsBehindTargetShowNoSmallCount() {
        String q = "{ agreementsBehindTarget(first: 1000) { agreement { id } enrolled leavers integrated integrationRate "
                + "behindBeneficiaries behindIntegration suppressed } }";
        Map<String, Map<String, Object>> ministry = gaps(GraphQL.ok(Tokens.ministry(), q));
        Map<String, Object> three = ministry.get(gL3.toString());
        assertNotNull(three, "3 enrolled of about 30 expected: behind, whatever the exact count");
        assertNull(three.get("enrolled"));
        assertEquals(true, three.get("behindBeneficiaries"));
        assertEquals(true, three.get("suppressed"));
        Map<String, Object> seven = ministry.get(gS.toString());
        assertEquals(7, seven.get("enrolled"));
        assertNull(seven.get("leavers"));
        assertNull(seven.get("integrated"));
        Map<String, Map<String, Object>> admin = gaps(GraphQL.ok(Tokens.admin(), q));
        assertEquals(3, admin.get(gL3.toString()).get("enrolled"));
        assertEquals(1, admin.get(gS.toString()).get("leavers"));
    }

    static Map<String, Map<String, Object>> gaps(JsonPath r) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        List<Map<String, Object>> rows = r.getList("data.agreementsBehindTarget");
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            Map<String, Object> g = (Map<String, Object>) row.get("agreement");
            out.put((String) g.get("id"), row);
        }
        return out;
    }

    // ------------------------------------------------------------------ exports, read back

    static String reference(UUID agreement) {
        return (String) DirectSql.value("SELECT reference FROM agreement WHERE id = ?", agreement);
    }

    static List<String> csv(String token, String path) {
        Response r = given().header("Authorization", "Bearer " + token).get(path);
        assertEquals(200, r.statusCode(), r.asString());
        return List.of(new String(r.asByteArray(), StandardCharsets.UTF_8).replace("\uFEFF", "").split("\r\n"));
    }

    static List<List<String>> xlsx(String token, String path) throws Exception {
        Response r = given().header("Authorization", "Bearer " + token).get(path);
        assertEquals(200, r.statusCode());
        List<List<String>> out = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(r.asByteArray()))) {
            for (Row row : wb.getFirstSheet().read()) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getCellCount(); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null || cell.getRawValue() == null ? "" : cell.getRawValue());
                }
                out.add(cells);
            }
        }
        return out;
    }

    static List<String> line(List<String> lines, String start) {
        return List.of(lines.stream().filter(x -> x.startsWith(start)).findFirst().orElseThrow().split(";", -1));
    }

    static List<String> line(List<List<String>> rows, String start, int columns) {
        List<String> row = new ArrayList<>(rows.stream().filter(x -> x.get(0).equals(start)).findFirst().orElseThrow());
        while (row.size() < columns) {
            row.add("");
        }
        return row;
    }

    @Test
    void agreementExportsGoThroughTheRule() throws Exception {
        String path = "/exports/agreements.%s?associationId=" + association;
        List<String> ministry = csv(Tokens.ministry(), path.formatted("csv"));
        assertTrue(ministry.get(0).endsWith(";Inscrits;Sortis;Insérés;Taux d'insertion visé;Taux d'insertion;Masqué"),
                ministry.get(0));
        // columns 11..16: enrolled, leavers, integrated, target rate, rate, withheld
        assertEquals(List.of("", "", "", "", "", "true"), line(ministry, reference(gL3)).subList(11, 17));
        assertEquals(List.of("7", "", "", "", "", "true"), line(ministry, reference(gS)).subList(11, 17));
        assertEquals(List.of("7", "1", "0", "", "0.0", "false"),
                line(csv(Tokens.admin(), path.formatted("csv")), reference(gS)).subList(11, 17));

        List<List<String>> sheet = xlsx(Tokens.ministry(), path.formatted("xlsx"));
        assertEquals("Masqué", sheet.get(0).get(16));
        assertEquals(List.of("", "", "", "", "", "oui"), line(sheet, reference(gL3), 17).subList(11, 17));
        assertEquals(List.of("7", "", ""), line(sheet, reference(gS), 17).subList(11, 14));
        assertEquals(List.of("3", "0", "0"), line(xlsx(Tokens.admin(), path.formatted("xlsx")), reference(gL3), 17)
                .subList(11, 14));
    }

    @Test
    void statisticsExportsGoThroughTheRule() throws Exception {
        String path = "/exports/statistics.%s?groupBy=CENTER&schoolYear=" + yearS;
        assertEquals(List.of(code(s), "7", "", "", "", "", "", "true"), line(csv(Tokens.ministry(), path.formatted("csv")), code(s)));
        assertEquals(List.of(code(s), "7", "6", "0", "1", "0", "0.0", "false"),
                line(csv(Tokens.admin(), path.formatted("csv")), code(s)));
        List<String> row = line(xlsx(Tokens.ministry(), path.formatted("xlsx")), code(s), 8);
        assertEquals(List.of(code(s), "7", "", "", "", "", "", "oui"), row);
        assertEquals(List.of("7", "6", "0", "1"), line(xlsx(Tokens.admin(), path.formatted("xlsx")), code(s), 8).subList(1, 5));
    }
}
