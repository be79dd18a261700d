package ma.forsa.security;

import ma.forsa.common.db.Sql.Fragment;

/**
 * The one place that turns the caller's {@link AccessScope} into SQL: one predicate per kind of record, for
 * a given table alias. Every read path (GraphQL lists, look-ups, nested fields, duplicate candidates, import
 * look-ups, exports, statistics, directorate lists) adds the predicate of what it reads, so that out-of-scope
 * records are absent from lists and counts and answer NOT_FOUND on look-ups.
 * <ul>
 * <li>ADMIN, MINISTRY: everything ({@link Fragment#TRUE}).</li>
 * <li>ACADEMY_OFFICER: agreements of its academy; centres in a province of its academy; associations based
 * in its academy, running a centre there or party to one of its agreements; learners enrolled (now or
 * before) in a centre of its academy or registered by an association based there.</li>
 * <li>ASSOCIATION_STAFF: its association, its agreements and centres, the learners enrolled (now or before)
 * in its centres or registered by it; nothing of learners when its association is DISSOLVED or unknown.</li>
 * </ul>
 * Lists are written as {@code id IN (…)} sets rather than per-row EXISTS probes: PostgreSQL builds the small set once;
 * look-ups of a few learners use {@link #learner}, the same rule as a probe of each row.
 */
public final class ScopeSql {

    private static final Fragment NOTHING = Fragment.of("false");

    private ScopeSql() {
    }

    /** Associations the caller sees, on {@code FROM association a}. */
    public static Fragment associations(AccessScope scope, String a) {
        if (scope.academyScope() != null) {
            String academy = scope.academyScope();
            return Fragment.of("(" + a + ".province_code IN (SELECT sp.code FROM province sp WHERE sp.academy_code = ?) OR " + a
                    + ".id IN (SELECT sc.association_id FROM center sc JOIN province sp ON sp.code = sc.province_code "
                    + "WHERE sp.academy_code = ?) OR " + a + ".id IN (SELECT sg.association_id FROM agreement sg "
                    + "WHERE sg.academy_code = ?))", academy, academy, academy);
        }
        if (scope.associationScope() != null) {
            return Fragment.of(a + ".id = ?", scope.associationScope());
        }
        return Fragment.TRUE;
    }

    /** Agreements the caller sees, on {@code FROM agreement g}. */
    public static Fragment agreements(AccessScope scope, String g) {
        if (scope.academyScope() != null) {
            return Fragment.of(g + ".academy_code = ?", scope.academyScope());
        }
        if (scope.associationScope() != null) {
            return Fragment.of(g + ".association_id = ?", scope.associationScope());
        }
        return Fragment.TRUE;
    }

    /** Centres the caller sees (and so the enrollments in them), on {@code FROM center c}. */
    public static Fragment centers(AccessScope scope, String c) {
        if (scope.academyScope() != null) {
            return Fragment.of(c + ".province_code IN (SELECT sp.code FROM province sp WHERE sp.academy_code = ?)",
                    scope.academyScope());
        }
        if (scope.associationScope() != null) {
            return Fragment.of(c + ".association_id = ?", scope.associationScope());
        }
        return Fragment.TRUE;
    }

    /** The centre ids the caller sees, as a sub-select (for tables that carry a center_id). */
    public static Fragment centerIds(AccessScope scope, String centerIdColumn) {
        if (scope.academyScope() != null) {
            return Fragment.of(centerIdColumn + " IN (SELECT sc.id FROM center sc JOIN province sp ON sp.code = sc.province_code "
                    + "WHERE sp.academy_code = ?)", scope.academyScope());
        }
        if (scope.associationScope() != null) {
            return Fragment.of(centerIdColumn + " IN (SELECT sc.id FROM center sc WHERE sc.association_id = ?)",
                    scope.associationScope());
        }
        return Fragment.TRUE;
    }

    /** Enrollments the caller sees, on {@code FROM enrollment e}: those in a centre the caller sees. */
    public static Fragment enrollments(AccessScope scope, String e) {
        if (!scope.seesLearners()) {
            return NOTHING;
        }
        return centerIds(scope, e + ".center_id");
    }

    /** Learners the caller sees, on {@code FROM learner l}. */
    public static Fragment learners(AccessScope scope, String l) {
        if (!scope.seesLearners()) {
            return NOTHING;
        }
        if (scope.academyScope() != null) {
            String academy = scope.academyScope();
            return Fragment.of(l + ".id IN (SELECT se.learner_id FROM enrollment se JOIN center sc ON sc.id = se.center_id "
                    + "JOIN province sp ON sp.code = sc.province_code WHERE sp.academy_code = ? "
                    + "UNION ALL SELECT sr.id FROM learner sr JOIN association sa ON sa.id = sr.registered_by_association_id "
                    + "JOIN province sap ON sap.code = sa.province_code WHERE sap.academy_code = ?)", academy, academy);
        }
        if (scope.associationScope() != null) {
            java.util.UUID association = scope.associationScope();
            return Fragment.of(l + ".id IN (SELECT se.learner_id FROM enrollment se JOIN center sc ON sc.id = se.center_id "
                    + "WHERE sc.association_id = ? UNION ALL SELECT sr.id FROM learner sr "
                    + "WHERE sr.registered_by_association_id = ?)", association, association);
        }
        return Fragment.TRUE;
    }

