package ma.forsa.agreement;

import static ma.forsa.agreement.Partners.AGREEMENT_FIELDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import ma.forsa.support.GraphQL;
import ma.forsa.support.ServiceDate;
import ma.forsa.support.Tokens;

@QuarkusTest
class AgreementLifecycleTest {

    private static final JsonPathConfig DECIMALS = JsonPathConfig.jsonPathConfig()
            .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    private String association;
    private String center;

    @BeforeEach
    void partners() {
        association = Partners.createAssociation("MAR");
        center = Partners.createCenter(association, "MAR");
    }

    private Map<String, Object> draft() {
        return Partners.draft("MS", association, List.of(center));
    }

    /** extensions.allowed as text: "[A, B]" whether it is served as a list or as its string form. */
    static String allowed(JsonPath r) {
        return String.valueOf((Object) r.get("errors[0].extensions.allowed"));
    }

    private static int version(Map<String, Object> agreement) {
        return (Integer) agreement.get("version");
    }

    @Test
    void aNewAgreementIsADraftCoveringItsCentresWithZeroProgress() throws Exception {
        Map<String, Object> input = Partners.agreementInput("MS", association, List.of(center));
        input.put("budget", new BigDecimal("1234567.89"));
        JsonPath r = Partners.createAgreement(Tokens.admin(), input).using(DECIMALS);
        assertNull(r.get("errors"), () -> r.prettify());
        assertEquals("DRAFT", r.getString("data.createAgreement.status"));
        assertEquals(0, r.getInt("data.createAgreement.version"));
        assertEquals(new BigDecimal("1234567.89"), r.get("data.createAgreement.budget"));
        assertEquals("MS", r.getString("data.createAgreement.academy.code"));
        assertEquals(association, r.getString("data.createAgreement.association.id"));
        assertEquals(List.of(center), r.getList("data.createAgreement.centers.id"));
        assertNull(r.get("data.createAgreement.signedOn"));
        assertEquals(0, r.getInt("data.createAgreement.progress.enrolled"));
        assertNull(r.get("data.createAgreement.progress.integrationRate"));
        assertEquals(0, new BigDecimal("0").compareTo(r.get("data.createAgreement.progress.disbursed")));
        assertEquals(1, Partners.auditEvents("Agreement", r.getString("data.createAgreement.id"), "CREATE"));
    }

    @Test
    void theLifecycleIsEnforcedStepByStep() throws Exception {
        Map<String, Object> g = draft();
        String id = (String) g.get("id");
        int v = version(g);

        JsonPath early = Partners.transition(Tokens.admin(), id, v, "ACTIVE", null);
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(early));
        assertEquals("[SIGNED]", allowed(early));
        assertTrue(early.getString("errors[0].message").contains("DRAFT to ACTIVE"), early.getString("errors[0].message"));

        JsonPath signed = Partners.transition(Tokens.admin(), id, v, "SIGNED", null);
        assertEquals("SIGNED", signed.getString("data.transitionAgreement.status"), signed::prettify);
        assertEquals(ServiceDate.today().toString(), signed.getString("data.transitionAgreement.signedOn"));
        v = signed.getInt("data.transitionAgreement.version");
        assertEquals(1, v);

        assertEquals("[ACTIVE, TERMINATED]", allowed(Partners.transition(Tokens.admin(), id, v, "SUSPENDED", "x")));
        v = Partners.walk(id, v, "ACTIVE");

        JsonPath noReason = Partners.transition(Tokens.admin(), id, v, "SUSPENDED", null);
        assertEquals("VALIDATION", GraphQL.errorCode(noReason));
        assertEquals("reason", noReason.getString("errors[0].extensions.field"));

        JsonPath suspended = Partners.transition(Tokens.admin(), id, v, "SUSPENDED", "Reports overdue");
        assertEquals("SUSPENDED", suspended.getString("data.transitionAgreement.status"));
        assertEquals("Reports overdue", suspended.getString("data.transitionAgreement.statusReason"));
        v = Partners.walk(id, suspended.getInt("data.transitionAgreement.version"), "ACTIVE");

