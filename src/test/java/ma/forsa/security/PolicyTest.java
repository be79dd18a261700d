package ma.forsa.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import ma.forsa.common.ApiException;
import ma.forsa.common.ErrorCode;

/**
 * The one policy table, checked cell by cell: every role (and, for association staff, every standing of the
 * association) against every action. The expected table is written out here, independently of {@link Policy}: a
 * change to the policy must change this table too. Plain JUnit.
 */
@Tag("unit")
class PolicyTest {

    /** Columns: ADMIN, MINISTRY, ACADEMY_OFFICER, then ASSOCIATION_STAFF whose association is ACTIVE, SUSPENDED, DISSOLVED, UNKNOWN. */
    private static final String TABLE = """
            READ_REFERENCE               x x x  x x x x
            READ_PARTNERS                x x x  x x x x
            MANAGE_ASSOCIATIONS          x . x  . . . .
            MANAGE_CENTERS               x . x  . . . .
            MANAGE_AGREEMENTS            x . x  . . . .
            MANAGE_FRAMEWORK_AGREEMENTS  x x x  . . . .
            READ_LEARNERS                x x x  x x . .
            READ_LEARNER_RECORDS         x . x  x x . .
            READ_LEARNER_IDENTITY        x . x  x x . .
            READ_SENSITIVE               x . .  x x . .
            WRITE_LEARNERS               x . x  x . . .
            WRITE_ENROLLMENTS            x . x  x . . .
            WRITE_OUTCOMES               x . x  x . . .
            IMPORT_LEARNERS              x . x  x . . .
            READ_IMPORTS                 x . x  x x x x
            READ_STATISTICS              x x x  x x x x
            READ_PARTNER_AUDIT           x x .  . . . .
            READ_LEARNER_AUDIT           x . .  . . . .
            RUN_RETENTION                x . .  . . . .
            EXPORT_SUBJECT_ACCESS        x . .  . . . .
            READ_CASEWORK                x . x  x x . .
            WRITE_REFERRALS              x . x  x . . .
            WRITE_CONSENTS               x . x  x . . .
            REQUEST_LEARNER_ACCESS       . . x  . . . .
            READ_ACCESS_GRANTS           x . .  . . . .
            ISSUE_DEV_TOKEN              x x x  x x x x
            """;

    record Caller(Role role, Standing standing) {
        AccessScope scope(Locale locale) {
            return new AccessScope("test", role, Set.of(role), role == Role.ACADEMY_OFFICER ? "RSK" : null,
                    role == Role.ASSOCIATION_STAFF ? UUID.randomUUID() : null, standing, "req-1", locale);
        }
    }

    private static final List<Caller> COLUMNS = List.of(new Caller(Role.ADMIN, Standing.ACTIVE),
            new Caller(Role.MINISTRY, Standing.ACTIVE), new Caller(Role.ACADEMY_OFFICER, Standing.ACTIVE),
            new Caller(Role.ASSOCIATION_STAFF, Standing.ACTIVE), new Caller(Role.ASSOCIATION_STAFF, Standing.SUSPENDED),
            new Caller(Role.ASSOCIATION_STAFF, Standing.DISSOLVED), new Caller(Role.ASSOCIATION_STAFF, Standing.UNKNOWN));

    private static Map<Action, String> expected() {
        Map<Action, String> rows = new LinkedHashMap<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] cells = line.strip().split("\\s+");
            rows.put(Action.valueOf(cells[0]), String.join("", List.of(cells).subList(1, cells.length)));
        }
        return rows;
    }

    @Test
    void theTableHasARowForEveryAction() {
        assertEquals(EnumSet.allOf(Action.class), EnumSet.copyOf(expected().keySet()));
    }

    @Test
    void everyRoleAndStandingGetsExactlyWhatTheTableSays() {
        List<String> wrong = new ArrayList<>();
        expected().forEach((action, cells) -> {
            for (int i = 0; i < COLUMNS.size(); i++) {
                Caller caller = COLUMNS.get(i);
                boolean allowed = cells.charAt(i) == 'x';
                if (Policy.allows(caller.scope(Locale.ENGLISH), action) != allowed) {
                    wrong.add(action + " for " + caller + ": expected " + (allowed ? "allowed" : "refused"));
                }
            }
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void theStandingOfAnAssociationMattersOnlyForItsStaff() {
        for (Role role : List.of(Role.ADMIN, Role.MINISTRY, Role.ACADEMY_OFFICER)) {
            for (Standing standing : Standing.values()) {
                for (Action action : Action.values()) {
                    assertEquals(Policy.allows(new Caller(role, Standing.ACTIVE).scope(Locale.ENGLISH), action),
                            Policy.allows(new Caller(role, standing).scope(Locale.ENGLISH), action), role + " " + standing + " " + action);
                }
            }
        }
    }

    @Test
    void aRefusalIsForbiddenAndSaysWhyInTheCallersLanguage() {
        AccessScope ministry = new Caller(Role.MINISTRY, Standing.ACTIVE).scope(Locale.ENGLISH);
        ApiException e = assertThrows(ApiException.class, () -> Policy.require(ministry, Action.RUN_RETENTION));
        assertEquals(ErrorCode.FORBIDDEN, e.code());
        assertEquals("Your role (ministry) may not run the retention rule.", e.getMessage());
        String french = Policy.refusal(new Caller(Role.MINISTRY, Standing.ACTIVE).scope(Locale.FRENCH), Action.RUN_RETENTION);
        assertTrue(french.contains("ministère"), french);

        assertTrue(Policy.refusal(new Caller(Role.ASSOCIATION_STAFF, Standing.SUSPENDED).scope(Locale.ENGLISH),
                Action.WRITE_LEARNERS).contains("SUSPENDED"));
        assertTrue(Policy.refusal(new Caller(Role.ASSOCIATION_STAFF, Standing.DISSOLVED).scope(Locale.ENGLISH),
                Action.READ_LEARNERS).contains("DISSOLVED"));
        assertTrue(Policy.refusal(new Caller(Role.ASSOCIATION_STAFF, Standing.UNKNOWN).scope(Locale.ENGLISH),
                Action.READ_LEARNERS).contains("not in the registry"));
        assertNull(Policy.refusal(ministry, Action.READ_STATISTICS));
    }

    @Test
    void onlyTheDevTokenIsPublic() {
        assertEquals(EnumSet.of(Action.ISSUE_DEV_TOKEN), EnumSet.copyOf(List.of(Action.values()).stream()
                .filter(Action::isPublic).toList()));
    }
}
