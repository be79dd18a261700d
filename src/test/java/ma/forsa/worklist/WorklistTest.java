package ma.forsa.worklist;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import ma.forsa.enrollment.SchoolYears;
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.support.GraphQL;
import ma.forsa.support.ServiceDate;
import ma.forsa.support.Tokens;

/**
 * The follow-up worklist: each list's membership at its window's edges (defaults: follow-up window 30 days, overdue
 * horizon 365, not started after 14, tranche window 30, maximum age 22), counts, paging, scope, exports, and the
 * directorate's completion view under the disclosure rule.
 */
@QuarkusTest
class WorklistTest {

    static final LocalDate TODAY = ServiceDate.today();
    static final String ITEMS = "edges { cursor node { id kind dueOn followUpMonth windowOpensOn windowClosesOn contactAllowed "
            + "enrollment { id } tranche { id } agreement { id } } } pageInfo { hasNextPage endCursor } totalCount";

    @Inject
    AgroalDataSource dataSource;
    RegistryFixtures fx;
    UUID association;
    UUID center;
    UUID agreement;
    String staff;

    @BeforeEach
    void setUp() {
        fx = new RegistryFixtures(dataSource);
        association = fx.association("MAR");
        center = fx.centerWithoutAgreement(association, "MAR", 500, "OPEN");
        agreement = fx.agreement(association, "MS", "ACTIVE", LocalDate.of(2015, 9, 1), LocalDate.of(2035, 8, 31), center);
        staff = Tokens.associationStaff(association);
    }

    private UUID learner(LocalDate birthDate) {
        return fx.insert("INSERT INTO learner (first_name, last_name, name_key, birth_date, sex, guardian_phone, "
                + "registered_by_association_id) VALUES (?, 'Worklist', 'w', ?, 'FEMALE', '0612345678', ?) RETURNING id",
                "Wl" + RegistryFixtures.letters(8), birthDate, association);
    }

    private UUID enrollment(String status, LocalDate enrolledOn, LocalDate exitedOn, LocalDate birthDate) {
        return fx.insert("INSERT INTO enrollment (learner_id, center_id, school_year, strands, status, enrolled_on, exited_on) "
                + "VALUES (?, ?, ?, ARRAY['EDUCATIONAL']::varchar(20)[], ?, ?, ?) RETURNING id", learner(birthDate), center,
                SchoolYears.of(enrolledOn), status, enrolledOn, exitedOn);
    }

    /** An ended enrollment with a follow-up month m whose due date (exit + m months) is exactly {@code due}. */
    private Followed endedWithFollowUpDue(LocalDate due) {
        for (int month : List.of(3, 6, 12)) {
            for (LocalDate exit = due.minusMonths(month).minusDays(3); !exit.isAfter(due.minusMonths(month).plusDays(3));
                    exit = exit.plusDays(1)) {
                if (exit.plusMonths(month).equals(due)) {
                    return new Followed(enrollment("COMPLETED", exit.minusMonths(9), exit, LocalDate.of(2008, 1, 1)), month);
                }
            }
        }
        throw new IllegalStateException("no exit date gives " + due);
    }

    record Followed(UUID enrollment, int month) {
    }

    private JsonPath list(String token, String field, String args) {
        return GraphQL.ok(token, "{ worklist { " + field + (args.isEmpty() ? "" : "(" + args + ")") + " { " + ITEMS + " } } }");
    }

    /** (enrollment id, follow-up month) of every item of a list, paging through it. */
    private Set<String> pairs(String token, String field) {
        Set<String> out = new HashSet<>();
        String after = null;
        do {
            JsonPath r = list(token, field, "first: 100" + (after == null ? "" : ", after: \"" + after + "\""));
            List<Map<String, Object>> nodes = r.getList("data.worklist." + field + ".edges.node");
            for (Map<String, Object> n : nodes) {
                @SuppressWarnings("unchecked")
                Map<String, Object> e = (Map<String, Object>) n.get("enrollment");
                out.add((e == null ? "" : e.get("id")) + ":" + n.get("followUpMonth"));
            }
            after = r.getBoolean("data.worklist." + field + ".pageInfo.hasNextPage")
                    ? r.getString("data.worklist." + field + ".pageInfo.endCursor") : null;
        } while (after != null);
        return out;
    }

