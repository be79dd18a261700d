package ma.forsa.learner;

import static ma.forsa.learner.RegistryFixtures.enroll;
import static ma.forsa.learner.RegistryFixtures.learnerInput;
import static ma.forsa.learner.RegistryFixtures.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import ma.forsa.common.db.Db;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Disclosure;
import ma.forsa.security.Role;
import ma.forsa.security.Tally;
import ma.forsa.support.DirectSql;
import ma.forsa.support.GraphQL;
import ma.forsa.support.SqlFixtures;
import ma.forsa.support.Tokens;

/**
 * The counts of a list of learners filtered by centre, academy and sex, and MINISTRY's disclosure tally of it, are read
 * from the centres' enrollments (each carrying its learner's name order and sex, V188/V190) rather than through every
 * learner: for every kind of caller and every combination of those filters they equal what the learners themselves
 * give (LearnerRepository#filtered, the general list's own conditions), through a sex corrected by the API and an
 * anonymisation.
 */
@QuarkusTest
class LearnerCountsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Db db;

    @Inject
    LearnerRepository learners;

    @Inject
    Disclosure disclosure;

    @Test
    void countsByCentreAcademyAndSexFromEnrollmentsEqualTheLearnersOwn() {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        UUID marrakech = fx.association("MAR");
        UUID casablanca = fx.association("CAS");
        UUID ms1 = fx.center(marrakech, "MAR", 30);
        UUID ms2 = fx.center(marrakech, "MAR", 30);
        UUID cs1 = fx.center(casablanca, "CAS", 30);
        String staff = Tokens.associationStaff(marrakech);

        learner("FEMALE", ms1);
        learner("MALE", ms1);
        learner("FEMALE", ms1, ms2); // twice in one academy: counted once
        learner("MALE", ms2, cs1); // in both academies
        learner("FEMALE", cs1);
        SqlFixtures.learner("Registered", "FEMALE", "MAR", LocalDate.of(2011, 3, 4), LocalDate.of(2025, 1, 1));
        UUID anonymised = learner("FEMALE", ms1, cs1);
        DirectSql.update("UPDATE learner SET first_name = NULL, last_name = NULL, name_key = NULL, search_key = NULL, "
                + "anonymised_at = now(), version = version + 1 WHERE id = ?", anonymised);
        // registered as a boy through the API, then corrected: the enrollment follows (R__learner_sort_key.sql)
        Map<String, Object> input = new HashMap<>(learnerInput());
        input.put("sex", "MALE");
        String corrected = register(staff, input);
        enroll(staff, corrected, ms1);
        input.put("sex", "FEMALE");
        GraphQL.ok(staff, "mutation($id: ID!, $in: LearnerInput!) { updateLearner(id: $id, version: 0, input: $in) { id } }",
                Map.of("id", corrected, "in", input));
        assertEquals(0, fx.count("SELECT count(*) FROM enrollment e JOIN learner l ON l.id = e.learner_id WHERE "
                + "e.learner_sex IS DISTINCT FROM l.sex"), "every enrollment carries its learner's sex");

        AccessScope ofStaff = AccessScope.of("staff", Role.ASSOCIATION_STAFF, null, marrakech, "counts");
        LearnerFilter girlsOfMs = new LearnerFilter(null, "MS", Sex.FEMALE, null);
        assertEquals(3, count(ofStaff, girlsOfMs), "two girls of the association's centres and the corrected boy");
        assertEquals(0, count(ofStaff, new LearnerFilter(null, "CS", null, null)),
                "its boy is also enrolled in Casablanca, in a centre it does not see");

        List<AccessScope> scopes = List.of(AccessScope.of("admin", Role.ADMIN, null, null, "counts"),
                AccessScope.of("ministry", Role.MINISTRY, null, null, "counts"),
                AccessScope.of("officer", Role.ACADEMY_OFFICER, "MS", null, "counts"),
                AccessScope.of("officer", Role.ACADEMY_OFFICER, "CS", null, "counts"), ofStaff,
                AccessScope.of("staff", Role.ASSOCIATION_STAFF, null, casablanca, "counts"));
        List<LearnerFilter> filters = new ArrayList<>();
        filters.add(null);
        for (String centre : Arrays.asList(null, ms1.toString(), cs1.toString())) {
            for (String academy : Arrays.asList(null, "MS", "CS")) {
                for (Sex sex : Arrays.asList(null, Sex.FEMALE, Sex.MALE)) {
                    filters.add(new LearnerFilter(centre, academy, sex, null));
                }
            }
        }
        for (AccessScope scope : scopes) {
            for (LearnerFilter filter : filters) {
                String what = scope.role() + " " + scope.academyCode() + " " + scope.associationId() + " " + filter;
                int expected = db.count(LearnerRepository.filtered(scope, filter, "SELECT count(*) FROM learner l"))
                        .await().indefinitely();
                assertEquals(expected, count(scope, filter), what);
                Tally fast = learners.countAmongSiblingsByMembership(scope, filter, disclosure).await().indefinitely();
                Tally read = learners.countAmongSiblingsByLearner(scope, filter, disclosure).await().indefinitely();
                assertEquals(read.total(), fast.total(), what);
                assertEquals(expected, fast.total(), what);
                assertEquals(read.nested().stream().map(Tally.Nested::total).sorted().toList(),
                        fast.nested().stream().map(Tally.Nested::total).sorted().toList(), what);
            }
        }
    }

    private int count(AccessScope scope, LearnerFilter filter) {
        return learners.count(scope, filter).await().indefinitely();
    }

    /** A learner with an enrollment in each centre (the last one open). */
    private static UUID learner(String sex, UUID... centres) {
        UUID learner = SqlFixtures.learner("Counted", sex, "MAR", LocalDate.of(2011, 3, 4), LocalDate.of(2025, 1, 1));
        for (int i = 0; i < centres.length; i++) {
            boolean last = i == centres.length - 1;
            SqlFixtures.enrollment(learner, centres[i], last ? "ACTIVE" : "COMPLETED", LocalDate.of(2023 + i, 9, 15),
                    last ? null : LocalDate.of(2024 + i, 6, 30));
        }
        return learner;
    }
}
