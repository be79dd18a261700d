package ma.forsa.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ma.forsa.common.ApiException;
import ma.forsa.common.ErrorCode;

/** /dev/token answers every bad parameter with a VALIDATION error (400) naming the parameter and what to send. */
@Tag("unit")
class DevTokensTest {

    private static final List<String> ACADEMIES = List.of("MS", "RSK", "SM");

    private static Map<String, List<String>> query(String... pairs) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return q;
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of(query("academy", "MS"), "role", "role is missing"),
                Arguments.of(query("role", ""), "role", "role is missing"),
                Arguments.of(query("role", "FOO"), "role", "Unknown role 'FOO'"),
                Arguments.of(query("role", "admin"), "role", "Unknown role"),
                Arguments.of(query("role", "ACADEMY_OFFICER"), "academy", "needs academy=<academy code>, one of MS, RSK, SM"),
                Arguments.of(query("role", "ACADEMY_OFFICER", "academy", "XX"), "academy", "Unknown academy 'XX'"),
                Arguments.of(query("role", "ASSOCIATION_STAFF"), "association", "needs association=<association id>"),
                Arguments.of(query("role", "ASSOCIATION_STAFF", "association", "not-a-uuid"), "association",
                        "must be an association id"),
                Arguments.of(query("role", "ADMIN", "academy", "MS"), "academy", "ACADEMY_OFFICER tokens only"),
                Arguments.of(query("role", "MINISTRY", "association", UUID.randomUUID().toString()), "association",
                        "ASSOCIATION_STAFF tokens only"),
                Arguments.of(query("role", "ADMIN", "ttlMinutes", "abc"), "ttlMinutes", "from 1 to 1440"),
                Arguments.of(query("role", "ADMIN", "ttlMinutes", "0"), "ttlMinutes", "from 1 to 1440"),
                Arguments.of(query("role", "ADMIN", "ttlMinutes", "100000"), "ttlMinutes", "from 1 to 1440"),
                Arguments.of(query("role", "ADMIN", "subject", "a b"), "subject", "1 to 64 letters"),
                Arguments.of(query("role", "ADMIN", "subject", "x".repeat(65)), "subject", "1 to 64 letters"),
                Arguments.of(query("rol", "ADMIN"), "rol", "Unknown parameter 'rol'"),
                Arguments.of(query("role", "ADMIN", "role", "MINISTRY"), "role", "Give role once"));
    }

    @ParameterizedTest
    @MethodSource("badQueries")
    void everyBadParameterIsAValidationErrorThatSaysWhatToSend(Map<String, List<String>> query, String field, String says) {
        ApiException e = assertThrows(ApiException.class, () -> DevTokens.parse(query, ACADEMIES));
        assertEquals(ErrorCode.VALIDATION, e.code());
        assertEquals(field, e.details().get("field"));
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    @Test
    void goodQueriesMakeTheirToken() {
        DevTokens.Request admin = DevTokens.parse(query("role", "ADMIN"), ACADEMIES);
        assertEquals(Role.ADMIN, admin.role());
        assertEquals("dev-user", admin.subject());
        assertEquals(480, admin.ttlMinutes());
        assertNull(admin.academy());

        DevTokens.Request officer = DevTokens.parse(query("role", "ACADEMY_OFFICER", "academy", "rsk", "subject", "officer.1",
                "ttlMinutes", "60"), ACADEMIES);
        assertEquals("RSK", officer.academy());
        assertEquals("officer.1", officer.subject());
        assertEquals(60, officer.ttlMinutes());

        UUID id = UUID.randomUUID();
        assertEquals(id, DevTokens.parse(query("role", "ASSOCIATION_STAFF", "association", id.toString()), ACADEMIES)
                .association());
    }

    @Test
    void noParameterOrListAsksForTheListing() {
        assertTrue(DevTokens.wantsList(Map.of()));
        assertTrue(DevTokens.wantsList(query("list", "")));
        assertFalse(DevTokens.wantsList(query("role", "ADMIN")));
    }

    @Test
    void theListingShowsEveryRoleAcademyAndAssociationWithACommand() {
        UUID id = UUID.randomUUID();
        String text = DevTokens.list("http://localhost:8080",
                List.of(new DevTokens.AcademyLine("RSK", "Rabat-Salé-Kénitra", 1), new DevTokens.AcademyLine("MS", "Marrakech-Safi", 0)),
                List.of(new DevTokens.AssociationLine(id, "ASSO-RAB-00000", "Association Forsa", "ACTIVE", "RSK")), 3);
        for (String role : List.of("ADMIN", "MINISTRY", "ACADEMY_OFFICER", "ASSOCIATION_STAFF")) {
            assertTrue(text.contains("?role=" + role), role);
        }
        assertTrue(text.contains("role=ACADEMY_OFFICER&academy=RSK'   # Rabat-Salé-Kénitra (1 association with centres)"), text);
        assertTrue(text.contains("role=ASSOCIATION_STAFF&association=" + id + "'   # ASSO-RAB-00000 Association Forsa (ACTIVE, RSK)"),
                text);
        assertTrue(text.contains("and 3 more"), text);
    }

    @Test
    void anUnknownAssociationIsAValidationError() {
        ApiException e = DevTokens.unknownAssociation(UUID.randomUUID());
        assertEquals(ErrorCode.VALIDATION, e.code());
        assertEquals("association", e.details().get("field"));
    }
}