    private static String pair(Followed f) {
        return f.enrollment() + ":" + f.month();
    }

    @Test
    void followUpsAreDueInsideTheirWindowAndOverdueAfterItWithinTheHorizon() {
        Followed lastDayAhead = endedWithFollowUpDue(TODAY.plusDays(30));
        Followed tooFarAhead = endedWithFollowUpDue(TODAY.plusDays(31));
        Followed windowClosesToday = endedWithFollowUpDue(TODAY.minusDays(30));
        Followed closedYesterday = endedWithFollowUpDue(TODAY.minusDays(31));
        Followed horizonEdge = endedWithFollowUpDue(TODAY.minusDays(30 + 365));
        Followed pastHorizon = endedWithFollowUpDue(TODAY.minusDays(30 + 366));
        Followed recorded = endedWithFollowUpDue(TODAY);
        fx.execute("INSERT INTO outcome (enrollment_id, kind, observed_on, follow_up_month) VALUES (?, 'EMPLOYMENT', ?, ?)",
                recorded.enrollment(), TODAY, recorded.month());

        Set<String> due = pairs(staff, "followUpsDue");
        Set<String> overdue = pairs(staff, "followUpsOverdue");
        assertTrue(due.contains(pair(lastDayAhead)));
        assertFalse(due.contains(pair(tooFarAhead)) || overdue.contains(pair(tooFarAhead)));
        assertTrue(due.contains(pair(windowClosesToday)));
        assertFalse(overdue.contains(pair(windowClosesToday)));
        assertTrue(overdue.contains(pair(closedYesterday)));
        assertFalse(due.contains(pair(closedYesterday)));
        assertTrue(overdue.contains(pair(horizonEdge)));
        assertFalse(overdue.contains(pair(pastHorizon)) || due.contains(pair(pastHorizon)));
        assertFalse(due.contains(pair(recorded)), "an outcome recorded for the month closes it");

        JsonPath r = list(staff, "followUpsDue", "first: 100");
        Map<String, Object> item = r.<Map<String, Object>> getList("data.worklist.followUpsDue.edges.node").stream()
                .filter(n -> pair(lastDayAhead).equals(((Map<?, ?>) n.get("enrollment")).get("id") + ":" + n.get("followUpMonth")))
                .findFirst().orElseThrow();
        assertEquals(TODAY.plusDays(30).toString(), item.get("dueOn"));
        assertEquals(TODAY.toString(), item.get("windowOpensOn"));
        assertEquals(TODAY.plusDays(60).toString(), item.get("windowClosesOn"));
        assertEquals(false, item.get("contactAllowed"), "no consent to contact after exit");
        assertEquals("FOLLOW_UP_DUE", item.get("kind"));
        List<String> dueDates = r.getList("data.worklist.followUpsDue.edges.node.dueOn");
        assertEquals(dueDates.stream().sorted().toList(), dueDates, "by due date");
    }

    @Test
    void enrollmentsNotStartedAfterFourteenDays() {
        UUID stalled = enrollment("ENROLLED", TODAY.minusDays(15), null, LocalDate.of(2010, 1, 1));
        UUID justInTime = enrollment("ENROLLED", TODAY.minusDays(14), null, LocalDate.of(2010, 1, 1));
        UUID started = enrollment("ACTIVE", TODAY.minusDays(100), null, LocalDate.of(2010, 1, 1));
        JsonPath r = list(staff, "notStarted", "first: 100");
        List<String> ids = r.getList("data.worklist.notStarted.edges.node.id");
        assertTrue(ids.contains(stalled.toString()));
        assertFalse(ids.contains(justInTime.toString()));
        assertFalse(ids.contains(started.toString()));
        assertEquals(TODAY.minusDays(1).toString(), r.getString("data.worklist.notStarted.edges.find { it.node.id == '"
                + stalled + "' }.node.dueOn"));
    }

