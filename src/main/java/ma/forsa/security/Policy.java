package ma.forsa.security;

import static ma.forsa.security.Role.ACADEMY_OFFICER;
import static ma.forsa.security.Role.ADMIN;
import static ma.forsa.security.Role.ASSOCIATION_STAFF;
import static ma.forsa.security.Role.MINISTRY;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ma.forsa.common.ApiException;
import ma.forsa.common.i18n.Messages;

/**
 * The one role × action table of Forsa (domain.md "Who uses it, and what each may see"). Which records an
 * allowed action reaches is then the caller's scope ({@link ScopeSql}); what a MINISTRY number may show is the
 * disclosure rule ({@link Disclosure}).
 *
 * <pre>
 * action                        ADMIN  MINISTRY  ACADEMY_OFFICER  ASSOCIATION_STAFF
 * READ_REFERENCE, READ_PARTNERS   x       x           x                 x
 * MANAGE_ASSOCIATIONS/CENTERS     x                   x
 * MANAGE_AGREEMENTS               x                   x
 * MANAGE_FRAMEWORK_AGREEMENTS     x       x           x
 * READ_LEARNERS (counts)          x       x (disclosed)      x          x
 * READ_LEARNER_RECORDS            x                   x                 x
 * READ_LEARNER_IDENTITY           x                   x (granted)       x
 * READ_SENSITIVE                  x                                     x (following association)
 * WRITE_LEARNERS/ENROLLMENTS/OUTCOMES, IMPORT_LEARNERS
 *                                 x                   x                 x
 * READ_IMPORTS, READ_STATISTICS   x       x           x                 x
 * READ_PARTNER_AUDIT              x       x (no subjects)
 * READ_LEARNER_AUDIT, RUN_RETENTION, EXPORT_SUBJECT_ACCESS
 *                                 x
 * READ_CASEWORK, WRITE_REFERRALS, WRITE_CONSENTS
 *                                 x                   x                 x
 * REQUEST_LEARNER_ACCESS                              x
 * READ_ACCESS_GRANTS              x
 * ISSUE_DEV_TOKEN (dev mode)      anyone, without a token
 * </pre>
 * Staff of a SUSPENDED association may not run write actions; staff of a DISSOLVED (or unknown) association
 * may run no action on learner data (see {@link Action}).
 * <p>
 * Break the glass ({@link #GRANT_BOUND}): some roles run an action on one learner only under a live access grant for
 * that learner (READ_LEARNER_IDENTITY for ACADEMY_OFFICER: it sees learners pseudonymised, like MINISTRY, except those
 * it requested access to with a reason). {@link #allows(AccessScope, Action, UUID)} decides per learner from the
 * grants loaded once per request into the scope ({@link AccessScope#identityGrants}).
 */
public final class Policy {

    private static final Map<Action, Set<Role>> TABLE = new EnumMap<>(Action.class);
    /** Actions a role runs on one learner only under a live access grant for that learner. */
    private static final Map<Action, Set<Role>> GRANT_BOUND = Map.of(Action.READ_LEARNER_IDENTITY, EnumSet.of(ACADEMY_OFFICER));
    /** Actions any caller may run, without a token. */
    static final Set<Action> PUBLIC = EnumSet.of(Action.ISSUE_DEV_TOKEN);