    /**
     * The rule of {@link #learners}, written as a probe of the learner {@code l} itself: its registering association, then
     * an EXISTS over its own enrollments. For look-ups of learners found by other means (an id, a MASSAR code, an import
     * key, a birth date) and for select lists: PostgreSQL checks each row through the learner's own indexes, or hashes the
     * EXISTS once when the statement reads many rows. {@code learners} stays the form for lists and counts, which it
     * drives from the caller's set. The set form probed one learner through every centre of the association (half a
     * second for a chunk of 250 imported learners; this form: 2 ms). {@code ScopeSqlTest} proves both forms select the
     * same learners for every kind of caller.
     */
    public static Fragment learner(AccessScope scope, String l) {
        if (!scope.seesLearners()) {
            return NOTHING;
        }
        if (scope.academyScope() != null) {
            String academy = scope.academyScope();
            return Fragment.of("(coalesce(" + l + ".registered_by_association_id IN (SELECT sa.id FROM association sa "
                    + "JOIN province sap ON sap.code = sa.province_code WHERE sap.academy_code = ?), false) OR EXISTS ("
                    + "SELECT 1 FROM enrollment se JOIN center sc ON sc.id = se.center_id JOIN province sp ON sp.code = "
                    + "sc.province_code WHERE se.learner_id = " + l + ".id AND sp.academy_code = ?))", academy, academy);
        }
        if (scope.associationScope() != null) {
            java.util.UUID association = scope.associationScope();
            return Fragment.of("(coalesce(" + l + ".registered_by_association_id = ?, false) OR EXISTS (SELECT 1 FROM "
                    + "enrollment se JOIN center sc ON sc.id = se.center_id WHERE se.learner_id = " + l + ".id AND "
                    + "sc.association_id = ?))", association, association);
        }
        return Fragment.TRUE;
    }

    /**
     * The association that follows the learner {@code l}: the association of the centre of its open enrollment, else of
     * its latest one, else the association that registered it.
     */
    public static String follower(String l) {
        return "coalesce((SELECT hc.association_id FROM enrollment he JOIN center hc ON hc.id = he.center_id "
                + "WHERE he.learner_id = " + l + ".id ORDER BY (he.status IN ('ENROLLED', 'ACTIVE')) DESC, he.enrolled_on DESC, "
                + "he.created_at DESC, he.id DESC LIMIT 1), " + l + ".registered_by_association_id)";
    }

    /**
     * The academy where the learner {@code l} is followed: that of the centre of its open (else latest) enrollment, else
     * that of the province where the association that registered it is based.
     */
    private static String followingAcademy(String l) {
        return "coalesce((SELECT hp.academy_code FROM enrollment he JOIN center hc ON hc.id = he.center_id "
                + "JOIN province hp ON hp.code = hc.province_code WHERE he.learner_id = " + l + ".id "
                + "ORDER BY (he.status IN ('ENROLLED', 'ACTIVE')) DESC, he.enrolled_on DESC, he.created_at DESC, he.id DESC "
                + "LIMIT 1), (SELECT rp.academy_code FROM association ra JOIN province rp ON rp.code = ra.province_code "
                + "WHERE ra.id = " + l + ".registered_by_association_id))";
    }

    /**
     * Learners the caller may change (register follow-ups, update, enroll, transfer, record outcomes), on
     * {@code FROM learner l}: ADMIN any; an ACADEMY_OFFICER those followed in its academy; ASSOCIATION_STAFF those
     * its association follows. A visible learner outside this set is read-only for the caller.
     */
    public static Fragment writableLearners(AccessScope scope, String l) {
        if (!Policy.allows(scope, Action.WRITE_LEARNERS)) {
            return NOTHING;
        }
        if (scope.academyScope() != null) {
            return Fragment.of(followingAcademy(l) + " = ?", scope.academyScope());
        }
        if (scope.associationScope() != null) {
            return Fragment.of(follower(l) + " = ?", scope.associationScope());
        }
        return Fragment.TRUE;
    }

    /** Statistics facts and roll-ups the caller sees, given the columns that carry academy and association. */
    public static Fragment statistics(AccessScope scope, String academyColumn, String associationColumn) {
        if (scope.academyScope() != null) {
            return Fragment.of(academyColumn + " = ?", scope.academyScope());
        }
        if (scope.associationScope() != null) {
            return Fragment.of(associationColumn + " = ?", scope.associationScope());
        }
        return Fragment.TRUE;
    }

}