    @Test
    void learnersPassingTheMaximumAgeBeforeTheEndOfTheirSchoolYear() {
        int first = Integer.parseInt(SchoolYears.of(TODAY).substring(0, 4));
        LocalDate yearEnd = SchoolYears.closes(first);
        LocalDate enrolledOn = SchoolYears.opens(first).plusMonths(3).isAfter(TODAY) ? SchoolYears.opens(first)
                : SchoolYears.opens(first).plusMonths(3);
        UUID passesOnLastDay = enrollment("ACTIVE", enrolledOn, null, yearEnd.minusYears(23));
        UUID passesTheDayAfter = enrollment("ACTIVE", enrolledOn, null, yearEnd.plusDays(1).minusYears(23));
        UUID left = enrollment("COMPLETED", enrolledOn, enrolledOn.plusDays(1), yearEnd.minusYears(23));
        JsonPath r = list(staff, "ageLimit", "first: 100");
        List<String> ids = r.getList("data.worklist.ageLimit.edges.node.id");
        assertTrue(ids.contains(passesOnLastDay.toString()));
        assertFalse(ids.contains(passesTheDayAfter.toString()));
        assertFalse(ids.contains(left.toString()));
        assertEquals(yearEnd.toString(), r.getString("data.worklist.ageLimit.edges.find { it.node.id == '" + passesOnLastDay
                + "' }.node.dueOn"));
    }

    private UUID tranche(int seq, LocalDate due, String condition, String status) {
        return fx.insert("INSERT INTO tranche (agreement_id, seq, amount, due_on, condition, status, paid_on) VALUES "
                + "(?, ?, 1000, ?, ?, ?, ?) RETURNING id", agreement, seq, due, condition, status,
                status.equals("PAID") ? TODAY : null);
    }

    @Test
    void tranchesWithAConditionDueWithinTheWindow() {
        UUID lastDay = tranche(1, TODAY.plusDays(30), "Rapport d'activité du semestre", "PLANNED");
        UUID tooEarly = tranche(2, TODAY.plusDays(31), "Rapport financier", "PLANNED");
        UUID noCondition = tranche(3, TODAY, null, "PLANNED");
        UUID paid = tranche(4, TODAY, "Rapport", "PAID");
        UUID late = tranche(5, TODAY.minusDays(365), "Rapport annuel", "PLANNED");
        UUID tooLate = tranche(6, TODAY.minusDays(366), "Rapport annuel", "PLANNED");
        JsonPath r = list(staff, "trancheReports", "first: 100");
        List<String> ids = r.getList("data.worklist.trancheReports.edges.node.id");
        assertEquals(List.of(late.toString(), lastDay.toString()), ids, "by due date: " + List.of(tooEarly, noCondition, paid,
                tooLate) + " left out");
        assertEquals(agreement.toString(), r.getString("data.worklist.trancheReports.edges[0].node.agreement.id"));
        assertEquals(late.toString(), r.getString("data.worklist.trancheReports.edges[0].node.tranche.id"));
        assertEquals(List.of(lastDay.toString(), late.toString()), list(staff, "trancheReports", "first: 100, order: DUE_LAST")
                .getList("data.worklist.trancheReports.edges.node.id"));
    }

    @Test
    void countsPagesAndScope() {
        List<UUID> stalled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stalled.add(enrollment("ENROLLED", TODAY.minusDays(20 + i), null, LocalDate.of(2010, 1, 1)));
        }
        JsonPath counts = GraphQL.ok(staff, "{ worklist { counts { kind count } notStarted(first: 2) { " + ITEMS + " } } }");
        assertEquals(3, counts.getInt("data.worklist.counts.find { it.kind == 'NOT_STARTED' }.count"));
        assertEquals(3, counts.getInt("data.worklist.notStarted.totalCount"));
        assertEquals(List.of(stalled.get(2).toString(), stalled.get(1).toString()),
                counts.getList("data.worklist.notStarted.edges.node.id"), "earliest due first");
        String cursor = counts.getString("data.worklist.notStarted.pageInfo.endCursor");
        JsonPath next = list(staff, "notStarted", "first: 2, after: \"" + cursor + "\"");
        assertEquals(List.of(stalled.get(0).toString()), next.getList("data.worklist.notStarted.edges.node.id"));
        assertEquals(false, next.getBoolean("data.worklist.notStarted.pageInfo.hasNextPage"));