    static {
        Set<Role> everyone = EnumSet.allOf(Role.class);
        allow(Action.READ_REFERENCE, everyone);
        allow(Action.READ_PARTNERS, everyone);
        allow(Action.MANAGE_ASSOCIATIONS, EnumSet.of(ADMIN, ACADEMY_OFFICER));
        allow(Action.MANAGE_CENTERS, EnumSet.of(ADMIN, ACADEMY_OFFICER));
        allow(Action.MANAGE_AGREEMENTS, EnumSet.of(ADMIN, ACADEMY_OFFICER));
        allow(Action.MANAGE_FRAMEWORK_AGREEMENTS, EnumSet.of(ADMIN, MINISTRY, ACADEMY_OFFICER));
        allow(Action.READ_LEARNERS, everyone);
        allow(Action.READ_LEARNER_RECORDS, EnumSet.of(ADMIN, ACADEMY_OFFICER, ASSOCIATION_STAFF));
        allow(Action.READ_LEARNER_IDENTITY, EnumSet.of(ADMIN, ACADEMY_OFFICER, ASSOCIATION_STAFF));
        allow(Action.READ_SENSITIVE, EnumSet.of(ADMIN, ASSOCIATION_STAFF));
        allow(Action.WRITE_LEARNERS, EnumSet.of(ADMIN, ACADEMY_OFFICER, ASSOCIATION_STAFF));
        allow(Action.WRITE_ENROLLMENTS, EnumSet.of(ADMIN, ACADEMY_OFFICER, ASSOCIATION_STAFF));
        allow(Action.WRITE_OUTCOMES, EnumSet.of(ADMIN, ACADEMY_OFFICER, ASSOCIATION_STAFF));
        allow(Action.IMPORT_LEARNERS, EnumSet.of(ADMIN, ACADEMY_OFFICER, ASSOCIATION_STAFF));
        allow(Action.READ_IMPORTS, EnumSet.of(ADMIN, ACADEMY_OFFICER, ASSOCIATION_STAFF));
        allow(Action.READ_STATISTICS, everyone);
        allow(Action.READ_PARTNER_AUDIT, EnumSet.of(ADMIN, MINISTRY));
        allow(Action.READ_LEARNER_AUDIT, EnumSet.of(ADMIN));
        allow(Action.RUN_RETENTION, EnumSet.of(ADMIN));
        allow(Action.EXPORT_SUBJECT_ACCESS, EnumSet.of(ADMIN));
        allow(Action.READ_CASEWORK, EnumSet.of(ADMIN, ACADEMY_OFFICER, ASSOCIATION_STAFF));
        allow(Action.WRITE_REFERRALS, EnumSet.of(ADMIN, ACADEMY_OFFICER, ASSOCIATION_STAFF));
        allow(Action.WRITE_CONSENTS, EnumSet.of(ADMIN, ACADEMY_OFFICER, ASSOCIATION_STAFF));
        allow(Action.REQUEST_LEARNER_ACCESS, EnumSet.of(ACADEMY_OFFICER));
        allow(Action.READ_ACCESS_GRANTS, EnumSet.of(ADMIN));
        allow(Action.ISSUE_DEV_TOKEN, everyone);
        for (Action action : Action.values()) {
            if (!TABLE.containsKey(action)) {
                throw new ExceptionInInitializerError("Policy: no row for " + action);
            }
        }
    }

    private Policy() {
    }

    private static void allow(Action action, Set<Role> roles) {
        EnumSet<Role> row = EnumSet.noneOf(Role.class);
        row.addAll(roles);
        TABLE.put(action, java.util.Collections.unmodifiableSet(row)); // a bit test on every decision
    }

    /** The roles the table allows {@code action} to (before the association's standing). */
    public static Set<Role> roles(Action action) {
        return TABLE.get(action);
    }

    public static boolean allows(AccessScope scope, Action action) {
        return refusalKey(scope, action) == null;
    }

    /** Whether the caller runs {@code action} on a learner only under a live access grant for that learner. */
    public static boolean needsGrant(AccessScope scope, Action action) {
        return GRANT_BOUND.getOrDefault(action, Set.of()).contains(scope.role());
    }

    /** Whether the caller may run {@code action} on this learner: the table, then (where it binds) a live grant. */
    public static boolean allows(AccessScope scope, Action action, UUID learnerId) {
        return allows(scope, action) && (!needsGrant(scope, action) || scope.identityGrant(learnerId) != null);
    }

    /** Throws FORBIDDEN, saying why, when the caller may not run {@code action}. */
    public static void require(AccessScope scope, Action action) {
        String why = refusal(scope, action);
        if (why != null) {
            throw ApiException.forbidden(why);
        }
    }

    /** Why {@code scope} may not run {@code action} (in the caller's language), or null when it may. */
    static String refusal(AccessScope scope, Action action) {
        String key = refusalKey(scope, action);
        if (key == null) {
            return null;
        }
        return key.equals("policy.role") ? Messages.text(scope.locale(), key, scope.role(),
                Messages.text(scope.locale(), "action." + action.name())) : Messages.text(scope.locale(), key);
    }

    private static String refusalKey(AccessScope scope, Action action) {
        if (!TABLE.get(action).contains(scope.role())) {
            return "policy.role";
        }
        if (scope.role() == ASSOCIATION_STAFF) {
            Standing standing = scope.standing();
            if ((standing == Standing.DISSOLVED || standing == Standing.UNKNOWN) && action.touchesLearnerData()) {
                return standing == Standing.UNKNOWN ? "policy.unknownAssociation" : "policy.dissolved";
            }
            if (standing != Standing.ACTIVE && action.isWrite()) {
                return standing == Standing.SUSPENDED ? "policy.suspended"
                        : standing == Standing.DISSOLVED ? "policy.dissolved" : "policy.unknownAssociation";
            }
        }
        return null;
    }
}
