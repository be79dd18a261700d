package ma.forsa.importer;

import static io.restassured.RestAssured.given;
import static ma.forsa.importer.ImportFiles.csv;
import static ma.forsa.importer.ImportFiles.row;
import static ma.forsa.importer.ImportFiles.upload;
import static ma.forsa.importer.ImportFiles.xlsx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.support.Tokens;

@QuarkusTest
class ImportTest {

    @Inject
    AgroalDataSource dataSource;
    RegistryFixtures fx;
    UUID association;
    String centerCode;
    UUID center;
    String staff;

    @BeforeEach
    void setUp() {
        fx = new RegistryFixtures(dataSource);
        association = fx.association("MAR");
        center = fx.center(association, "MAR", 50);
        centerCode = code(center);
        staff = Tokens.associationStaff(association);
    }

    String code(UUID centerId) {
        return (String) fx.query("SELECT code FROM center WHERE id = ?", centerId).get(0).get("code");
    }

    long learnersNamed(String firstName) {
        return fx.count("SELECT count(*) FROM learner WHERE first_name = ?", firstName);
    }

    long enrollmentsAt(UUID centerId) {
        return fx.count("SELECT count(*) FROM enrollment WHERE center_id = ?", centerId);
    }

    static JsonPath ok(Response r) {
        assertEquals(200, r.statusCode(), r.asString());
        return r.jsonPath();
    }

    // ---------- template ----------

    @Test
    void templatesHaveFrenchHeadersAnExampleRowAndAColumnSheet() throws Exception {
        Response csv = given().header("Authorization", "Bearer " + staff).get("/imports/template.csv");
        assertEquals(200, csv.statusCode());
        String text = new String(csv.asByteArray(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFFCode MASSAR;CIN;Prénom;Nom;"), text);
        assertEquals(2, text.strip().split("\r\n").length);

        Response x = given().header("Authorization", "Bearer " + staff).get("/imports/template.xlsx");
        assertEquals(200, x.statusCode());
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(x.asByteArray()))) {
            List<String> sheets = wb.getSheets().map(s -> s.getName()).toList();
            assertEquals(List.of("Apprenants", "Colonnes"), sheets);
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(2, rows.size());
            assertEquals("Prénom", rows.get(0).getCellText(2));
            assertEquals("Fatima", rows.get(1).getCellText(2));
            List<Row> help = wb.getSheets().toList().get(1).read();
            assertEquals("Valeurs acceptées", help.get(0).getCellText(2));
            assertTrue(help.stream().anyMatch(r -> "Volets".equals(r.getCellText(0)) && r.getCellText(2).contains("EDUCATIF")));
        }
        assertEquals(401, given().get("/imports/template.csv").statusCode());
    }

    @Test
    void theTemplateFilledInImportsAsIs() throws Exception {
        // The example row names centre E2C-RAB-00001 (a demo centre): the template's own example must pass once the
        // centre exists, covered by an agreement.
        UUID rabat = fx.insert("INSERT INTO center (code, name, association_id, province_code, capacity) VALUES "
                + "('E2C-RAB-00001', 'Centre Rabat', ?, 'RAB', 10) ON CONFLICT (code) DO UPDATE SET capacity = 10, "
                + "association_id = excluded.association_id RETURNING id", association);
        fx.agreement(association, "RSK", "ACTIVE", java.time.LocalDate.of(2015, 9, 1), java.time.LocalDate.of(2035, 8, 31), rabat);
        byte[] template = given().header("Authorization", "Bearer " + staff).get("/imports/template.xlsx").asByteArray();
        JsonPath r = ok(upload(staff, template, "modele.xlsx", "dryRun=true"));
        assertEquals(0, r.getInt("totals.rejected"), r.prettify());
        assertEquals(1, r.getInt("totals.imported"));
        byte[] csvTemplate = given().header("Authorization", "Bearer " + staff).get("/imports/template.csv").asByteArray();
        JsonPath c = ok(upload(staff, csvTemplate, "modele.csv", "dryRun=true"));
        assertEquals(0, c.getInt("totals.rejected"), c.prettify());
        assertNotNull(rabat);
    }

    // ---------- formats ----------

