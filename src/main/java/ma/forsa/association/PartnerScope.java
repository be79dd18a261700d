package ma.forsa.association;

import ma.forsa.common.Sql;
import ma.forsa.security.AccessScope;

/**
 * The caller's confinement as SQL predicates, so that out-of-scope partners are absent from every
 * list and count and answer NOT_FOUND on lookups.
 * <ul>
 * <li>ADMIN, MINISTRY: everything.</li>
 * <li>ACADEMY_OFFICER: agreements of its academy; centres in a province of its academy; associations
 * based in its academy, or running a centre there, or party to one of its agreements.</li>
 * <li>ASSOCIATION_STAFF: its own association, its agreements and its centres.</li>
 * </ul>
 */
public final class PartnerScope {

    private PartnerScope() {
    }

    public static Sql associations(Sql sql, AccessScope scope, String a) {
        if (scope.academyScope() != null) {
            String academy = sql.param(scope.academyScope());
            sql.and("(EXISTS (SELECT 1 FROM province sp WHERE sp.code = " + a + ".province_code AND sp.academy_code = "
                    + academy + ") OR EXISTS (SELECT 1 FROM center sc JOIN province sp ON sp.code = sc.province_code "
                    + "WHERE sc.association_id = " + a + ".id AND sp.academy_code = " + academy + ") "
                    + "OR EXISTS (SELECT 1 FROM agreement sg WHERE sg.association_id = " + a + ".id AND sg.academy_code = "
                    + academy + "))");
        } else if (scope.associationScope() != null) {
            sql.and(a + ".id = ?", scope.associationScope());
        }
        return sql;
    }

    public static Sql agreements(Sql sql, AccessScope scope, String g) {
        if (scope.academyScope() != null) {
            sql.and(g + ".academy_code = ?", scope.academyScope());
        } else if (scope.associationScope() != null) {
            sql.and(g + ".association_id = ?", scope.associationScope());
        }
        return sql;
    }

    public static Sql centers(Sql sql, AccessScope scope, String c) {
        if (scope.academyScope() != null) {
            sql.and(c + ".province_code IN (SELECT sp.code FROM province sp WHERE sp.academy_code = ?)", scope.academyScope());
        } else if (scope.associationScope() != null) {
            sql.and(c + ".association_id = ?", scope.associationScope());
        }
        return sql;
    }
}