        String other = Tokens.associationStaff(fx.association("MAR"));
        assertEquals(0, GraphQL.ok(other, "{ worklist { notStarted { totalCount } } }").getInt("data.worklist.notStarted.totalCount"));
        assertEquals(0, GraphQL.ok(Tokens.academyOfficer("CS"), "query($a: ID) { worklist(filter: {associationId: $a}) { "
                + "notStarted { totalCount } } }", Map.of("a", association.toString())).getInt("data.worklist.notStarted.totalCount"));
        assertEquals(3, GraphQL.ok(Tokens.academyOfficer("MS"), "query($a: ID) { worklist(filter: {associationId: $a}) { "
                + "notStarted { totalCount } } }", Map.of("a", association.toString())).getInt("data.worklist.notStarted.totalCount"));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.ministry(), "{ worklist { counts { count } } }")));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(staff, "{ worklist { notStarted(first: 101) { totalCount } } }")));
    }

    @Test
    void theListsExportAsInertCsvAndXlsxAuditedWithoutIdentity() {
        UUID stalled = enrollment("ENROLLED", TODAY.minusDays(20), null, LocalDate.of(2010, 1, 1));
        String firstName = (String) fx.query("SELECT l.first_name FROM learner l JOIN enrollment e ON e.learner_id = l.id "
                + "WHERE e.id = ?", stalled).get(0).get("first_name");
        tranche(1, TODAY.plusDays(5), "=HYPERLINK(\"http://evil.example\",\"ok\")", "PLANNED");
        String subject = "worklist-exporter-" + RegistryFixtures.letters(8);
        String exporter = Tokens.builder("ASSOCIATION_STAFF").subject(subject).claim("association", association.toString())
                .sign(Tokens.key());
        Response csv = given().header("Authorization", "Bearer " + exporter).queryParam("kind", "not_started")
                .get("/exports/worklist.csv");
        assertEquals(200, csv.statusCode(), csv.asString());
        assertTrue(csv.asString().contains(stalled.toString()));
        assertFalse(csv.asString().contains(firstName), "ids, never names");
        Response tranches = given().header("Authorization", "Bearer " + exporter).queryParam("kind", "TRANCHE_REPORT")
                .get("/exports/worklist.csv");
        assertTrue(tranches.asString().contains("'=HYPERLINK"), tranches.asString());
        Response xlsx = given().header("Authorization", "Bearer " + exporter).queryParam("kind", "AGE_LIMIT")
                .get("/exports/worklist.xlsx");
        assertEquals(200, xlsx.statusCode());
        assertTrue(xlsx.contentType().startsWith("application/vnd.openxmlformats"));
        var events = fx.query("SELECT changes ->> 'kind' AS kind, changes ->> 'format' AS format, changes ->> 'rows' AS n "
                + "FROM audit_event WHERE action = 'EXPORT' AND entity = 'Worklist' AND subject = ? ORDER BY id", subject);
        assertEquals(List.of("NOT_STARTED", "TRANCHE_REPORT", "AGE_LIMIT"), events.stream().map(e -> e.get("kind")).toList());
        assertEquals(List.of("1", "1", "0"), events.stream().map(e -> e.get("n")).toList());
        assertEquals(400, given().header("Authorization", "Bearer " + staff).get("/exports/worklist.csv").statusCode());
        assertEquals(403, given().header("Authorization", "Bearer " + Tokens.ministry()).queryParam("kind", "AGE_LIMIT")
                .get("/exports/worklist.csv").statusCode());
    }

    @Test
    void followUpCompletionByAcademyAndAssociationUnderTheDisclosureRule() {
        YearMonth month = YearMonth.from(TODAY).minusMonths(1);
        LocalDate closes = month.atDay(15);
        LocalDate due = closes.minusDays(30);
        // association X: 6 follow-ups closing that month, 5 recorded on time, 1 late
        for (int i = 0; i < 6; i++) {
            Followed f = endedWithFollowUpDue(due);
            fx.execute("INSERT INTO outcome (enrollment_id, kind, observed_on, follow_up_month) VALUES (?, 'EMPLOYMENT', ?, ?)",
                    f.enrollment(), i < 5 ? due : due.plusDays(31), f.month());
        }
        // association Y (same academy): 3 follow-ups, 1 on time
        UUID x = association;
        association = fx.association("MAR");
        center = fx.centerWithoutAgreement(association, "MAR", 500, "OPEN");
        for (int i = 0; i < 3; i++) {
            Followed f = endedWithFollowUpDue(due);
            if (i == 0) {
                fx.execute("INSERT INTO outcome (enrollment_id, kind, observed_on, follow_up_month) VALUES (?, 'EMPLOYMENT', ?, ?)",
                        f.enrollment(), due.minusDays(30), f.month());
            }
        }
        UUID y = association;
        String query = "query($f: FollowUpCompletionFilter) { followUpCompletion(groupBy: ASSOCIATION, filter: $f) { academyCode "
                + "associationId due recordedOnTime completionRate suppressed } }";
        Map<String, Object> filter = Map.of("f", Map.of("fromMonth", month.toString(), "toMonth", month.toString()));

        JsonPath admin = GraphQL.ok(Tokens.admin(), query, filter);
        Map<String, Object> rowX = row(admin, x);
        assertEquals(Map.of("academyCode", "MS", "associationId", x.toString(), "due", 6, "recordedOnTime", 5,
                "completionRate", 5.0f / 6, "suppressed", false), normalise(rowX));
        assertEquals(3, row(admin, y).get("due"));
        assertEquals(1, row(admin, y).get("recordedOnTime"));

        JsonPath ministry = GraphQL.ok(Tokens.ministry(), query, filter);
        // X: 6 due, 5 on time would single out its late one; the academy's total less X's 6 would give Y's 3
        assertNull(row(ministry, x).get("recordedOnTime"));
        assertEquals(true, row(ministry, x).get("suppressed"));
        Map<String, Object> hidden = row(ministry, y);
        assertNull(hidden.get("due"));
        assertNull(hidden.get("recordedOnTime"));
        assertNull(hidden.get("completionRate"));
        assertEquals(true, hidden.get("suppressed"));

        JsonPath staffX = GraphQL.ok(Tokens.associationStaff(x), query, filter);
        assertEquals(1, staffX.getList("data.followUpCompletion").size(), "an association sees its own row");
        JsonPath academies = GraphQL.ok(Tokens.academyOfficer("MS"), "query($f: FollowUpCompletionFilter) { followUpCompletion("
                + "filter: $f) { academyCode associationId due recordedOnTime } }", filter);
        assertEquals(List.of("MS"), academies.getList("data.followUpCompletion.academyCode"));
        assertTrue(academies.getInt("data.followUpCompletion[0].due") >= 9);
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(Tokens.admin(), query,
                Map.of("f", Map.of("fromMonth", "2020-01", "toMonth", "2026-13")))));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(Tokens.admin(), query,
                Map.of("f", Map.of("fromMonth", "2020-01", "toMonth", "2026-01")))), "at most 36 months");
    }

    /** {@code n} follow-ups of the test's centre whose window closes on day 15 of {@code closing}, {@code onTime} recorded on time. */
    private void followUpsClosingIn(YearMonth closing, int n, int onTime) {
        LocalDate due = closing.atDay(15).minusDays(30);
        for (int i = 0; i < n; i++) {
            Followed f = endedWithFollowUpDue(due);
            if (i < onTime) {
                fx.execute("INSERT INTO outcome (enrollment_id, kind, observed_on, follow_up_month) VALUES (?, 'EMPLOYMENT', ?, ?)",
                        f.enrollment(), due, f.month());
            }
        }
    }

    /** A figure MINISTRY was shown: its records are those of (who, months a..b, measure) with who = an association or academy. */
    record Shown(String who, YearMonth from, YearMonth to, boolean onTimeOnly, int value) {
        boolean within(Shown o, String academyOf) {
            boolean whoWithin = who.equals(o.who) || academyOf.equals(o.who) && !who.equals(academyOf);
            return whoWithin && !from.isBefore(o.from) && !to.isAfter(o.to) && (onTimeOnly || !o.onTimeOnly);
        }
    }

    /** Every figure MINISTRY is shown for the association and its academy (MS), by both groupings, over the period. */
    private List<Shown> ministryShows(UUID x, YearMonth from, YearMonth to) {
        List<Shown> out = new ArrayList<>();
        Map<String, Object> filter = Map.of("f", Map.of("fromMonth", from.toString(), "toMonth", to.toString()));
        for (String group : List.of("ACADEMY", "ASSOCIATION")) {
            JsonPath r = GraphQL.ok(Tokens.ministry(), "query($f: FollowUpCompletionFilter) { followUpCompletion(groupBy: "
                    + group + ", filter: $f) { academyCode associationId due recordedOnTime completionRate suppressed } }", filter);
            for (Map<String, Object> row : r.<Map<String, Object>> getList("data.followUpCompletion")) {
                String who = group.equals("ACADEMY") ? (String) row.get("academyCode") : (String) row.get("associationId");
                if (!who.equals("MS") && !who.equals(x.toString())) {
                    continue;
                }
                Integer due = (Integer) row.get("due");
                Integer onTime = (Integer) row.get("recordedOnTime");
                if (due != null) {
                    out.add(new Shown(who, from, to, false, due));
                }
                if (onTime != null) {
                    out.add(new Shown(who, from, to, true, onTime));
                }
                assertEquals(due == null || onTime == null, row.get("suppressed"), row.toString());
                assertEquals(onTime == null || due == null || due == 0, row.get("completionRate") == null, row.toString());
            }
        }
        return out;
    }

    /** No shown figure, minus another shown figure whose follow-ups it contains, leaves 1 to 4 follow-ups. */
    private static void assertNoPairSinglesAnyoneOut(List<Shown> figures, UUID x) {
        for (Shown small : figures) {
            for (Shown large : figures) {
                int d = large.value() - small.value();
                if (small != large && small.within(large, "MS") && d > 0 && d < 5) {
                    throw new AssertionError(large + " minus " + small + " singles out " + d + " follow-up(s) of " + x);
                }
            }
        }
    }

    @Test
    void ministryIsNotShownBothFiguresOfARowWithOneLateFollowUp() {
        YearMonth month = YearMonth.from(TODAY).minusMonths(2);
        followUpsClosingIn(month, 7, 6);
        UUID x = association;
        String query = "query($f: FollowUpCompletionFilter) { followUpCompletion(groupBy: ASSOCIATION, filter: $f) { academyCode "
                + "associationId due recordedOnTime completionRate suppressed } }";
        Map<String, Object> filter = Map.of("f", Map.of("fromMonth", month.toString(), "toMonth", month.toString()));
        for (String exact : List.of(Tokens.admin(), Tokens.academyOfficer("MS"), Tokens.associationStaff(x))) {
            assertEquals(Map.of("academyCode", "MS", "associationId", x.toString(), "due", 7, "recordedOnTime", 6,
                    "completionRate", 6.0f / 7, "suppressed", false), normalise(row(GraphQL.ok(exact, query, filter), x)),
                    "exact figures of their scope");
        }
        Map<String, Object> ministry = row(GraphQL.ok(Tokens.ministry(), query, filter), x);
        assertNull(ministry.get("recordedOnTime"), "7 due and 6 on time would single out the late one: " + ministry);
        assertNull(ministry.get("completionRate"));
        assertEquals(true, ministry.get("suppressed"));
        assertNoPairSinglesAnyoneOut(ministryShows(x, month, month), x);
    }

    @Test
    void periodsAMonthApartSingleOutNoFollowUp() {
        YearMonth first = YearMonth.from(TODAY).minusMonths(5);
        followUpsClosingIn(first, 6, 6);
        followUpsClosingIn(first.plusMonths(1), 1, 1);
        UUID x = association;
        List<Shown> shown = new ArrayList<>(ministryShows(x, first, first));
        shown.addAll(ministryShows(x, first, first.plusMonths(1)));
        assertNoPairSinglesAnyoneOut(shown, x);
        // the officer still sees both periods exactly
        String query = "query($f: FollowUpCompletionFilter) { followUpCompletion(groupBy: ASSOCIATION, filter: $f) { "
                + "associationId due recordedOnTime } }";
        assertEquals(6, row(GraphQL.ok(Tokens.academyOfficer("MS"), query, Map.of("f", Map.of("fromMonth", first.toString(),
                "toMonth", first.toString()))), x).get("due"));
        assertEquals(7, row(GraphQL.ok(Tokens.academyOfficer("MS"), query, Map.of("f", Map.of("fromMonth", first.toString(),
                "toMonth", first.plusMonths(1).toString()))), x).get("due"));
    }

    private static Map<String, Object> row(JsonPath r, UUID association) {
        return r.<Map<String, Object>> getList("data.followUpCompletion").stream()
                .filter(m -> association.toString().equals(m.get("associationId"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> normalise(Map<String, Object> row) {
        Map<String, Object> out = new java.util.HashMap<>(row);
        out.put("completionRate", ((Number) row.get("completionRate")).floatValue());
        return out;
    }
}