    @Test
    void csvWithSemicolonsAndBomImportsLearnersEnrollmentsAndAudit() {
        var a = row(centerCode);
        var b = row(centerCode);
        b.put("Code MASSAR", RegistryFixtures.massar());
        b.put("Sexe", "M");
        b.put("Téléphone du tuteur", "06 12 34 56 78");
        JsonPath r = ok(upload(staff, csv(List.of(a, b)), "liste.csv", null));
        assertEquals("COMPLETED", r.getString("status"));
        assertEquals("CSV", r.getString("format"));
        assertEquals(2, r.getInt("totals.rows"));
        assertEquals(2, r.getInt("totals.imported"));
        assertEquals(2, r.getInt("totals.learnersCreated"));
        assertEquals(2, r.getInt("totals.enrollmentsCreated"));
        assertEquals(0, r.getInt("totals.rejected"));
        assertEquals(1, learnersNamed(a.get("Prénom")));
        Map<String, Object> learner = fx.query("SELECT l.id, l.sex, l.guardian_phone, l.name_key, l.registered_by_association_id, "
                + "e.status, e.school_year, array_to_string(e.strands, ',') AS strands, e.enrolled_on FROM learner l "
                + "JOIN enrollment e ON e.learner_id = l.id WHERE l.massar_code = ?", b.get("Code MASSAR")).get(0);
        assertEquals("MALE", learner.get("sex"));
        assertEquals("0612345678", learner.get("guardian_phone"));
        assertEquals(association, learner.get("registered_by_association_id"));
        assertEquals("ENROLLED", learner.get("status"));
        assertEquals("EDUCATIONAL,LIFE_SKILLS", learner.get("strands"));
        assertEquals("2025-09-15", learner.get("enrolled_on").toString());
        // an IMPORT event when it starts, one with the totals when it ends, plus the created records' own events
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE action = 'IMPORT' AND entity = 'Import' "
                + "AND entity_id = ? AND changes->>'phase' = 'start'", r.getString("id")));
        Map<String, Object> event = fx.query("SELECT role, changes::text AS changes FROM audit_event WHERE action = 'IMPORT' "
                + "AND entity = 'Import' AND entity_id = ? AND changes->>'phase' = 'end'", r.getString("id")).get(0);
        assertEquals("ASSOCIATION_STAFF", event.get("role"));
        JsonPath changes = JsonPath.from((String) event.get("changes"));
        assertEquals("2", changes.getString("learnersCreated"));
        assertEquals("2", changes.getString("imported"));
        assertEquals(r.getString("sha256"), changes.getString("sha256"));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE action = 'CREATE' AND entity = 'Learner' AND entity_id = ?",
                learner.get("id").toString()));
        assertEquals(2, fx.count("SELECT count(*) FROM audit_event WHERE action = 'CREATE' AND entity = 'Enrollment' "
                + "AND changes->>'importId' = ?", r.getString("id")));
        // audit keeps no personal values
        assertTrue(!fx.query("SELECT changes::text AS c FROM audit_event WHERE entity = 'Learner' AND entity_id = ?",
                learner.get("id").toString()).get(0).get("c").toString().contains(b.get("Code MASSAR")));
    }

    @Test
    void csvWithCommasQuotesAndNoBom() {
        var a = row(centerCode);
        a.put("Nom", a.get("Nom") + ", dite \"Lalla\"");
        a.put("Motif de déscolarisation", "loin de l'école,\npas de transport");
        JsonPath r = ok(upload(staff, csv(List.of(a), ',', false), "liste.csv", null));
        assertEquals(1, r.getInt("totals.learnersCreated"), r.prettify());
        assertEquals(a.get("Nom"), fx.query("SELECT last_name FROM learner WHERE first_name = ?", a.get("Prénom")).get(0)
                .get("last_name"));
        assertEquals("loin de l'école,\npas de transport", fx.query("SELECT dropout_reason FROM learner WHERE first_name = ?",
                a.get("Prénom")).get(0).get("dropout_reason"));
    }

    @Test
    void xlsxWithRealDateCellsImports() throws Exception {
        var a = row(centerCode);
        a.put("Date d'inscription", "2025-09-20");
        a.put("Date de naissance", "2011-01-31");
        var b = row(centerCode);
        b.put("Code MASSAR", RegistryFixtures.massar());
        JsonPath r = ok(upload(staff, xlsx(List.of(a, b)), "liste.xlsx", null));
        assertEquals("XLSX", r.getString("format"));
        assertEquals(2, r.getInt("totals.learnersCreated"), r.prettify());
        Map<String, Object> l = fx.query("SELECT l.birth_date, e.enrolled_on FROM learner l JOIN enrollment e ON e.learner_id = l.id "
                + "WHERE l.first_name = ?", a.get("Prénom")).get(0);
        assertEquals("2011-01-31", l.get("birth_date").toString());
        assertEquals("2025-09-20", l.get("enrolled_on").toString());
    }

    @Test
    void endedEnrollmentsWithOutcomesImport() {
        var a = row(centerCode);
        a.put("Statut", "TERMINE");
        a.put("Date de sortie", "2026-06-30");
        a.put("Devenir", "FORMATION_PROFESSIONNELLE");
        a.put("Date d'observation", "2026-07-15");
        a.put("Mois de suivi", "0");
        a.put("Organisme", "OFPPT Marrakech");
        a.put("Devenir vérifié", "oui");
        JsonPath r = ok(upload(staff, csv(List.of(a)), "liste.csv", null));
        assertEquals(1, r.getInt("totals.outcomesCreated"), r.prettify());
        Map<String, Object> o = fx.query("SELECT e.status, e.exited_on, o.kind, o.verified FROM learner l JOIN enrollment e "
                + "ON e.learner_id = l.id JOIN outcome o ON o.enrollment_id = e.id WHERE l.first_name = ?", a.get("Prénom")).get(0);
        assertEquals("COMPLETED", o.get("status"));
        assertEquals("VOCATIONAL_TRAINING", o.get("kind"));
        assertEquals(true, o.get("verified"));
    }

    // ---------- dry run and modes ----------

    @Test
    void dryRunReportsWithoutWriting() {
        var good = row(centerCode);
        var bad = row(centerCode);
        bad.put("Sexe", "X");
        bad.put("Date de naissance", "31/02/2010");
        long events = fx.count("SELECT count(*) FROM audit_event");
        JsonPath r = ok(upload(staff, csv(List.of(good, bad)), "liste.csv", "dryRun=true"));
        assertEquals("COMPLETED", r.getString("status"));
        assertTrue(r.getBoolean("dryRun"));
        assertEquals(2, r.getInt("totals.rows"));
        assertEquals(1, r.getInt("totals.imported"));
        assertEquals(1, r.getInt("totals.learnersCreated"));
        assertEquals(1, r.getInt("totals.rejected"));
        List<Map<String, Object>> problems = r.getList("problems");
        assertEquals(2, problems.size(), r.prettify());
        assertEquals(3, problems.get(0).get("row"));
        assertEquals("Date de naissance", problems.get(0).get("column"));
        assertNull(problems.get(0).get("value"), "a birth date is personal data: never repeated in a report");
        assertTrue(problems.get(0).get("message").toString().contains("date n'est pas valide"));
        assertEquals("Sexe", problems.get(1).get("column"));
        assertEquals(0, learnersNamed(good.get("Prénom")));
        assertEquals(0, enrollmentsAt(center));
        assertEquals(events, fx.count("SELECT count(*) FROM audit_event"));
    }

    @Test
    void validRowsModeImportsTheValidRowsAndReportsTheOthers() {
        var good = row(centerCode);
        var bad = row(centerCode);
        bad.put("Année scolaire", "2025-2027");
        JsonPath r = ok(upload(staff, csv(List.of(good, bad)), "liste.csv", "mode=valid-rows"));
        assertEquals("COMPLETED", r.getString("status"));
        assertEquals(1, r.getInt("totals.imported"));
        assertEquals(1, r.getInt("totals.rejected"));
        assertEquals("Année scolaire", r.getString("problems[0].column"));
        assertEquals(1, learnersNamed(good.get("Prénom")));
        assertEquals(0, learnersNamed(bad.get("Prénom")));
    }

    @Test
    void allOrNothingRejectsTheFileOnOneInvalidRow() {
        var good = row(centerCode);
        var bad = row(centerCode);
        bad.put("Volets", "SPORT");
        JsonPath r = ok(upload(staff, csv(List.of(good, bad)), "liste.csv", "mode=all-or-nothing"));
        assertEquals("REJECTED", r.getString("status"));
        assertEquals(0, r.getInt("totals.imported"));
        assertEquals(1, r.getInt("totals.rejected"));
        assertEquals(0, learnersNamed(good.get("Prénom")));
        assertEquals(0, enrollmentsAt(center));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE action = 'IMPORT' AND entity_id = ? "
                + "AND changes->>'status' = 'REJECTED'", r.getString("id")));

        var good2 = row(centerCode);
        JsonPath ok = ok(upload(staff, csv(List.of(good, good2)), "liste.csv", "mode=all-or-nothing"));
        assertEquals("COMPLETED", ok.getString("status"));
        assertEquals(2, ok.getInt("totals.learnersCreated"));
        assertEquals(2, enrollmentsAt(center));
    }

    @Test
    void unknownModeIsRefused() {
        Response r = upload(staff, csv(List.of(row(centerCode))), "liste.csv", "mode=some");
        assertEquals(400, r.statusCode());
        assertEquals("VALIDATION", r.jsonPath().getString("code"));
        assertEquals("mode", r.jsonPath().getString("field"));
    }

    // ---------- idempotency and duplicates ----------

    @Test
    void uploadingTheSameFileAgainCreatesNothing() throws Exception {
        var a = row(centerCode);
        var b = row(centerCode);
        b.put("Code MASSAR", RegistryFixtures.massar());
        byte[] file = xlsx(List.of(a, b));
        JsonPath first = ok(upload(staff, file, "liste.xlsx", null));
        assertEquals(2, first.getInt("totals.learnersCreated"));
        long events = fx.count("SELECT count(*) FROM audit_event WHERE action = 'CREATE'");
        JsonPath second = ok(upload(staff, file, "liste.xlsx", null));
        assertEquals("COMPLETED", second.getString("status"));
        assertEquals(0, second.getInt("totals.learnersCreated"), second.prettify());
        assertEquals(0, second.getInt("totals.enrollmentsCreated"));
        assertEquals(2, second.getInt("totals.learnersLinked"));
        assertEquals(2, second.getInt("totals.enrollmentsAlreadyPresent"));
        assertEquals(0, second.getInt("totals.rejected"));
        assertEquals(first.getString("sha256"), second.getString("sha256"));
        assertEquals(1, learnersNamed(a.get("Prénom")));
        assertEquals(2, enrollmentsAt(center));
        assertEquals(events, fx.count("SELECT count(*) FROM audit_event WHERE action = 'CREATE'"));
        // the same rows as CSV are the same rows
        JsonPath third = ok(upload(staff, csv(List.of(a, b)), "liste.csv", null));
        assertEquals(0, third.getInt("totals.learnersCreated"));
        assertEquals(2, enrollmentsAt(center));
    }

    @Test
    void aKnownMassarCodeLinksToTheLearnerWithoutChangingIt() {
        Map<String, Object> input = RegistryFixtures.learnerInput();
        String massar = RegistryFixtures.massar();
        input.put("massarCode", massar);
        String id = RegistryFixtures.register(staff, input);
        var r = row(centerCode);
        r.put("Code MASSAR", massar.toLowerCase());
        r.put("Prénom", "Autre" + RegistryFixtures.letters(5));
        JsonPath report = ok(upload(staff, csv(List.of(r)), "liste.csv", null));
        assertEquals(0, report.getInt("totals.learnersCreated"), report.prettify());
        assertEquals(1, report.getInt("totals.learnersLinked"));
        assertEquals(1, report.getInt("totals.enrollmentsCreated"));
        assertEquals(input.get("firstName"), fx.query("SELECT first_name FROM learner WHERE id = ?::uuid", id).get(0).get("first_name"));
        assertEquals(1, fx.count("SELECT count(*) FROM enrollment WHERE learner_id = ?::uuid AND center_id = ?", id, center));
    }

    @Test
    void likelyDuplicatesAreReportedNotMerged() {
        Map<String, Object> input = RegistryFixtures.learnerInput();
        RegistryFixtures.register(staff, input);
        var r = row(centerCode);
        r.put("Prénom", (String) input.get("firstName"));
        r.put("Nom", input.get("lastName") + "e"); // one letter apart
        var swapped = row(centerCode); // first and last names the other way round (the database's pre-filter keeps it)
        swapped.put("Prénom", (String) input.get("lastName"));
        swapped.put("Nom", (String) input.get("firstName"));
        JsonPath report = ok(upload(staff, csv(List.of(r, swapped)), "liste.csv", null));
        assertEquals(2, report.getInt("totals.duplicatesSuspected"), report.prettify());
        assertEquals(2, report.getInt("totals.rejected"));
        assertTrue(report.getString("problems[0].message").startsWith("Doublon probable"));
        assertTrue(report.getString("problems[1].message").startsWith("Doublon probable"));
        assertEquals(0, fx.count("SELECT count(*) FROM learner WHERE last_name = ?", r.get("Nom")));
        // confirmed as another person: imported
        r.put("Pas un doublon", "oui");
        JsonPath again = ok(upload(staff, csv(List.of(r)), "liste.csv", null));
        assertEquals(1, again.getInt("totals.learnersCreated"), again.prettify());
    }

    @Test
    void rowsOfOneFileAreCheckedAgainstEachOther() {
        UUID small = fx.center(association, "MAR", 2);
        String smallCode = code(small);
        var a = row(smallCode);
        var b = row(smallCode);
        var c = row(smallCode);
        var twin = row(centerCode);
        twin.put("Prénom", a.get("Prénom"));
        twin.put("Nom", a.get("Nom") + "x");
        JsonPath r = ok(upload(staff, csv(List.of(a, b, c, twin)), "liste.csv", "dryRun=true"));
        assertEquals(2, r.getInt("totals.imported"), r.prettify());
        assertEquals(4, r.getInt("problems[0].row"));
        assertTrue(r.getString("problems[0].message").contains("complet"));
        assertEquals(5, r.getInt("problems[1].row"));
        assertTrue(r.getString("problems[1].message").startsWith("Doublon probable"));
    }

    // ---------- failures while writing ----------

    /** Makes the database refuse the enrollment of one row (as a crash or a conflict would), for the next test. */
    void failEnrollmentsWithField(String field) {
        fx.execute("CREATE OR REPLACE FUNCTION import_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.vocational_field LIKE 'BOOM-%' THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$");
        fx.execute("DROP TRIGGER IF EXISTS import_test_fail ON enrollment");
        fx.execute("CREATE TRIGGER import_test_fail BEFORE INSERT ON enrollment FOR EACH ROW EXECUTE FUNCTION import_test_fail()");
    }

    void stopFailing() {
        fx.execute("DROP TRIGGER IF EXISTS import_test_fail ON enrollment");
    }

    @Test
    void aRowThatCannotBeWrittenLeavesNoHalfWrittenRecord() {
        var a = row(centerCode);
        var boom = row(centerCode);
        boom.put("Filière professionnelle", "BOOM-" + RegistryFixtures.unique());
        var c = row(centerCode);
        failEnrollmentsWithField("BOOM");
        try {
            JsonPath r = ok(upload(staff, csv(List.of(a, boom, c)), "liste.csv", null));
            assertEquals("COMPLETED", r.getString("status"), r.prettify());
            assertEquals(2, r.getInt("totals.learnersCreated"));
            assertEquals(1, r.getInt("totals.rejected"));
            assertEquals(3, r.getInt("problems[0].row"));
            // the failing row's learner was rolled back with its enrollment: no learner without its enrollment
            assertEquals(0, learnersNamed(boom.get("Prénom")));
            assertEquals(1, learnersNamed(a.get("Prénom")));
            assertEquals(2, enrollmentsAt(center));

            var d = row(centerCode);
            JsonPath all = ok(upload(staff, csv(List.of(d, boom)), "liste.csv", "mode=all-or-nothing"));
            assertEquals("FAILED", all.getString("status"), all.prettify());
            assertTrue(all.getString("message").contains("Rien n'a été enregistré"));
            assertEquals(0, learnersNamed(d.get("Prénom")));
        } finally {
            stopFailing();
        }
        // sent again once the cause is gone: the missing row is imported, the others are not duplicated
        JsonPath again = ok(upload(staff, csv(List.of(a, boom, c)), "liste.csv", null));
        assertEquals(1, again.getInt("totals.learnersCreated"), again.prettify());
        assertEquals(2, again.getInt("totals.enrollmentsAlreadyPresent"));
        assertEquals(3, enrollmentsAt(center));
    }

    @Test
    void theSameFileSentTwiceAtOnceIsImportedOnce() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(row(centerCode));
        }
        byte[] file = csv(rows);
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> upload(staff, file, "a.csv", null));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> upload(staff, file, "b.csv", null));
        JsonPath x = ok(first.get());
        JsonPath y = ok(second.get());
        assertEquals(30, x.getInt("totals.learnersCreated") + y.getInt("totals.learnersCreated"), x.prettify() + y.prettify());
        assertEquals(0, x.getInt("totals.rejected") + y.getInt("totals.rejected"));
        assertEquals(30, enrollmentsAt(center));
        assertEquals(1, learnersNamed(rows.get(0).get("Prénom")));
    }

    // ---------- every validation message ----------

    @Test
    void everyRuleHasAClearMessageOnTheRightColumn() {
        UUID other = fx.association("TNG");
        String otherCenter = code(fx.center(other, "TNG", 10));
        String closed = code(fx.center(association, "MAR", 10, "CLOSED"));
        UUID fullId = fx.center(association, "MAR", 1);
        String full = code(fullId);
        Map<String, Object> enrolled = RegistryFixtures.learnerInput();
        String enrolledMassar = RegistryFixtures.massar();
        enrolled.put("massarCode", enrolledMassar);
        RegistryFixtures.enroll(staff, RegistryFixtures.register(staff, enrolled), fullId);
        Map<String, Object> elsewhere = RegistryFixtures.learnerInput();
        String elsewhereMassar = RegistryFixtures.massar();
        elsewhere.put("massarCode", elsewhereMassar);
        String otherStaff = Tokens.associationStaff(other);
        RegistryFixtures.register(otherStaff, elsewhere);

        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] { "Code MASSAR", "123", "Code MASSAR", "une lettre suivie de 9 chiffres" });
        cases.add(new Object[] { "CIN", "12AB", "CIN", "1 ou 2 lettres" });
        cases.add(new Object[] { "Prénom", "", "Prénom", "Le prénom est obligatoire" });
        cases.add(new Object[] { "Nom", "---", "Nom", "Le nom doit contenir des lettres" });
        cases.add(new Object[] { "Prénom (arabe)", "Fatima", "Prénom (arabe)", "lettres arabes" });
        cases.add(new Object[] { "Nom (arabe)", "Amrani", "Nom (arabe)", "lettres arabes" });
        cases.add(new Object[] { "Date de naissance", "hier", "Date de naissance", "date n'est pas valide" });
        cases.add(new Object[] { "Date de naissance", "", "Date de naissance", "est obligatoire" });
        cases.add(new Object[] { "Date de naissance", "2030-01-01", "Date de naissance", "date passée" });
        cases.add(new Object[] { "Sexe", "?", "Sexe", "F (féminin) ou M (masculin)" });
        cases.add(new Object[] { "Province de résidence", "XYZ", "Province de résidence", "code de province est inconnu" });
        cases.add(new Object[] { "Nom du tuteur", "x".repeat(201), "Nom du tuteur", "200 caractères" });
        cases.add(new Object[] { "Téléphone du tuteur", "12", "Téléphone du tuteur", "9 à 15 chiffres" });
        cases.add(new Object[] { "Situation de handicap", "peut-être", "Situation de handicap", "oui ou non" });
        cases.add(new Object[] { "Dernier niveau validé", "x".repeat(41), "Dernier niveau validé", "40 caractères" });
        cases.add(new Object[] { "Année de déscolarisation", "2001", "Année de déscolarisation", "l'année des 5 ans" });
        cases.add(new Object[] { "Année de déscolarisation", "deux mille", "Année de déscolarisation", "4 chiffres" });
        cases.add(new Object[] { "Motif de déscolarisation", "x".repeat(501), "Motif de déscolarisation", "500 caractères" });
        cases.add(new Object[] { "Date du consentement", "2099-01-01", "Date du consentement", "futur" });
        cases.add(new Object[] { "Code du centre", "", "Code du centre", "obligatoire" });
        cases.add(new Object[] { "Code du centre", "NOPE-" + RegistryFixtures.unique(), "Code du centre", "n'existe pas" });
        cases.add(new Object[] { "Code du centre", otherCenter, "Code du centre", "n'existe pas ou ne fait pas partie" });
        cases.add(new Object[] { "Code du centre", closed, "Code du centre", "est fermé" });
        cases.add(new Object[] { "Code du centre", full, "Code du centre", "est complet" });
        cases.add(new Object[] { "Année scolaire", "2025/26", "Année scolaire", "deux années consécutives" });
        cases.add(new Object[] { "Volets", "", "Volets", "au moins un volet" });
        cases.add(new Object[] { "Volets", "SPORT", "Volets", "Volet inconnu" });
        cases.add(new Object[] { "Filière professionnelle", "x".repeat(121), "Filière professionnelle", "120 caractères" });
        cases.add(new Object[] { "Date d'inscription", "2025-05-01", "Date d'inscription", "ne tombe pas dans l'année scolaire" });
        cases.add(new Object[] { "Date d'inscription", "", "Date d'inscription", "est obligatoire" });
        cases.add(new Object[] { "Date de naissance", "2000-01-01", "Date d'inscription", "l'inscription est ouverte de 13 à 22 ans" });
        cases.add(new Object[] { "Statut", "PARTI", "Statut", "Statut inconnu" });
        cases.add(new Object[] { "Statut", "ABANDON", "Date de sortie", "demande une date de sortie" });
        cases.add(new Object[] { "Date de sortie", "2026-01-10", "Date de sortie", "qu'avec le statut TERMINE ou ABANDON" });
        cases.add(new Object[] { "Motif de sortie", "x".repeat(501), "Motif de sortie", "500 caractères" });
        cases.add(new Object[] { "Devenir", "EMPLOI", "Devenir", "le statut doit être TERMINE ou ABANDON" });
        cases.add(new Object[] { "Mois de suivi", "3", "Devenir", "« Devenir » est vide" });
        cases.add(new Object[] { "Devenir vérifié", "bof", "Devenir vérifié", "oui ou non" });
        cases.add(new Object[] { "Pas un doublon", "bof", "Pas un doublon", "oui ou non" });
        cases.add(new Object[] { "Code MASSAR", enrolledMassar, "Code du centre", "déjà une inscription en cours" });
        cases.add(new Object[] { "Code MASSAR", elsewhereMassar, "Code MASSAR", "hors de votre périmètre" });
        int base = cases.size();
        // outcome rules need an ended enrollment
        String[][] outcomeCases = {
                { "Devenir", "CHOMAGE", "Devenir", "Devenir inconnu" },
                { "Date d'observation", "", "Date d'observation", "obligatoire quand « Devenir » est rempli" },
                { "Date d'observation", "2026-06-01", "Date d'observation", "avant la sortie du centre" },
                { "Date d'observation", "2099-06-01", "Date d'observation", "dans le futur" },
                { "Mois de suivi", "5", "Mois de suivi", "0 (à la sortie), 3, 6 ou 12" },
                { "Organisme", "x".repeat(201), "Organisme", "200 caractères" },
                { "Date de sortie", "2025-09-01", "Date de sortie", "avant la date d'inscription" },
                { "Date de sortie", "2099-01-01", "Date de sortie", "dans le futur" } };
        for (String[] oc : outcomeCases) {
            cases.add(oc);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            var r = row(centerCode);
            if (i >= base) {
                r.put("Statut", "TERMINE");
                r.put("Date de sortie", "2026-06-30");
                r.put("Devenir", "EMPLOI");
                r.put("Date d'observation", "2026-07-01");
            }
            r.put((String) cases.get(i)[0], (String) cases.get(i)[1]);
            rows.add(r);
        }
        JsonPath report = ok(upload(staff, csv(rows), "regles.csv", "dryRun=true"));
        assertEquals(cases.size(), report.getInt("totals.rejected"), report.prettify());
        List<Map<String, Object>> problems = report.getList("problems");
        for (int i = 0; i < cases.size(); i++) {
            int line = i + 2;
            Object[] c = cases.get(i);
            List<Map<String, Object>> mine = problems.stream().filter(p -> ((Integer) p.get("row")) == line).toList();
            assertTrue(mine.stream().anyMatch(p -> c[2].equals(p.get("column")) && p.get("message").toString().contains((String) c[3])),
                    "line " + line + " (" + c[0] + "=" + c[1] + "): expected '" + c[3] + "' on " + c[2] + ", got " + mine);
        }
    }

    // ---------- scope ----------

    @Test
    void staffImportOnlyIntoTheirOwnCentres() {
        UUID other = fx.association("MAR");
        String otherCenter = code(fx.center(other, "MAR", 10));
        var r = row(otherCenter);
        JsonPath report = ok(upload(staff, csv(List.of(r)), "liste.csv", null));
        assertEquals(1, report.getInt("totals.rejected"));
        assertEquals("Code du centre", report.getString("problems[0].column"));
        assertEquals(0, learnersNamed(r.get("Prénom")));
    }

    @Test
    void academyOfficersImportWithinTheirAcademy() {
        String officer = Tokens.academyOfficer("MS");
        var inside = row(centerCode);
        UUID tangier = fx.association("TNG");
        var outside = row(code(fx.center(tangier, "TNG", 10)));
        JsonPath report = ok(upload(officer, csv(List.of(inside, outside)), "liste.csv", null));
        assertEquals(1, report.getInt("totals.learnersCreated"), report.prettify());
        assertEquals(1, report.getInt("totals.rejected"));
        assertEquals(3, report.getInt("problems[0].row"));
        assertEquals(association, fx.query("SELECT registered_by_association_id FROM learner WHERE first_name = ?",
                inside.get("Prénom")).get(0).get("registered_by_association_id"));
        assertEquals(2, fx.count("SELECT count(*) FROM audit_event WHERE action = 'IMPORT' AND role = 'ACADEMY_OFFICER' "
                + "AND entity_id = ?", report.getString("id")));
    }

    @Test
    void ministryAndAnonymousCallersCannotImport() {
        byte[] file = csv(List.of(row(centerCode)));
        Response ministry = upload(Tokens.ministry(), file, "liste.csv", null);
        assertEquals(403, ministry.statusCode());
        assertEquals("FORBIDDEN", ministry.jsonPath().getString("code"));
        Response anonymous = upload(null, file, "liste.csv", null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("UNAUTHENTICATED", anonymous.jsonPath().getString("code"));
    }

    @Test
    void staffOfUnknownOrDissolvedAssociationsCannotImport() {
        byte[] file = csv(List.of(row(centerCode)));
        Response unknown = upload(Tokens.associationStaff(UUID.randomUUID()), file, "liste.csv", null);
        assertEquals(403, unknown.statusCode(), unknown.asString());
        assertEquals("FORBIDDEN", unknown.jsonPath().getString("code"));
        fx.execute("UPDATE association SET status = 'DISSOLVED' WHERE id = ?", association);
        Response dissolved = upload(staff, file, "liste.csv", null);
        assertEquals(403, dissolved.statusCode(), dissolved.asString());
        assertTrue(dissolved.jsonPath().getString("message").contains("dissoute"));
        assertEquals(0, enrollmentsAt(center));
    }

    @Test
    void theStatusOfAnImportIsVisibleToItsAuthorOnly() {
        JsonPath r = ok(upload(staff, csv(List.of(row(centerCode))), "liste.csv", null));
        String id = r.getString("id");
        Response mine = given().header("Authorization", "Bearer " + staff).get("/imports/" + id);
        assertEquals(200, mine.statusCode());
        assertEquals("COMPLETED", mine.jsonPath().getString("status"));
        assertEquals(1, mine.jsonPath().getInt("rowsProcessed"));
        Response other = given().header("Authorization", "Bearer " + Tokens.associationStaff(fx.association("MAR")))
                .get("/imports/" + id);
        assertEquals(404, other.statusCode());
        assertEquals("NOT_FOUND", other.jsonPath().getString("code"));
        assertEquals(200, given().header("Authorization", "Bearer " + Tokens.admin()).get("/imports/" + id).statusCode());
        assertEquals(404, given().header("Authorization", "Bearer " + staff).get("/imports/" + UUID.randomUUID()).statusCode());
    }

    @Test
    void aLongImportAnswersAtOnceAndReportsItsProgress() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            rows.add(row(centerCode));
        }
        UUID big = fx.center(association, "MAR", 2000);
        String bigCode = code(big);
        rows.forEach(r -> r.put("Code du centre", bigCode));
        long vacuums = fx.count("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'learner'");
        Response accepted = upload(staff, csv(rows), "liste.csv", "async=true");
        assertEquals(202, accepted.statusCode(), accepted.asString());
        String id = accepted.jsonPath().getString("id");
        assertEquals("/imports/" + id, java.net.URI.create(accepted.header("Location")).getPath());
        assertTrue(List.of("PENDING", "RUNNING", "COMPLETED").contains(accepted.jsonPath().getString("status")));
        // progress while it runs: never more rows than the file has, never going back
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        org.awaitility.Awaitility.await("the import to finish").atMost(java.time.Duration.ofMinutes(5))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> {
                    JsonPath progress = ok(given().header("Authorization", "Bearer " + staff).get("/imports/" + id));
                    int processed = progress.getInt("rowsProcessed");
                    assertTrue(processed <= 1200 && processed >= seen.getAndSet(processed), progress.prettify());
                    return !List.of("PENDING", "RUNNING").contains(progress.getString("status"));
                });
        JsonPath status = ok(given().header("Authorization", "Bearer " + staff).get("/imports/" + id));
        assertEquals("COMPLETED", status.getString("status"));
        assertEquals(1200, status.getInt("rowsProcessed"));
        assertEquals(1200, status.getInt("totals.learnersCreated"));
        assertEquals(1200, enrollmentsAt(big));
        // past forsa.import.vacuum-every learners (1000 in tests), the import vacuumed and analysed the learner table
        org.awaitility.Awaitility.await("the import's vacuum of learner").atMost(java.time.Duration.ofSeconds(30))
                .until(() -> fx.count("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'learner'") > vacuums);
    }

    @Test
    void arabicNamesCountInDuplicateSuspicion() {
        Map<String, Object> input = RegistryFixtures.learnerInput();
        input.put("firstNameAr", "زينبة");
        input.put("lastNameAr", "الوزاني");
        input.put("birthDate", "2011-02-17");
        RegistryFixtures.register(staff, input);
        var r = row(centerCode);
        r.put("Date de naissance", "17/02/2011");
        r.put("Prénom (arabe)", "زينبه"); // teh marbuta written as heh: same normalised name
        r.put("Nom (arabe)", "الوزاني");
        JsonPath report = ok(upload(staff, csv(List.of(r)), "liste.csv", "dryRun=true"));
        assertEquals(1, report.getInt("totals.duplicatesSuspected"), report.prettify());
    }

    @Test
    void duplicateSuspicionReachesTheEditDistanceWhateverTheBranchThatFindsTheCandidate() {
        Map<String, Object> input = RegistryFixtures.learnerInput();
        input.put("firstNameAr", "زينبة");
        input.put("lastNameAr", "الوزاني");
        input.put("birthDate", "2011-03-09");
        RegistryFixtures.register(staff, input);
        // two letters longer: two edits, at the edge of the length band the database looks in
        var longer = row(centerCode);
        longer.put("Date de naissance", "09/03/2011");
        longer.put("Prénom", (String) input.get("firstName"));
        longer.put("Nom", input.get("lastName") + "ee");
        // another Latin name, the same Arabic one: the same learner comes back from the Arabic branch as well
        var arabic = row(centerCode);
        arabic.put("Date de naissance", "09/03/2011");
        arabic.put("Prénom", "Xavierine");
        arabic.put("Nom", "Quintanilla");
        arabic.put("Prénom (arabe)", "زينبه");
        arabic.put("Nom (arabe)", "الوزاني");
        // three letters longer: three edits, another person
        var further = row(centerCode);
        further.put("Date de naissance", "09/03/2011");
        further.put("Prénom", (String) input.get("firstName"));
        further.put("Nom", input.get("lastName") + "eee");
        JsonPath report = ok(upload(staff, csv(List.of(longer, arabic, further)), "liste.csv", "dryRun=true"));
        assertEquals(2, report.getInt("totals.duplicatesSuspected"), report.prettify());
        assertEquals(List.of(2, 3), report.getList("problems.row"), report.prettify());
    }

    // ---------- malformed files ----------

    void assertRefused(Response r, int status, String reason) {
        assertEquals(status, r.statusCode(), r.asString());
        assertEquals("REFUSED", r.jsonPath().getString("status"));
        assertEquals(reason, r.jsonPath().getString("reason"));
        assertTrue(r.jsonPath().getString("message").length() > 40, r.jsonPath().getString("message"));
    }

    @Test
    void malformedFilesAreRefusedAndNothingIsWritten() throws Exception {
        long learners = fx.count("SELECT count(*) FROM learner");
        long events = fx.count("SELECT count(*) FROM audit_event WHERE action IN ('CREATE', 'IMPORT')");
        var r = row(centerCode);

        byte[] wrongHeaders = "Nom;Prenom du pere;Naissance\r\nA;B;2010-01-01\r\n".getBytes(StandardCharsets.UTF_8);
        Response headers = upload(staff, wrongHeaders, "liste.csv", null);
        assertRefused(headers, 400, "BAD_HEADERS");
        assertTrue(headers.jsonPath().getString("message").contains("« Prénom »"));
        assertTrue(headers.jsonPath().getString("message").contains("« Prenom du pere »"));

        byte[] garbage = new byte[4096];
        ThreadLocalRandom.current().nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        assertRefused(upload(staff, garbage, "liste.csv", null), 400, "UNREADABLE_FILE");

        byte[] fakeXlsx = new byte[2048];
        ThreadLocalRandom.current().nextBytes(fakeXlsx);
        fakeXlsx[0] = 'P';
        fakeXlsx[1] = 'K';
        fakeXlsx[2] = 3;
        fakeXlsx[3] = 4;
        assertRefused(upload(staff, fakeXlsx, "liste.xlsx", null), 400, "UNREADABLE_FILE");

        assertRefused(upload(staff, new byte[0], "liste.csv", null), 400, "EMPTY_FILE");

        byte[] onlyHeader = csv(List.of(r));
        String header = new String(onlyHeader, StandardCharsets.UTF_8).split("\r\n")[0] + "\r\n";
        assertRefused(upload(staff, header.getBytes(StandardCharsets.UTF_8), "liste.csv", null), 400, "NO_ROWS");

        // over the limit (1M in tests): a valid file, made large by a long list of rows
        List<Map<String, String>> many = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            many.add(row(centerCode));
        }
        byte[] big = csv(many);
        assertTrue(big.length > 1024 * 1024);
        Response tooLarge = upload(staff, big, "liste.csv", null);
        assertRefused(tooLarge, 413, "TOO_LARGE");
        assertTrue(tooLarge.jsonPath().getString("message").contains("taille maximale"));

        assertEquals(learners, fx.count("SELECT count(*) FROM learner"));
        assertEquals(events, fx.count("SELECT count(*) FROM audit_event WHERE action IN ('CREATE', 'IMPORT')"));
        assertEquals(0, enrollmentsAt(center));
    }

    @Test
    void aRequestWithoutAFileIsRefused() {
        Response r = given().header("Authorization", "Bearer " + staff).multiPart("other", "x").post("/imports");
        assertEquals(400, r.statusCode(), r.asString());
        assertEquals("file", r.jsonPath().getString("field"));
    }
}
