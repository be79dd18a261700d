package ma.forsa.enrollment;

import static ma.forsa.learner.RegistryFixtures.ENROLL;
import static ma.forsa.learner.RegistryFixtures.enrollInput;
import static ma.forsa.learner.RegistryFixtures.learnerInput;
import static ma.forsa.learner.RegistryFixtures.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

/** The eligible age range comes from configuration (here 16 to 18 instead of 13 to 22). */
@QuarkusTest
@TestProfile(EligibilityConfigTest.NarrowRange.class)
class EligibilityConfigTest {

    public static class NarrowRange implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("forsa.eligibility.min-age", "16", "forsa.eligibility.max-age", "18");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theConfiguredRangeApplies() {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        UUID association = fx.association("MAR");
        UUID center = fx.center(association, "MAR", 30);
        String staff = Tokens.associationStaff(association);
        assertEquals("VALIDATION", code(staff, "2010-05-01", center)); // 15 on 2025-09-15: fine by default, not here
        assertEquals(null, code(staff, "2009-09-15", center)); // 16
        assertEquals(null, code(staff, "2006-09-16", center)); // 18
        assertEquals("VALIDATION", code(staff, "2006-09-15", center)); // 19
    }

    private static String code(String staff, String birthDate, UUID center) {
        Map<String, Object> in = learnerInput();
        in.put("birthDate", birthDate);
        return GraphQL.errorCode(GraphQL.post(staff, ENROLL, Map.of("in", enrollInput(register(staff, in), center))));
    }
}
