package ma.forsa.importer;

import static io.restassured.RestAssured.given;
import static ma.forsa.importer.ImportFiles.csv;
import static ma.forsa.importer.ImportFiles.row;
import static ma.forsa.importer.ImportFiles.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.common.db.WorkerConnection;
import ma.forsa.enrollment.EligibilityConfig;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Role;
import ma.forsa.support.Tokens;
import ma.forsa.learner.RegistryFixtures;

/** Import jobs as rows shared by the replicas: read anywhere, claimed, resumed, handed back; audit at start and end. */
@QuarkusTest
class ImportJobsTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Db db;
    @Inject
    ReferenceData reference;
    @Inject
    ImportKeys keys;
    @Inject
    Clock clock;
    @Inject
    ImportConfig config;
    @Inject
    EligibilityConfig eligibility;

    RegistryFixtures fx;
    UUID association;
    UUID center;
    String centerCode;
    String staff;

    @BeforeEach
    void setUp() {
        fx = new RegistryFixtures(dataSource);
        association = fx.association("MAR");
        center = fx.center(association, "MAR", 50);
        centerCode = (String) fx.query("SELECT code FROM center WHERE id = ?", center).get(0).get("code");
        staff = Tokens.associationStaff(association);
    }

    JsonPath status(String token, Object id) {
        Response r = given().header("Authorization", "Bearer " + token).get("/imports/" + id);
        assertEquals(200, r.statusCode(), r.asString());
        return r.jsonPath();
    }

    JsonPath awaitEnd(Object id) {
        return Awaitility.await("the import to end").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(Tokens.admin(), id), s -> !List.of("PENDING", "RUNNING").contains(s.getString("status")));
    }

    long learnersNamed(String firstName) {
        return fx.count("SELECT count(*) FROM learner WHERE first_name = ?", firstName);
    }

    /** A job stored as another replica would (its file in import_file_chunk), for a staff member of the association. */
    UUID storeJob(byte[] file, ImportMode mode) throws Exception {
        ImportJob job = new ImportJob(UUID.randomUUID(), AccessScope.of("test-other-replica", Role.ASSOCIATION_STAFF, null,
                association, "req-" + UUID.randomUUID()), false, mode, "liste.csv", clock.instant());
        try (WorkerConnection c = db.worker()) {
            ImportJobs.insert(c, job, file.length, new ByteArrayInputStream(file));
            // claimed by a replica that then died: RUNNING under its claim, heartbeat an hour old (or fresh: see callers)
            c.update(Sql.of("UPDATE import_job SET status = 'RUNNING', claim = gen_random_uuid(), worker = 'dead/1/x', "
                    + "attempts = 1, started_at = now(), heartbeat_at = now() - interval '1 hour' WHERE id = ?", job.id));
            c.commit();
        }
        return job.id;
    }

    @Test
    void anyReplicaAnswersFromTheJobTableWithTheSameAccessRule() {
        JsonPath done = JsonPath.from(upload(staff, csv(List.of(row(centerCode))), "liste.csv", null).asString());
        String id = done.getString("id");
        // another replica's worker writes progress into the row: GET reads the row, not a memory of this process
        fx.execute("UPDATE import_job SET status = 'RUNNING', rows_read = 7, finished_at = NULL, "
                + "problems = '[{\"row\": 3, \"column\": \"Sexe\", \"value\": \"X\", \"message\": \"m\"}]' WHERE id = ?::uuid", id);
        JsonPath running = status(staff, id);
        assertEquals("RUNNING", running.getString("status"));
        assertEquals(7, running.getInt("rowsProcessed"));
        assertEquals(3, running.getInt("problems[0].row"));
        assertEquals(404, given().header("Authorization", "Bearer " + Tokens.associationStaff(association)).get("/imports/" + id)
                .statusCode());
        assertEquals(200, given().header("Authorization", "Bearer " + Tokens.admin()).get("/imports/" + id).statusCode());
        fx.execute("UPDATE import_job SET status = 'COMPLETED', finished_at = now() WHERE id = ?::uuid", id);
    }

    @Test
    void aStaleRunningJobIsResumedByAnotherWorkerAndEveryRowIsWrittenOnce() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(row(centerCode));
        }
        // the dead replica had written the first 4 rows, but committed the progress of 2 only
        JsonPath first = JsonPath.from(upload(staff, csv(rows.subList(0, 4)), "liste.csv", null).asString());
        assertEquals(4, first.getInt("totals.learnersCreated"), first.prettify());
        UUID id = storeJob(csv(rows), ImportMode.VALID_ROWS);
        fx.execute("UPDATE import_job SET lines_done = 2, rows_read = 2, imported = 2, learners_created = 2, "
                + "enrollments_created = 2, start_audited = true WHERE id = ?", id);

        JsonPath end = awaitEnd(id);
        assertEquals("COMPLETED", end.getString("status"), end.prettify());
        assertEquals(10, end.getInt("totals.rows"));
        assertEquals(10, end.getInt("totals.imported"));
        assertEquals(8, end.getInt("totals.learnersCreated"));
        assertEquals(2, end.getInt("totals.learnersLinked"));
        for (Map<String, String> r : rows) {
            assertEquals(1, learnersNamed(r.get("Prénom")), r.toString());
        }
        assertEquals(10, fx.count("SELECT count(*) FROM enrollment WHERE center_id = ?", center));
        assertEquals(2, fx.count("SELECT attempts FROM import_job WHERE id = ?", id));
        assertEquals(0, fx.count("SELECT count(*) FROM import_file_chunk WHERE job_id = ?", id));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE action = 'IMPORT' AND entity_id = ? "
                + "AND changes->>'phase' = 'end' AND changes->>'learnersCreated' = '8'", id.toString()));
    }

    @Test
    void aStoppingWorkerHandsItsJobBackAndAnotherFinishesIt() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(row(centerCode));
        }
        UUID id = storeJob(csv(rows), ImportMode.VALID_ROWS);
        fx.execute("UPDATE import_job SET heartbeat_at = now() + interval '1 hour' WHERE id = ?", id); // fresh: ours
        // a second replica in this JVM, shutting down while it holds the job
        ImportService other = new ImportService(db, reference, keys, clock, config, eligibility);
        ImportJob job;
        try (WorkerConnection c = db.worker()) {
            job = ImportJobs.find(c, id);
        }
        other.stopWorkers();
        other.run(job);
        Map<String, Object> after = fx.query("SELECT status, worker, attempts, lines_done FROM import_job WHERE id = ?", id).get(0);
        assertTrue("PENDING".equals(after.get("status")) && after.get("worker") == null
                || ((Number) after.get("attempts")).intValue() == 2, after.toString());

        JsonPath end = awaitEnd(id);
        assertEquals("COMPLETED", end.getString("status"), end.prettify());
        assertEquals(6, end.getInt("totals.learnersCreated"));
        assertEquals(2, fx.count("SELECT attempts FROM import_job WHERE id = ?", id));
        for (Map<String, String> r : rows) {
            assertEquals(1, learnersNamed(r.get("Prénom")));
        }
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE action = 'IMPORT' AND entity_id = ? "
                + "AND changes->>'phase' = 'start'", id.toString()));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE action = 'IMPORT' AND entity_id = ? "
                + "AND changes->>'phase' = 'end'", id.toString()));
    }

    @Test
    void importEventsAtStartAndEndAndTheUploadIsDeleted() {
        JsonPath r = JsonPath.from(upload(staff, csv(List.of(row(centerCode), row(centerCode))), "liste.csv", null).asString());
        assertEquals("COMPLETED", r.getString("status"), r.prettify());
        String id = r.getString("id");
        List<Map<String, Object>> events = fx.query("SELECT changes->>'phase' AS phase, changes->>'status' AS status, "
                + "changes->>'imported' AS imported FROM audit_event WHERE action = 'IMPORT' AND entity_id = ? ORDER BY id", id);
        assertEquals(2, events.size(), events.toString());
        assertEquals("start", events.get(0).get("phase"));
        assertEquals("end", events.get(1).get("phase"));
        assertEquals("COMPLETED", events.get(1).get("status"));
        assertEquals("2", events.get(1).get("imported"));
        assertEquals(0, fx.count("SELECT count(*) FROM import_file_chunk WHERE job_id = ?::uuid", id));
        assertEquals(1, fx.count("SELECT count(*) FROM import_job WHERE id = ?::uuid AND finished_at IS NOT NULL "
                + "AND claim IS NULL", id));
        // the service's own folders, never the shared system temp folder; nothing left of the file once the job ended
        String dataDir = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("forsa.data-dir", String.class);
        java.nio.file.Path uploads = java.nio.file.Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.http.body.uploads-directory", String.class)).toAbsolutePath().normalize();
        java.nio.file.Path work = java.nio.file.Path.of(config.workDir()).toAbsolutePath().normalize();
        java.nio.file.Path own = java.nio.file.Path.of(dataDir).toAbsolutePath().normalize();
        java.nio.file.Path systemTemp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        assertFalse(own.equals(systemTemp), "the service's folder is not the shared system temp folder");
        for (java.nio.file.Path folder : List.of(uploads, work)) {
            assertTrue(folder.startsWith(own) && !folder.getParent().equals(systemTemp), folder + " is the service's own folder");
        }
        assertTrue(java.nio.file.Files.isDirectory(work), "the job worked from " + work);
        assertFalse(java.nio.file.Files.exists(work.resolve("import-" + id + ".upload")), "the job's copy is deleted");
    }

    @Test
    void allOrNothingValidatesWithoutHoldingLocksAndOneBadRowWritesNothing() throws Exception {
        UUID big = fx.center(association, "MAR", 3000);
        String bigCode = (String) fx.query("SELECT code FROM center WHERE id = ?", big).get(0).get("code");
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            Map<String, String> r = row(bigCode);
            rows.add(r);
        }
        rows.get(1499).put("Volets", "SPORT");
        Response accepted = upload(staff, csv(rows), "liste.csv", "mode=all-or-nothing&async=true");
        String id = accepted.jsonPath().getString("id");
        // while it validates (after its first chunk), the centre can be locked by someone else at once
        Awaitility.await("validation under way").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> fx.count("SELECT count(*) FROM import_job WHERE id = ?::uuid AND (rows_read > 0 "
                        + "OR status NOT IN ('PENDING', 'RUNNING'))", id) == 1);
        boolean wasValidating = fx.count("SELECT count(*) FROM import_job WHERE id = ?::uuid AND phase = 'VALIDATING' "
                + "AND status = 'RUNNING'", id) == 1;
        boolean stillValidating;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // a chunk holds the centre while it runs (seconds on a busy machine), the validation as a whole must not:
                // once we hold the lock the import cannot get past its next chunk, so it must still be validating; had it
                // kept its locks from chunk to chunk we would get the lock only after the end of the import
                s.execute("SET LOCAL lock_timeout = '60s'");
                s.execute("SELECT 1 FROM center WHERE id = '" + big + "' FOR UPDATE");
            }
            stillValidating = fx.count("SELECT count(*) FROM import_job WHERE id = ?::uuid AND phase = 'VALIDATING' "
                    + "AND status = 'RUNNING'", id) == 1;
            c.rollback();
        }
        assertTrue(wasValidating, "the file was validated too fast to observe: make it larger");
        assertTrue(stillValidating, "the centre was locked until the validation ended");
        JsonPath end = awaitEnd(id);
        assertEquals("REJECTED", end.getString("status"), end.prettify());
        assertEquals(1, end.getInt("totals.rejected"));
        assertEquals(0, end.getInt("totals.imported"));
        assertEquals(0, fx.count("SELECT count(*) FROM enrollment WHERE center_id = ?", big));
        assertEquals(0, learnersNamed(rows.get(0).get("Prénom")));
    }

    @Test
    void aLearnerAnonymisedWhileAnImportLinksItIsRefusedNotEnrolled() throws Exception {
        Map<String, Object> input = RegistryFixtures.learnerInput();
        String massar = RegistryFixtures.massar();
        input.put("massarCode", massar);
        String learner = RegistryFixtures.register(staff, input);
        Map<String, String> r = row(centerCode);
        r.put("Code MASSAR", massar);
        String id;
        try (Connection hold = dataSource.getConnection()) {
            hold.setAutoCommit(false);
            try (Statement s = hold.createStatement()) {
                s.execute("SELECT 1 FROM learner WHERE id = '" + learner + "' FOR UPDATE");
                id = upload(staff, csv(List.of(r)), "liste.csv", "async=true").jsonPath().getString("id");
                // the import has found the learner by its MASSAR code and waits for its row before writing anything
                Awaitility.await("the import waiting for the learner's row").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50)).until(() -> fx.count("SELECT count(*) FROM pg_stat_activity "
                                + "WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE "
                                + "'%FROM learner l%FOR UPDATE OF l%'") == 1);
                // meanwhile the learner is anonymised, as the retention job does it
                s.execute("UPDATE learner SET massar_code = NULL, first_name = NULL, last_name = NULL, name_key = NULL, "
                        + "search_key = NULL, anonymised_at = now(), version = version + 1 WHERE id = '" + learner + "'");
            }
            hold.commit();
        }
        JsonPath end = awaitEnd(id);
        assertEquals("COMPLETED", end.getString("status"), end.prettify());
        assertEquals(0, end.getInt("totals.imported"), end.prettify());
        assertEquals(1, end.getInt("totals.rejected"));
        assertEquals(0, end.getInt("totals.learnersLinked"));
        assertEquals(0, fx.count("SELECT count(*) FROM enrollment WHERE learner_id = ?::uuid", learner));
    }
}