        JsonPath expire = Partners.transition(Tokens.admin(), id, v, "EXPIRED", null);
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(expire));
        assertEquals("[SUSPENDED, TERMINATED]", allowed(expire));

        JsonPath terminated = Partners.transition(Tokens.admin(), id, v, "TERMINATED", "Association dissolved");
        assertEquals("TERMINATED", terminated.getString("data.transitionAgreement.status"));
        v = terminated.getInt("data.transitionAgreement.version");

        JsonPath after = Partners.transition(Tokens.admin(), id, v, "ACTIVE", null);
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(after));
        assertEquals("[]", allowed(after));
        assertEquals(5, Partners.auditEvents("Agreement", id, "TRANSITION"));
    }

    @Test
    void signingTakesTheGivenDateButNotAFutureOne() {
        Map<String, Object> g = draft();
        String q = "mutation($id: ID!, $v: Int!, $on: Date) { transitionAgreement(id: $id, version: $v, to: SIGNED, on: $on) "
                + "{ signedOn status } }";
        Map<String, Object> vars = new HashMap<>(Map.of("id", g.get("id"), "v", 0, "on", ServiceDate.today().plusDays(3).toString()));
        JsonPath future = GraphQL.post(Tokens.admin(), q, vars);
        assertEquals("VALIDATION", GraphQL.errorCode(future));
        assertEquals("on", future.getString("errors[0].extensions.field"));
        vars.put("on", "2024-03-15");
        assertEquals("2024-03-15", GraphQL.ok(Tokens.admin(), q, vars).getString("data.transitionAgreement.signedOn"));
    }

    @Test
    void aCentreManagementAgreementWithoutCentresCannotBeSigned() {
        Map<String, Object> g = Partners.draft("MS", association, List.of());
        JsonPath r = Partners.transition(Tokens.admin(), (String) g.get("id"), 0, "SIGNED", null);
        assertEquals("VALIDATION", GraphQL.errorCode(r));
        assertEquals("centerIds", r.getString("errors[0].extensions.field"));
    }

    @Test
    void anAgreementPastItsEndDateIsExpiredAndFinal() throws Exception {
        Map<String, Object> g = draft();
        String id = (String) g.get("id");
        int v = Partners.walk(id, 0, "SIGNED", "ACTIVE");
        Partners.endedYesterday(id);
        JsonPath read = GraphQL.ok(Tokens.admin(), "query($id: ID!) { agreement(id: $id) { status } }", Map.of("id", id));
        assertEquals("EXPIRED", read.getString("data.agreement.status"));
        JsonPath listed = GraphQL.ok(Tokens.admin(), "query($a: ID) { agreements(filter: {associationId: $a, status: [EXPIRED]}) "
                + "{ totalCount edges { node { id } } } }", Map.of("a", association));
        assertEquals(List.of(id), listed.getList("data.agreements.edges.node.id"));
        assertEquals(0, GraphQL.ok(Tokens.admin(), "query($a: ID) { agreements(filter: {associationId: $a, status: [ACTIVE]}) "
                + "{ totalCount } }", Map.of("a", association)).getInt("data.agreements.totalCount"));
        JsonPath r = Partners.transition(Tokens.admin(), id, v, "SUSPENDED", "late");
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(r));
        assertTrue(r.getString("errors[0].message").contains("from EXPIRED"), r.getString("errors[0].message"));
    }

    @Test
    void aStaleVersionIsAConflict() {
        Map<String, Object> g = draft();
        String id = (String) g.get("id");
        Partners.walk(id, 0, "SIGNED");
        JsonPath r = Partners.transition(Tokens.admin(), id, 0, "ACTIVE", null);
        assertEquals("CONFLICT", GraphQL.errorCode(r));
        assertTrue(r.getString("errors[0].message").contains("version 0"), r.getString("errors[0].message"));
        JsonPath tranche = GraphQL.post(Tokens.admin(), "mutation($id: ID!) { addTranche(agreementId: $id, version: 0, input: "
                + "{amount: 10, dueOn: \"2025-01-01\"}) { id } }", Map.of("id", id));
        assertEquals("CONFLICT", GraphQL.errorCode(tranche));
    }

    // ------------------------------------------------------------ editing

    private static JsonPath update(String token, String id, int version, Map<String, Object> input) {
        return GraphQL.post(token, "mutation($id: ID!, $v: Int!, $in: AgreementInput!) { updateAgreement(id: $id, version: $v, "
                + "input: $in) { " + AGREEMENT_FIELDS + " } }", Map.of("id", id, "v", version, "in", input));
    }

    @Test
    void aDraftIsEditedInPlaceAndASignedOneIsNot() {
        Map<String, Object> g = draft();
        String id = (String) g.get("id");
        String second = Partners.createCenter(association, "MAR");
        Map<String, Object> input = Partners.agreementInput("MS", association, List.of(center, second));
        input.put("budget", new BigDecimal("500000.50"));
        JsonPath edited = update(Tokens.admin(), id, 0, input).using(DECIMALS);
        assertNull(edited.get("errors"), edited::prettify);
        assertEquals(new BigDecimal("500000.50"), edited.get("data.updateAgreement.budget"));
        assertEquals(2, edited.getList("data.updateAgreement.centers").size());
        assertEquals(1, edited.getInt("data.updateAgreement.version"));

        assertEquals("CONFLICT", GraphQL.errorCode(update(Tokens.admin(), id, 0, input)));

        int v = Partners.walk(id, 1, "SIGNED");
        input.put("budget", new BigDecimal("1"));
        JsonPath refused = update(Tokens.admin(), id, v, input);
        assertEquals("VALIDATION", GraphQL.errorCode(refused));
        assertTrue(refused.getString("errors[0].message").contains("amendAgreement"), refused.getString("errors[0].message"));
    }

    private static JsonPath amend(String id, int version, Map<String, Object> input) {
        return GraphQL.post(Tokens.admin(), "mutation($id: ID!, $v: Int!, $in: AmendmentInput!) { amendAgreement(agreementId: $id, "
                + "version: $v, input: $in) { " + AGREEMENT_FIELDS + " } }", Map.of("id", id, "v", version, "in", input));
    }

    @Test
    void amendmentsChangeASignedAgreementAndKeepTheReplacedValues() throws Exception {
        Map<String, Object> g = draft();
        String id = (String) g.get("id");
        String endsBefore = (String) g.get("endsOn");

        Map<String, Object> change = new HashMap<>(Map.of("signedOn", ServiceDate.today().toString(), "summary", "Extension"));
        assertEquals("VALIDATION", GraphQL.errorCode(amend(id, 0, change)));

        int v = Partners.walk(id, 0, "SIGNED", "ACTIVE");
        String newEnd = ServiceDate.today().plusYears(3).toString();
        change.put("endsOn", newEnd);
        change.put("budget", new BigDecimal("1500000.25"));
        change.put("targetBeneficiaries", 150);
        JsonPath first = amend(id, v, change).using(DECIMALS);
        assertNull(first.get("errors"), first::prettify);
        assertEquals(newEnd, first.getString("data.amendAgreement.endsOn"));
        assertEquals(new BigDecimal("1500000.25"), first.get("data.amendAgreement.budget"));
        assertEquals(150, first.getInt("data.amendAgreement.targetBeneficiaries"));
        assertEquals(v + 1, first.getInt("data.amendAgreement.version"));
        assertEquals(1, first.getInt("data.amendAgreement.amendments[0].seq"));
        assertEquals(endsBefore, first.getString("data.amendAgreement.amendments[0].previousEndsOn"));
        assertEquals(new BigDecimal("1000000.00"), first.get("data.amendAgreement.amendments[0].previousBudget"));
        assertEquals(100, first.getInt("data.amendAgreement.amendments[0].previousTargetBeneficiaries"));

        assertEquals("CONFLICT", GraphQL.errorCode(amend(id, v, change)));

        Map<String, Object> summaryOnly = Map.of("signedOn", ServiceDate.today().toString(), "summary", "New reporting calendar");
        JsonPath second = amend(id, v + 1, summaryOnly);
        assertEquals(List.of(1, 2), second.getList("data.amendAgreement.amendments.seq"));
        assertNull(second.get("data.amendAgreement.amendments[1].previousEndsOn"));

        Map<String, Object> blank = Map.of("signedOn", ServiceDate.today().toString(), "summary", "  ");
        JsonPath refused = amend(id, v + 2, blank);
        assertEquals("summary", refused.getString("errors[0].extensions.field"));
        assertEquals(1, Partners.auditEvents("Amendment", first.getString("data.amendAgreement.amendments[0].id"), "CREATE"));
    }

    @Test
    void anAmendmentCanChangeCoverageButNotCutTheBudgetBelowTheTranches() {
        Map<String, Object> g = draft();
        String id = (String) g.get("id");
        GraphQL.ok(Tokens.admin(), "mutation($id: ID!) { addTranche(agreementId: $id, version: 0, input: {amount: 600000, "
                + "dueOn: \"2025-01-01\"}) { id } }", Map.of("id", id));
        int v = Partners.walk(id, 1, "SIGNED");
        String second = Partners.createCenter(association, "MAR");
        Map<String, Object> change = new HashMap<>(Map.of("signedOn", ServiceDate.today().toString(), "summary", "Cut",
                "budget", new BigDecimal("599999.99")));
        JsonPath cut = amend(id, v, change);
        assertEquals("budget", cut.getString("errors[0].extensions.field"), cut::prettify);
        change.remove("budget");
        change.put("centerIds", List.of(center, second));
        JsonPath covered = amend(id, v, change);
        assertEquals(2, covered.getList("data.amendAgreement.centers").size(), covered::prettify);
        change.put("centerIds", List.of(Partners.createCenter(Partners.createAssociation("MAR"), "MAR")));
        assertEquals("centerIds", amend(id, v + 1, change).getString("errors[0].extensions.field"));
    }

    // ------------------------------------------------------------ tranches

    private static JsonPath addTranche(String id, int version, Object amount, String dueOn) {
        return GraphQL.post(Tokens.admin(), "mutation($id: ID!, $v: Int!, $in: TrancheInput!) { addTranche(agreementId: $id, "
                + "version: $v, input: $in) { " + AGREEMENT_FIELDS + " } }",
                Map.of("id", id, "v", version, "in", Map.of("amount", amount, "dueOn", dueOn, "condition", "Activity report")));
    }

    private static JsonPath pay(String trancheId, String paidOn) {
        return GraphQL.post(Tokens.admin(), "mutation($t: ID!, $on: Date!) { recordTranchePayment(trancheId: $t, paidOn: $on) "
                + "{ id status paidOn amount version } }", Map.of("t", trancheId, "on", paidOn));
    }

    @Test
    void tranchesStayWithinTheBudgetAndPaymentsAreExact() throws Exception {
        Map<String, Object> input = Partners.agreementInput("MS", association, List.of(center));
        input.put("budget", new BigDecimal("1000.30"));
        JsonPath created = Partners.createAgreement(Tokens.admin(), input);
        String id = created.getString("data.createAgreement.id");

        JsonPath t1 = addTranche(id, 0, new BigDecimal("0.10"), "2025-01-15");
        assertNull(t1.get("errors"), t1::prettify);
        JsonPath t2 = addTranche(id, 1, new BigDecimal("0.20"), "2025-06-15");
        assertEquals(List.of(1, 2), t2.getList("data.addTranche.tranches.seq"));
        JsonPath tooMuch = addTranche(id, 2, new BigDecimal("1000.01"), "2025-09-15");
        assertEquals("VALIDATION", GraphQL.errorCode(tooMuch));
        assertEquals("amount", tooMuch.getString("errors[0].extensions.field"));
        assertTrue(tooMuch.getString("errors[0].message").contains("1000.00 MAD remain"), tooMuch.getString("errors[0].message"));
        JsonPath exact = addTranche(id, 2, new BigDecimal("1000.00"), "2025-09-15");
        assertNull(exact.get("errors"), exact::prettify);
        assertEquals("VALIDATION", GraphQL.errorCode(addTranche(id, 3, new BigDecimal("0.001"), "2025-09-15")));
        assertEquals("VALIDATION", GraphQL.errorCode(addTranche(id, 3, 0, "2025-09-15")));

        String first = t2.getString("data.addTranche.tranches[0].id");
        String second = t2.getString("data.addTranche.tranches[1].id");
        JsonPath draftPayment = pay(first, ServiceDate.today().toString());
        assertEquals("VALIDATION", GraphQL.errorCode(draftPayment));

        Partners.walk(id, 3, "SIGNED", "ACTIVE");
        assertEquals("paidOn", pay(first, ServiceDate.today().plusDays(1).toString()).getString("errors[0].extensions.field"));
        JsonPath paid = pay(first, ServiceDate.today().toString());
        assertEquals("PAID", paid.getString("data.recordTranchePayment.status"), paid::prettify);
        assertEquals(1, paid.getInt("data.recordTranchePayment.version"));
        assertEquals("[]", allowed(pay(first, ServiceDate.today().toString())));
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(pay(first, ServiceDate.today().toString())));
        pay(second, ServiceDate.today().toString());

        // post, not ok: ok() parses the body before the decimal configuration could apply.
        JsonPath read = GraphQL.post(Tokens.admin(), "query($id: ID!) { agreement(id: $id) { progress { disbursed } } }",
                Map.of("id", id)).using(DECIMALS);
        assertEquals(0, new BigDecimal("0.30").compareTo(read.get("data.agreement.progress.disbursed")), read::prettify);

        String third = exact.getString("data.addTranche.tranches[2].id");
        JsonPath stale = GraphQL.post(Tokens.admin(), "mutation($t: ID!) { withholdTranche(trancheId: $t, version: 7, reason: \"x\") "
                + "{ status } }", Map.of("t", third));
        assertEquals("CONFLICT", GraphQL.errorCode(stale));
        JsonPath withheld = GraphQL.ok(Tokens.admin(), "mutation($t: ID!) { withholdTranche(trancheId: $t, version: 0, "
                + "reason: \"Report missing\") { status } }", Map.of("t", third));
        assertEquals("WITHHELD", withheld.getString("data.withholdTranche.status"));
        assertEquals(1, Partners.auditEvents("Tranche", first, "TRANSITION"));
        assertEquals("NOT_FOUND", GraphQL.errorCode(pay("00000000-0000-0000-0000-000000000000", ServiceDate.today().toString())));
    }

    @Test
    void amountsAreExactDecimals() {
        Map<String, Object> input = Partners.agreementInput("MS", association, List.of(center));
        input.put("budget", new BigDecimal("999999999999.99"));
        JsonPath r = Partners.createAgreement(Tokens.admin(), input).using(DECIMALS);
        assertEquals(new BigDecimal("999999999999.99"), r.get("data.createAgreement.budget"), r::prettify);
        input.put("reference", Partners.unique("AGR"));
        input.put("budget", new BigDecimal("1000000000000.00"));
        assertEquals("budget", Partners.createAgreement(Tokens.admin(), input).getString("errors[0].extensions.field"));
    }

    @Test
    void progressIsComputedFromEnrollmentsOutcomesAndPaidTranches() throws Exception {
        Map<String, Object> g = draft();
        String id = (String) g.get("id");
        Partners.enroll(center, id, "ACTIVE");
        Partners.enroll(center, id, "ACTIVE");
        Partners.enroll(center, id, "ENROLLED");
        var integrated = Partners.enroll(center, id, "COMPLETED");
        Partners.outcome(integrated, 0, "NOT_INTEGRATED");
        Partners.outcome(integrated, 6, "EMPLOYMENT");
        var relapsed = Partners.enroll(center, id, "COMPLETED");
        Partners.outcome(relapsed, 0, "FORMAL_SCHOOL");
        Partners.outcome(relapsed, 3, "UNKNOWN");
        var dropped = Partners.enroll(center, id, "DROPPED_OUT");
        Partners.outcome(dropped, 0, "VOCATIONAL_TRAINING");
        Partners.enroll(center, null, "DROPPED_OUT");
        Partners.enroll(center, id, "TRANSFERRED");

        JsonPath r = GraphQL.ok(Tokens.admin(), "query($id: ID!) { agreement(id: $id) { progress { enrolled active completed "
                + "droppedOut integrated integrationRate beneficiaryTargetReached disbursed } } center(id: \"" + center + "\") "
                + "{ occupancy } }", Map.of("id", id));
        assertEquals(6, r.getInt("data.agreement.progress.enrolled"));
        assertEquals(3, r.getInt("data.agreement.progress.active"));
        assertEquals(2, r.getInt("data.agreement.progress.completed"));
        assertEquals(1, r.getInt("data.agreement.progress.droppedOut"));
        assertEquals(2, r.getInt("data.agreement.progress.integrated"));
        assertEquals(2.0 / 3, r.getDouble("data.agreement.progress.integrationRate"), 1e-6);
        assertEquals(0.06, r.getDouble("data.agreement.progress.beneficiaryTargetReached"), 1e-6);
        assertEquals(3, r.getInt("data.center.occupancy"));
    }

    @Test
    void withoutTargetTheTargetShareIsNull() {
        Map<String, Object> input = Partners.agreementInput("MS", association, List.of(center));
        input.put("targetBeneficiaries", 0);
        JsonPath r = Partners.createAgreement(Tokens.admin(), input);
        assertNull(r.get("data.createAgreement.progress.beneficiaryTargetReached"), r::prettify);
    }

    @Test
    void unknownIdsAreNotFound() {
        JsonPath r = GraphQL.post(Tokens.admin(), "{ agreement(id: \"00000000-0000-0000-0000-000000000000\") { id } }");
        assertEquals("NOT_FOUND", GraphQL.errorCode(r));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.admin(), "{ agreement(id: \"nope\") { id } }")));
        assertEquals("NOT_FOUND", GraphQL.errorCode(Partners.transition(Tokens.admin(), "00000000-0000-0000-0000-000000000000", 0,
                "SIGNED", null)));
        assertNotNull(r.getString("errors[0].message"));
    }
}
