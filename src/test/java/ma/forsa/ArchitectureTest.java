package ma.forsa;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import io.quarkus.hibernate.reactive.panache.Panache;
import ma.forsa.security.Requires;

/**
 * The structure of docs/adr and docs/architecture.md, checked on the compiled main classes (plain ArchUnit, no
 * Quarkus): features do not reach into each other's internals, top-level packages form no cycle, the database is
 * reached through common/db only, settings are @ConfigMapping groups, time comes from the one Clock, and every
 * GraphQL root operation and REST endpoint names its action.
 * <p>
 * Known exceptions are listed in {@link #ALLOWED}, each with the branch that removes it. An entry that no longer
 * breaks its rule fails the test too: remove it then.
 */
@Tag("unit")
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ma.forsa");

    /** Plumbing packages every feature may use; the rest of ma.forsa.* are features. */
    private static final Set<String> PLUMBING = Set.of("common", "security");
    private static final List<String> INTERNAL_SUFFIXES = List.of("Api", "Service", "Repository", "Entity");

    /**
     * rule -> classes allowed to break it for now, with the branch that removes them. Keep it short and explicit.
     */
    private static final Map<String, Map<String, String>> ALLOWED = Map.of(
            "feature-internals", Map.of(
                    "ma.forsa.referral.ReferralService", "deliberate: accepting a referral IS enrollment's transfer"
                            + " (EnrollmentService.moveOpenEnrollment), so its rules, locks and audit stay in one place"));


    // ---------------------------------------------------------------- features and packages

    @Test
    void aFeatureUsesNoOtherFeaturesApiServiceRepositoryOrEntity() {
        check("feature-internals", classes().that().resideInAPackage("ma.forsa..").should(notReachIntoOtherFeatures()));
    }

    @Test
    void topLevelPackagesFormNoCycle() {
        check("cycles", slices().matching("ma.forsa.(*)..").should().beFreeOfCycles());
    }

    // ---------------------------------------------------------------- the one data path (docs/adr/0001-one-data-path.md)

    @Test
    void onlyCommonDbTouchesThePoolOrTheSession() {
        check("pool", noClasses().that().resideOutsideOfPackage("ma.forsa.common.db..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.vertx.mutiny.sqlclient.Pool")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.vertx.sqlclient.Pool")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.vertx.pgclient.PgPool")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.vertx.mutiny.pgclient.PgPool")
                .orShould().callMethod(Panache.class, "getSession"));
    }

    @Test
    void jdbcIsForFlywayOnly() {
        // Flyway's connections (MigrationConnections) are the one JDBC path; DbRow only converts the java.sql values of
        // Hibernate's native query tuples. Everything else, the bulk import included, goes through the reactive client.
        check("jdbc", noClasses().that().doNotHaveFullyQualifiedName("ma.forsa.common.db.MigrationConnections")
                .and().doNotHaveFullyQualifiedName("ma.forsa.common.db.DbRow")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.agroal..", "org.postgresql.."));
    }

    @Test
    void jsonProcessingUsesTheOneProvider() {
        // jakarta.json.Json looks its provider up on every call (a class-path scan): ma.forsa.common.Json keeps one
        check("json-provider", noClasses().should().dependOnClassesThat().haveFullyQualifiedName("jakarta.json.Json"));
    }

    // ---------------------------------------------------------------- settings and time

    @Test
    void settingsAreConfigMappingsNeverConfigProperty() {
        check("config-property", noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName("org.eclipse.microprofile.config.inject.ConfigProperty"));
    }

    @Test
    void timeComesFromTheOneClock() {
        check("clock", noClasses().that().doNotHaveFullyQualifiedName("ma.forsa.common.Clocks")
                .should().callMethod(LocalDate.class, "now")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(LocalTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "system", java.time.ZoneId.class));
    }

    @Test
    void testsTakeTodayFromTheServicesZone() {
        // LocalDate.now() is the machine's calendar (UTC on CI), the service's is Africa/Casablanca: for an hour every
        // night they name different days, and a fixture or expectation built on the first fails (support/ServiceDate).
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("ma.forsa");
        noClasses().that().doNotHaveFullyQualifiedName("ma.forsa.support.ServiceDate")
                .should().callMethod(LocalDate.class, "now")
                .because("today is the service's (ServiceDate.today()), not the test machine's").check(tests);
    }

    // ---------------------------------------------------------------- one access policy (docs/adr/0004-one-access-policy.md)

    @Test
    void everyRootOperationAndEndpointNamesItsAction() {
        check("requires", methods().that().areAnnotatedWith(Query.class).or().areAnnotatedWith(Mutation.class)
                .or().areAnnotatedWith(io.smallrye.graphql.api.Subscription.class)
                .or().areAnnotatedWith(jakarta.ws.rs.GET.class).or().areAnnotatedWith(jakarta.ws.rs.POST.class)
                .or().areAnnotatedWith(jakarta.ws.rs.PUT.class).or().areAnnotatedWith(jakarta.ws.rs.DELETE.class)
                .or().areAnnotatedWith(jakarta.ws.rs.PATCH.class)
                .should(new ArchCondition<JavaMethod>("carry @Requires (on the method or its class)") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean ok = method.isAnnotatedWith(Requires.class) || method.getOwner().isAnnotatedWith(Requires.class);
                        events.add(new SimpleConditionEvent(method, ok, method.getFullName() + " has no @Requires"));
                    }
                }));
    }

    @Test
    void theRulesSeeTheWholeApplication() {
        // a rule over an empty or partial import would pass whatever the code: make sure the import found the features
        for (String feature : List.of("agreement", "association", "center", "learner", "enrollment", "outcome", "stats",
                "importer", "privacy", "audit", "reference", "security", "common")) {
            assertTrue(MAIN.stream().anyMatch(c -> c.getPackageName().equals("ma.forsa." + feature)), feature);
        }
        assertTrue(MAIN.stream().anyMatch(c -> c.isAnnotatedWith(org.eclipse.microprofile.graphql.GraphQLApi.class)));
    }

    // ---------------------------------------------------------------- helpers

    private static ArchCondition<JavaClass> notReachIntoOtherFeatures() {
        return new ArchCondition<>("use no other feature's *Api, *Service, *Repository or *Entity") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = topLevel(origin);
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    String other = topLevel(target);
                    if (other == null || other.equals(own) || PLUMBING.contains(other)) {
                        continue;
                    }
                    String name = outermost(target).getSimpleName();
                    if (INTERNAL_SUFFIXES.stream().anyMatch(name::endsWith)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    /** The top-level package under ma.forsa ("learner" for ma.forsa.learner.x.Y), or null outside ma.forsa. */
    static String topLevel(JavaClass c) {
        String p = c.getPackageName();
        if (!p.startsWith("ma.forsa.")) {
            return null;
        }
        String rest = p.substring("ma.forsa.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass out = c;
        while (out.getEnclosingClass().isPresent()) {
            out = out.getEnclosingClass().get();
        }
        return out;
    }

    /**
     * Checks {@code rule} on every class but the allowed ones, then checks that each allowed class still breaks it
     * (a stale entry must be removed from {@link #ALLOWED}).
     */
    private static void check(String name, ArchRule rule) {
        Map<String, String> allowed = ALLOWED.getOrDefault(name, Map.of());
        JavaClasses checked = MAIN.that(DescribedPredicate.describe("not allowed to break '" + name + "'",
                (JavaClass c) -> !allowed.containsKey(outermost(c).getName())));
        rule.check(checked);
        for (Map.Entry<String, String> entry : allowed.entrySet()) {
            JavaClasses one = MAIN.that(DescribedPredicate.describe(entry.getKey(),
                    (JavaClass c) -> outermost(c).getName().equals(entry.getKey())));
            EvaluationResult result = rule.evaluate(one);
            assertTrue(result.hasViolation(), entry.getKey() + " no longer breaks rule '" + name + "' (" + entry.getValue()
                    + "): remove it from ArchitectureTest.ALLOWED");
        }
    }
}
