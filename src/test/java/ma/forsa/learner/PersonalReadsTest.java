package ma.forsa.learner;

import static ma.forsa.learner.RegistryFixtures.massar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

/**
 * Learners' personal fields over the API: reads by ACADEMY_OFFICER (under an access grant) and ADMIN leave one
 * READ_PERSONAL event per learner per request, whatever path of the document serves them; fields a role may not see
 * are null and listed in {@code extensions.withheld}.
 */
@QuarkusTest
class PersonalReadsTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ma.forsa.common.db.Db db;
    RegistryFixtures fx;
    UUID association;
    UUID center;
    String staff;
    String learner;
    String massarCode;

    @BeforeEach
    void setUp() {
        fx = new RegistryFixtures(dataSource);
        association = fx.association("MAR"); // academy MS
        center = fx.center(association, "MAR", 30);
        staff = Tokens.associationStaff(association);
        massarCode = massar();
        var in = RegistryFixtures.learnerInput();
        in.put("massarCode", massarCode);
        in.put("disability", true);
        learner = RegistryFixtures.register(staff, in);
        RegistryFixtures.enroll(staff, learner, center);
    }

    private long personalReads(String learnerId) {
        return fx.count("SELECT count(*) FROM audit_event WHERE action = 'READ_PERSONAL' AND entity = 'Learner' "
                + "AND entity_id = ?", learnerId);
    }

    private Map<String, Object> vars() {
        return Map.of("id", learner, "c", center.toString(), "m", massarCode);
    }

    @Test
    void anOfficerReadingNamesLeavesOneEventPerLearnerPerRequestWhateverThePaths() {
        String officer = Tokens.academyOfficer("MS");
        String grant = RegistryFixtures.grant(officer, learner);
        String everywhere = "query($id: ID!, $c: ID, $m: String!) { "
                + "a: learner(id: $id) { firstName lastName firstNameAr massarCode cin } "
                + "b: learners(filter: { centerId: $c }) { edges { node { id lastName guardianPhone } } } "
                + "c: learner(id: $id) { enrollments { learner { firstName } } } "
                + "d: learnerByMassarCode(massarCode: $m) { cin guardianName } }";
        JsonPath r = GraphQL.ok(officer, everywhere, vars());
        assertNotNull(r.get("data.a.firstName"));
        assertEquals(1, personalReads(learner));
        var event = fx.query("SELECT subject, role, request_id, changes ->> 'grantId' AS grant_id FROM audit_event "
                + "WHERE action = 'READ_PERSONAL' AND entity_id = ?", learner).get(0);
        assertEquals("ACADEMY_OFFICER", event.get("role"));
        assertNotNull(event.get("request_id"));
        assertEquals(grant, event.get("grant_id"), "an officer's read names the grant it was made under");

        GraphQL.ok(officer, everywhere, vars());
        assertEquals(2, personalReads(learner));
        assertEquals(2, fx.count("SELECT count(DISTINCT request_id) FROM audit_event WHERE action = 'READ_PERSONAL' "
                + "AND entity_id = ?", learner));
    }

    @Test
    void aLookUpIsOneReadAndIsServedOnceItsEventIsWritten() {
        String query = "query($id: ID!) { learner(id: $id) { id firstName lastName birthDate sex } }";
        GraphQL.ok(Tokens.admin(), query, vars()); // warms reference data
        long events = personalReads(learner);
        long before = db.statementCount();
        JsonPath r = GraphQL.ok(Tokens.admin(), query, vars());
        assertEquals(1, db.statementCount() - before, "one read (the event is written by the audit's batch)");
        assertNotNull(r.get("data.learner.firstName"));
        assertEquals(events + 1, personalReads(learner));

        String unknown = UUID.randomUUID().toString();
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.admin(), query, Map.of("id", unknown))));
        assertEquals(0, personalReads(unknown), "nothing read, nothing recorded");
        String officer = Tokens.academyOfficer("MS"); // without a grant: names withheld, no event
        assertNull(GraphQL.ok(officer, query, vars()).get("data.learner.firstName"));
        assertEquals(events + 1, personalReads(learner));

        // an event that cannot be written fails the read (a subject too long for audit_event.subject)
        String unrecordable = Tokens.builder("ADMIN").subject("x".repeat(300)).sign(Tokens.key());
        JsonPath refused = GraphQL.post(unrecordable, query, vars());
        assertNull(refused.get("data.learner"), refused.prettify());
        assertEquals("INTERNAL", GraphQL.errorCode(refused), refused.prettify());
        assertEquals(events + 1, personalReads(learner));
    }

    /** Reads at the same moment share the audit's writes (ReadAuditBatch); each is served with its own event written. */
    @Test
    void concurrentReadsAreEachRecordedOnce() throws Exception {
        String query = "query($id: ID!) { learner(id: $id) { firstName } }";
        long events = personalReads(learner);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var reads = java.util.stream.IntStream.range(0, 24).mapToObj(i -> pool.submit(
                    () -> GraphQL.ok(Tokens.admin(), query, vars()).getString("data.learner.firstName"))).toList();
            for (var read : reads) {
                assertNotNull(read.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(events + 24, personalReads(learner));
        assertEquals(events + 24, fx.count("SELECT count(DISTINCT request_id) FROM audit_event WHERE action = 'READ_PERSONAL' "
                + "AND entity_id = ?", learner), "one event per request");
    }

    @Test
    void everyPathThatServesALearnerIsAccounted() {
        String officer = Tokens.academyOfficer("MS");
        RegistryFixtures.grant(officer, learner);
        long expected = personalReads(learner);
        for (String query : List.of(
                "query($id: ID!) { learner(id: $id) { firstName } }",
                "query($c: ID) { learners(filter: { centerId: $c }) { edges { node { lastNameAr } } } }",
                "query($m: String!) { learnerByMassarCode(massarCode: $m) { massarCode } }",
                "query($id: ID!) { learner(id: $id) { id enrollments { learner { guardianPhone } } } }",
                "query($c: ID) { learners(filter: { centerId: $c }) { edges { node { ...names } } } } "
                        + "fragment names on Learner { cin }")) {
            GraphQL.ok(officer, query, vars());
            assertEquals(++expected, personalReads(learner), query);
        }
        GraphQL.ok(Tokens.admin(), "query($id: ID!) { learner(id: $id) { dropoutReason } }", vars());
        assertEquals(++expected, personalReads(learner), "ADMIN reads are accounted too");
    }

    @Test
    void theSelectionIsReadAsTheDocumentSaysWithItsConditionsAndFragments() {
        // Selection.names reads the document: inline fragments, spreads, @skip/@include with variables, paths
        String officer = Tokens.academyOfficer("MS");
        RegistryFixtures.grant(officer, learner);
        long expected = personalReads(learner);
        Map<String, Object> skip = new java.util.HashMap<>(vars());
        skip.put("yes", true);
        skip.put("no", false);
        Map<String, Integer> documents = new LinkedHashMap<>(); // document -> events it writes
        documents.put("query($id: ID!, $yes: Boolean!) { learner(id: $id) { id firstName @skip(if: $yes) } }", 0);
        documents.put("query($id: ID!, $no: Boolean!) { learner(id: $id) { id ... on Learner @include(if: $no) { cin } } }", 0);
        documents.put("query($id: ID!, $yes: Boolean!) { learner(id: $id) { id ...n @skip(if: $yes) } } fragment n on Learner { lastName }", 0);
        documents.put("query($c: ID, $no: Boolean!) { learners(filter: { centerId: $c }) { edges { node { id cin @include(if: $no) } } } }", 0);
        documents.put("query($id: ID!, $no: Boolean!) { learner(id: $id) { id firstName @skip(if: $no) } }", 1);
        documents.put("query($id: ID!, $yes: Boolean!) { learner(id: $id) { id ... on Learner @include(if: $yes) { cin } } }", 1);
        documents.put("query($id: ID!) { learner(id: $id) { id ... { ...n } } } fragment n on Learner { lastName }", 1);
        documents.put("query($c: ID) { learners(filter: { centerId: $c }) { edges { ... on LearnerEdge { node { other: firstNameAr } } } } }", 1);
        for (Map.Entry<String, Integer> document : documents.entrySet()) {
            GraphQL.ok(officer, document.getKey(), skip);
            expected += document.getValue();
            assertEquals(expected, personalReads(learner), document.getKey());
        }
    }

    @Test
    void readsWithoutPersonalFieldsAreNotAccounted() {
        String officer = Tokens.academyOfficer("MS");
        GraphQL.ok(officer, "query($id: ID!, $c: ID) { learner(id: $id) { id birthDate sex version provinceOfResidence { code } "
                + "enrollments { status learner { id birthDate } } } "
                + "learners(filter: { centerId: $c }) { totalCount edges { node { id birthDate sex } } } }", vars());
        // disability is withheld from officers: selecting it serves nothing personal
        JsonPath r = GraphQL.ok(officer, "query($id: ID!) { learner(id: $id) { disability } }", vars());
        assertNull(r.get("data.learner.disability"));
        assertEquals(List.of("Learner.disability"), r.getList("extensions.withheld.fields"));
        assertEquals(0, personalReads(learner));
    }

    @Test
    void ministryAndStaffReadsAreNotAccounted() {
        String names = "query($id: ID!, $c: ID) { learner(id: $id) { firstName lastName massarCode enrollments { learner { cin } } } "
                + "learners(filter: { centerId: $c }) { edges { node { firstName } } } }";
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.ministry(), names, vars())));
        JsonPath r = GraphQL.ok(staff, names, vars());
        assertNotNull(r.get("data.learner.firstName"));
        assertNull(r.get("extensions"), "staff see all fields of the learners they follow");
        assertEquals(0, personalReads(learner));
    }

    @Test
    void theMinistryReadsLearnersAsFiguresNeverAsRecords() {
        JsonPath one = GraphQL.post(Tokens.ministry(), "query($id: ID!) { learner(id: $id) { id birthDate sex } }", vars());
        assertEquals("FORBIDDEN", GraphQL.errorCode(one), "a record, even pseudonymised, would let it count what is withheld");
        assertNull(one.get("data.learner"));

        JsonPath list = GraphQL.ok(Tokens.ministry(), "query($c: ID) { learners(filter: { centerId: $c }) { totalCount suppressed "
                + "edges { node { id birthDate } } } learnersAll: learners { edges { node { id } } } }", vars());
        assertEquals(List.of(), list.getList("data.learners.edges"));
        assertEquals(List.of(), list.getList("data.learnersAll.edges"));
        // the centre's list holds fewer learners than the disclosure threshold: its count is withheld too
        assertEquals(List.of("LearnerConnection.edges", "LearnerConnection.totalCount"), list.getList("extensions.withheld.fields"));
        assertNull(list.get("data.learners.totalCount"));
    }

    @Test
    void theSendingAssociationNoLongerSeesDisabilityAfterATransfer() {
        UUID receiving = fx.association("CAS");
        UUID target = fx.center(receiving, "CAS", 30);
        String enrollment = fx.query("SELECT id FROM enrollment WHERE learner_id = ?", UUID.fromString(learner)).get(0)
                .get("id").toString();
        GraphQL.ok(Tokens.admin(), "mutation($id: ID!, $to: ID!) { transferEnrollment(id: $id, version: 0, toCenterId: $to, "
                + "on: \"2026-01-10\") { id } }", Map.of("id", enrollment, "to", target.toString()));

        JsonPath sender = GraphQL.ok(staff, "query($id: ID!) { learner(id: $id) { firstName disability } }", vars());
        assertNotNull(sender.get("data.learner.firstName"));
        assertNull(sender.get("data.learner.disability"));
        assertEquals(List.of("Learner.disability"), sender.getList("extensions.withheld.fields"));

        JsonPath receiver = GraphQL.ok(Tokens.associationStaff(receiving), "query($id: ID!) { learner(id: $id) { disability } }",
                vars());
        assertEquals(true, receiver.getBoolean("data.learner.disability"));
        assertNull(receiver.get("extensions"));
    }

    @Test
    void aBatchMixingPathsAccountsForThePathThatAsksForNames() {
        // Enrollment.learner at the same depth under two root fields: SmallRye resolves both in one batch
        var other = RegistryFixtures.learnerInput();
        String second = RegistryFixtures.register(staff, other);
        RegistryFixtures.enroll(staff, second, center);
        String officer = Tokens.academyOfficer("MS");
        RegistryFixtures.grant(officer, second);
        GraphQL.ok(officer, "query($a: ID!, $b: ID!) { a: learner(id: $a) { enrollments { learner { id } } } "
                + "b: learner(id: $b) { enrollments { learner { firstName } } } }", Map.of("a", learner, "b", second));
        assertEquals(1, personalReads(second));
        GraphQL.ok(officer, "query($a: ID!, $b: ID!) { b: learner(id: $b) { enrollments { learner { firstName } } } "
                + "a: learner(id: $a) { enrollments { learner { id } } } }", Map.of("a", learner, "b", second));
        assertEquals(2, personalReads(second));
    }

    @Test
    void writingALearnerIsAuditedAsTheWriteNotAsARead() {
        var in = RegistryFixtures.learnerInput();
        JsonPath r = GraphQL.ok(Tokens.admin(), RegistryFixtures.REGISTER, Map.of("in", in));
        String id = r.getString("data.registerLearner.id");
        assertEquals(in.get("firstName"), r.getString("data.registerLearner.firstName"));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE action = 'CREATE' AND entity_id = ?", id));
        assertEquals(0, personalReads(id));

        int version = GraphQL.ok(Tokens.admin(), "query($id: ID!) { learner(id: $id) { version } }", Map.of("id", id))
                .getInt("data.learner.version");
        in.put("guardianName", "Guardian " + RegistryFixtures.letters(6));
        JsonPath u = GraphQL.ok(Tokens.admin(), "mutation($id: ID!, $v: Int!, $in: LearnerInput!) { updateLearner(id: $id, "
                + "version: $v, input: $in) { firstName guardianName } }", Map.of("id", id, "v", version, "in", in));
        assertEquals(in.get("guardianName"), u.getString("data.updateLearner.guardianName"));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE action = 'UPDATE' AND entity_id = ?", id));
        assertEquals(0, personalReads(id));
    }
}
