package ma.forsa.learner;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import ma.forsa.common.ApiException;
import ma.forsa.common.Ids;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.common.paging.CountedPage;
import ma.forsa.common.paging.Keyset;
import ma.forsa.common.paging.PageRequest;
import ma.forsa.security.AccessScope;
import ma.forsa.security.Disclosure;
import ma.forsa.security.LearnerWrites;
import ma.forsa.security.PersonalData;
import ma.forsa.security.ScopeSql;
import ma.forsa.security.Tally;

/** The learner table: entity writes (Panache) and reads, always confined to the caller's scope in SQL. */
@ApplicationScoped
public class LearnerRepository implements PanacheRepositoryBase<LearnerEntity, UUID> {

    public static final int MAX_SEARCH_WORDS = 6;
    public static final int MAX_SEARCH_LENGTH = 200;
    /**
     * Viewers who see names: by normalised name. Pseudonymised viewers (MINISTRY, an ACADEMY_OFFICER even with grants):
     * by id (a name order would leak names).
     */
    private static final Keyset BY_NAME = Keyset.ascending("learner", "l", "coalesce(l.name_key, '')");
    private static final Keyset BY_ID = Keyset.ascending("learner", "l", "l.id");

    private final Db db;

    @Inject
    public LearnerRepository(Db db) {
        this.db = db;
    }

    /** A page of the caller's learners, filtered: {@code columns} of each ({@link LearnerRow#columns}). */
    public Uni<List<LearnerRow>> page(AccessScope scope, LearnerFilter filter, PageRequest page, String columns) {
        PortalList portal = portalList(scope, filter, page);
        if (portal != null) {
            return db.list(portal.page().apply(Sql.Fragment.of(columns)), LearnerRow::from);
        }
        Keyset order = scope.seesLearnerIdentity() ? BY_NAME : BY_ID;
        return db.list(order.page(filtered(scope, filter, "SELECT " + columns + " FROM learner l"), page),
                LearnerRow::from);
    }

    /**
     * {@link #page} and, when {@code counted}, {@link #count} (0 when not): for a centre's or an association's list (the
     * partner portal's) the count is a scalar sub-select of the page's own statement ({@link CountedPage}), one statement
     * and one connection instead of two; any other list counts in a statement of its own.
     */
    public Uni<CountedPage<LearnerRow>> page(AccessScope scope, LearnerFilter filter, PageRequest page, String columns,
            boolean counted) {
        PortalList portal = counted ? portalList(scope, filter, page) : null;
        if (portal == null) {
            Uni<Integer> total = counted ? count(scope, filter) : Uni.createFrom().item(0);
            return Uni.combine().all().unis(page(scope, filter, page, columns), total).asTuple()
                    .map(t -> new CountedPage<>(t.getItem1(), t.getItem2()));
        }
        return CountedPage.read(db, portal.page().apply(Sql.Fragment.of(columns).plus(CountedPage.column(portal.count()))),
                LearnerRow::from, page, () -> count(scope, filter));
    }

    /**
     * The partner portal's lists, a centre's ({@link #centreOnly}) and an association's own ({@link #associationOnly}),
     * for a caller who sees names: the statement of a page given its columns, and the list's count as a sub-select.
     */
    private record PortalList(Function<Sql.Fragment, Sql> page, Sql.Fragment count) {
    }

    /** {@link PortalList} for this list and page, or null for any other list (read through the learners). */
    private static PortalList portalList(AccessScope scope, LearnerFilter filter, PageRequest page) {
        if (!scope.seesLearnerIdentity()) {
            return null;
        }
        if (centreOnly(filter)) {
            UUID center = Ids.parseInput(filter.centerId(), "centerId");
            return new PortalList(columns -> centrePage(scope, center, page, columns), centreCount(scope, center));
        }
        if (associationOnly(scope, filter)) {
            UUID association = scope.associationScope();
            return new PortalList(columns -> associationPage(association, page, columns),
                    associationCount(association).fragment());
        }
        return null;
    }

    public Uni<Integer> count(AccessScope scope, LearnerFilter filter) {
        if (centreOnly(filter)) {
            return db.count(Sql.select(centreCount(scope, Ids.parseInput(filter.centerId(), "centerId"))));
        }
        if (associationOnly(scope, filter)) {
            return db.count(associationCount(scope.associationScope()));
        }
        List<Sql.Fragment> memberships = memberships(scope, filter, false);
        if (!memberships.isEmpty()) {
            Sql.Fragment sex = filter.sex() == null ? Sql.Fragment.TRUE
                    : Sql.Fragment.of("g.learner_sex = ?", filter.sex().name());
            Sql.Fragment all = Sql.Fragment.of("true");
            for (int i = 0; i < memberships.size(); i++) {
                all = all.plus(" AND g.f" + i);
            }
            return db.count(Sql.select(Sql.Fragment.of("SELECT count(*) FROM ").plus(members(memberships)).plus(" g"))
                    .where(all).where(sex));
        }
        return db.count(filtered(scope, filter, "SELECT count(*) FROM learner l"));
    }

    /**
     * A filter's constraints on the centres a learner is enrolled in (its centre, its academy; with {@code centreAcademy},
     * also the academy of its centre when it names no academy), as the enrollments meeting each, numbered in that order:
     * {@code SELECT k, learner_id, learner_sex} from the centres' entries of enrollment_center_learner_idx, each enrollment
     * with its learner's sex and only those of learners not anonymised (V188, V190, R__learner_sort_key.sql). Empty when
     * the filter has no such constraint, or a search (by name: read through the learners), or the caller sees no learners.
     * Every learner enrolled in a centre the caller sees is one the caller sees (see {@link #centre}), so that these are
     * the learners {@link #constraints} would find meeting each constraint.
     */
    private static List<Sql.Fragment> memberships(AccessScope scope, LearnerFilter filter, boolean centreAcademy) {
        List<Sql.Fragment> out = new ArrayList<>();
        if (filter == null || filter.search() != null && !filter.search().isBlank() || !scope.seesLearners()) {
            return out;
        }
        if (filter.centerId() != null) {
            UUID center = Ids.parseInput(filter.centerId(), "centerId");
            out.add(Sql.Fragment.of("SELECT " + out.size() + " AS k, fe.learner_id, fe.learner_sex FROM enrollment fe WHERE ")
                    .plus(centre(scope, center)));
            if (filter.academyCode() == null && centreAcademy) {
                out.add(academyEnrollments(scope, out.size(), academyOf(center)));
            }
        }
        if (filter.academyCode() != null) {
            academyCode(filter);
            out.add(academyEnrollments(scope, out.size(), Sql.Fragment.of("?", filter.academyCode())));
        }
        return out;
    }

    /** The enrollments, numbered {@code k}, in the centres the caller sees of academy {@code code} ({@link #memberships}). */
    private static Sql.Fragment academyEnrollments(AccessScope scope, int k, Sql.Fragment code) {
        return Sql.Fragment.of("SELECT " + k + " AS k, fe.learner_id, fe.learner_sex").plus(inAcademy(scope, code))
                .plus(" AND fe.learner_sort_key IS NOT NULL");
    }

    /** The academy of a centre, as a sub-select (a centre constraint also stands for its academy's in the tally). */
    private static Sql.Fragment academyOf(UUID center) {
        return Sql.Fragment.of("(SELECT ap.academy_code FROM center ac JOIN province ap ON ap.code = ac.province_code "
                + "WHERE ac.id = ?)", center);
    }

    /** {@code FROM} the enrollments {@code fe} in the centres the caller sees of the academy {@code code} names. */
    private static Sql.Fragment inAcademy(AccessScope scope, Sql.Fragment code) {
        return Sql.Fragment.of(" FROM enrollment fe JOIN center fc ON fc.id = fe.center_id JOIN province fp ON fp.code = "
                + "fc.province_code WHERE fp.academy_code = ").plus(code).plus(" AND ").plus(ScopeSql.centers(scope, "fc"));
    }

    /**
     * The learners meeting any of {@code memberships}, once each ({@code learner_id}, {@code learner_sex}), with which
     * they meet ({@code f0}, {@code f1}...), as a derived table.
     */
    private static Sql.Fragment members(List<Sql.Fragment> memberships) {
        Sql.Fragment out = Sql.Fragment.of("(SELECT m.learner_id, m.learner_sex");
        for (int i = 0; i < memberships.size(); i++) {
            out = out.plus(", bool_or(m.k = " + i + ") AS f" + i);
        }
        out = out.plus(" FROM (");
        for (int i = 0; i < memberships.size(); i++) {
            out = out.plus(i == 0 ? "" : " UNION ALL ").plus(memberships.get(i));
        }
        return out.plus(") m GROUP BY m.learner_id, m.learner_sex)");
    }

    private static void academyCode(LearnerFilter filter) {
        if (filter.academyCode().length() > 8) {
            throw ApiException.validation("academyCode", "academyCode is an academy code, e.g. MS.");
        }
    }

    /** An association's own list (the partner portal's list of all its learners): no filter, the caller's association. */
    private static boolean associationOnly(AccessScope scope, LearnerFilter filter) {
        return scope.associationScope() != null && scope.seesLearners() && (filter == null || filter.centerId() == null
                && filter.academyCode() == null && filter.sex() == null && (filter.search() == null || filter.search().isBlank()));
    }

    /**
     * The learners {@link ScopeSql#learners} gives an association, not anonymised: its rows of association_learner
     * (V189, kept by R__association_learner.sql), one small index entry per learner, instead of every entry of every
     * centre of the association in enrollment_center_learner_idx (one per enrollment) de-duplicated in a hash.
     */
    private static Sql associationCount(UUID association) {
        return Sql.of("SELECT count(*) FROM association_learner al WHERE al.association_id = ?", association);
    }

    /**
     * A page of an association's learners (as {@link #associationCount} counts them) in name order, the order and the
     * cursors of {@link #BY_NAME}: the first learners of each of its centres, read in that order from the centre's entries
     * of enrollment_center_learner_idx and stopping at the page's size, with the first of those it registered, sorted
     * together, before the page's learners are read; instead of every learner of the association read and sorted.
     * A learner among the page's is among the first of every centre (or of the registered) listing them.
     */
    static Sql associationPage(UUID association, PageRequest page, Sql.Fragment columns) {
        UUID after = page.hasCursor() ? ma.forsa.common.paging.Cursor.decodeUuid(page.after()) : null;
        Sql.Fragment enrolled = Sql.Fragment.of("SELECT t.sort_key, t.learner_id FROM center sc CROSS JOIN LATERAL ("
                + "SELECT DISTINCT fe.learner_sort_key AS sort_key, fe.learner_id FROM enrollment fe WHERE fe.center_id = sc.id "
                + "AND fe.learner_sort_key IS NOT NULL");
        Sql.Fragment registered = Sql.Fragment.of("SELECT coalesce(r.name_key, ''), r.id FROM learner r WHERE "
                + "r.registered_by_association_id = ? AND r.anonymised_at IS NULL", association);
        if (after != null) {
            enrolled = enrolled.plus(" AND (fe.learner_sort_key, fe.learner_id)" + AFTER, after);
            registered = registered.plus(" AND (coalesce(r.name_key, ''), r.id)" + AFTER, after);
        }
        enrolled = enrolled.plus(" ORDER BY 1, 2" + page.limitClause() + ") t WHERE sc.association_id = ?", association);
        registered = registered.plus(" ORDER BY 1, 2" + page.limitClause());
        Sql.Fragment keys = Sql.Fragment.of("SELECT DISTINCT k.sort_key, k.learner_id FROM (").plus(enrolled)
                .plus(" UNION ALL (").plus(registered).plus(")) k ORDER BY k.sort_key, k.learner_id" + page.limitClause());
        return learnersOfKeys(keys, columns);
    }

    /** After the cursor's learner in name order ({@link #BY_NAME}), following a {@code (sort key, learner id)} pair. */
    private static final String AFTER = " > (SELECT coalesce(x.name_key, ''), x.id FROM learner x WHERE x.id = ?)";

    /** The learners of a page's {@code keys} ({@code sort_key, learner_id} in name order), {@code columns} of each, in that order. */
    private static Sql learnersOfKeys(Sql.Fragment keys, Sql.Fragment columns) {
        return Sql.select(Sql.Fragment.of("SELECT ").plus(columns).plus(" FROM (").plus(keys)
                .plus(") k JOIN learner l ON l.id = k.learner_id")).where("l.anonymised_at IS NULL")
                .then(" ORDER BY k.sort_key, k.learner_id");
    }

    /** A filter by centre alone (the partner portal's list of a centre's learners). */
    private static boolean centreOnly(LearnerFilter filter) {
        return filter != null && filter.centerId() != null && filter.academyCode() == null && filter.sex() == null
                && (filter.search() == null || filter.search().isBlank());
    }

    /**
     * The enrollments in the centre that {@link #filtered} would list the learners of: the centre's, when the caller sees
     * it ({@link ScopeSql#enrollments}), of learners not anonymised (their learner_sort_key is NULL, V188). Every learner
     * enrolled in a centre the caller sees is one the caller sees ({@link ScopeSql#learners} is that, or registered by
     * the caller's association), so that these enrollments' learners are exactly that list.
     */
    private static Sql.Fragment centre(AccessScope scope, UUID center) {
        return Sql.Fragment.of("fe.center_id = ? AND fe.learner_sort_key IS NOT NULL AND ", center)
                .plus(ScopeSql.enrollments(scope, "fe"));
    }

    /** How many learners {@link #centre}'s enrollments are of: the count of a centre's list. */
    private static Sql.Fragment centreCount(AccessScope scope, UUID center) {
        return Sql.select("SELECT count(DISTINCT fe.learner_id) FROM enrollment fe").where(centre(scope, center)).fragment();
    }

    /**
     * A page of a centre's learners in name order (the order and the cursors of {@link #BY_NAME}), read in that order
     * from the centre's entries of enrollment_center_learner_idx (V188: about as many entries as the page has learners,
     * no table read) before the page's learners are, instead of every learner of the centre read and sorted.
     */
    private static Sql centrePage(AccessScope scope, UUID center, PageRequest page, Sql.Fragment columns) {
        Sql keys = Sql.select("SELECT DISTINCT fe.learner_sort_key AS sort_key, fe.learner_id FROM enrollment fe")
                .where(centre(scope, center));
        if (page.hasCursor()) {
            keys.where(Sql.Fragment.of("(fe.learner_sort_key, fe.learner_id)" + AFTER,
                    ma.forsa.common.paging.Cursor.decodeUuid(page.after())));
        }
        keys.then(" ORDER BY fe.learner_sort_key, fe.learner_id" + page.limitClause());
        return learnersOfKeys(keys.fragment(), columns);
    }

    /**
     * For the disclosure rule (MINISTRY): how many learners the filtered list holds, and how many the same list holds
     * with any of its constraints left out (one statement: the learners counted by which constraints they meet). A
     * centre constraint also stands for its academy's, so that "this centre" is compared with "its academy" too.
     */
    public Uni<Tally> countAmongSiblings(AccessScope scope, LearnerFilter filter, Disclosure disclosure) {
        if (filter == null || (filter.search() == null || filter.search().isBlank()) && scope.seesLearners()) {
            return countAmongSiblingsByMembership(scope, filter, disclosure);
        }
        return countAmongSiblingsByLearner(scope, filter, disclosure);
    }

    /** {@link #countAmongSiblings} read through the learners: for a search (LearnerCountsTest compares the two ways). */
    Uni<Tally> countAmongSiblingsByLearner(AccessScope scope, LearnerFilter filter, Disclosure disclosure) {
        List<Sql.Fragment> constraints = new ArrayList<>(constraints(scope, filter));
        if (filter != null && filter.centerId() != null && filter.academyCode() == null) {
            constraints.add(academy(scope, academyOf(Ids.parseInput(filter.centerId(), "centerId"))));
        }
        Sql.Fragment select = Sql.Fragment.of("SELECT ");
        StringBuilder groups = new StringBuilder();
        for (int i = 0; i < constraints.size(); i++) {
            select = select.plus("(").plus(constraints.get(i)).plus(") AS f" + i + ", ");
            groups.append(i == 0 ? " GROUP BY " : ", ").append("f").append(i);
        }
        Sql sql = Sql.select(select.plus("count(*) AS n FROM learner l")).where(ScopeSql.learners(scope, "l"))
                .where("l.anonymised_at IS NULL").then(groups.toString());
        int k = constraints.size();
        return db.list(sql, r -> {
            int mask = 0;
            for (int i = 0; i < k; i++) {
                mask |= r.flag("f" + i) ? 1 << i : 0;
            }
            return new long[] { mask, r.longValue("n") };
        }).map(rows -> {
            long[] byMask = new long[1 << k];
            rows.forEach(row -> byMask[(int) row[0]] += row[1]);
            return disclosure.amongConstraints(byMask, k);
        });
    }

    /**
     * {@link #countAmongSiblings} for a filter without a search, without reading every learner: the learners meeting any
     * of its centre and academy constraints counted from their enrollments ({@link #memberships}), by which they meet and
     * whether they are of the filter's sex; and the caller's learners counted by sex alone (learner_retention_idx, V190),
     * of whom those who meet no centre or academy constraint are the rest. One statement, so one snapshot.
     */
    Uni<Tally> countAmongSiblingsByMembership(AccessScope scope, LearnerFilter filter, Disclosure disclosure) {
        List<Sql.Fragment> memberships = memberships(scope, filter, true);
        int m = memberships.size();
        boolean bySex = filter != null && filter.sex() != null;
        int k = m + (bySex ? 1 : 0);
        Sql.Fragment learnerSex = bySex ? Sql.Fragment.of("(l.sex = ?)", filter.sex().name()) : Sql.Fragment.of("true");
        Sql.Fragment select = Sql.Fragment.of("SELECT 0 AS part, ");
        for (int i = 0; i < m; i++) {
            select = select.plus("false AS f" + i + ", ");
        }
        Sql.Fragment sql = Sql.select(select.plus(learnerSex).plus(" AS s, count(*) AS n FROM learner l"))
                .where(ScopeSql.learners(scope, "l")).where("l.anonymised_at IS NULL").then(" GROUP BY " + (m + 2)).fragment();
        if (m > 0) {
            Sql.Fragment members = Sql.Fragment.of("SELECT 1");
            StringBuilder groups = new StringBuilder();
            for (int i = 0; i < m; i++) {
                members = members.plus(", g.f" + i);
                groups.append(", ").append(i + 2);
            }
            members = members.plus(", ").plus(bySex ? Sql.Fragment.of("(g.learner_sex = ?)", filter.sex().name())
                    : Sql.Fragment.of("true")).plus(", count(*) FROM ").plus(members(memberships))
                    .plus(" g GROUP BY 1" + groups + ", " + (m + 2));
            sql = sql.plus(" UNION ALL ").plus(members);
        }
        return db.list(Sql.select(sql), r -> {
            long[] row = new long[3];
            row[0] = r.longValue("part");
            int mask = 0;
            for (int i = 0; i < m; i++) {
                mask |= r.flag("f" + i) ? 1 << i : 0;
            }
            row[1] = mask | (bySex && r.flag("s") ? 1 << m : 0);
            row[2] = r.longValue("n");
            return row;
        }).map(rows -> {
            long[] byMask = new long[1 << k];
            long[] all = new long[2];
            long[] members = new long[2];
            for (long[] row : rows) {
                int sex = bySex && (row[1] & (1 << m)) != 0 ? 1 : 0;
                if (row[0] == 0) {
                    all[sex] += row[2];
                } else {
                    byMask[(int) row[1]] += row[2];
                    members[sex] += row[2];
                }
            }
            byMask[0] += Math.max(0, all[0] - members[0]); // of the other sex, or of any without a sex filter
            if (bySex) {
                byMask[1 << m] += Math.max(0, all[1] - members[1]);
            }
            return disclosure.amongConstraints(byMask, k);
        });
    }

    /**
     * The caller's learners, filtered. Filters by centre or academy build the set of learner ids from enrollments in
     * the caller's visible centres first (no per-learner probe, and a centre outside the caller's scope matches nobody).
     */
    static Sql filtered(AccessScope scope, LearnerFilter filter, String head) {
        Sql sql = Sql.select(head).where(ScopeSql.learners(scope, "l")).where("l.anonymised_at IS NULL");
        constraints(scope, filter).forEach(sql::where);
        return sql;
    }

    /** The filter's constraints on learner {@code l}, one condition each. */
    static List<Sql.Fragment> constraints(AccessScope scope, LearnerFilter filter) {
        List<Sql.Fragment> out = new ArrayList<>();
        if (filter == null) {
            return out;
        }
        if (filter.centerId() != null) {
            UUID center = Ids.parseInput(filter.centerId(), "centerId");
            out.add(Sql.Fragment.of("l.id IN (SELECT fe.learner_id FROM enrollment fe WHERE fe.center_id = ? AND ", center)
                    .plus(ScopeSql.centerIds(scope, "fe.center_id")).plus(")"));
        }
        if (filter.academyCode() != null) {
            academyCode(filter);
            out.add(academy(scope, Sql.Fragment.of("?", filter.academyCode())));
        }
        if (filter.sex() != null) {
            out.add(Sql.Fragment.of("l.sex = ?", filter.sex().name()));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            Sql.Fragment findable = PersonalData.findableByIdentity(scope, "l");
            if (findable == null) {
                throw ApiException.forbidden("Your role sees learners pseudonymised and cannot search them by name: "
                        + "remove filter.search.");
            }
            out.add(findable);
            if (filter.search().length() > MAX_SEARCH_LENGTH) {
                throw ApiException.validation("search", "search must be at most " + MAX_SEARCH_LENGTH + " characters: a few "
                        + "words of the name.");
            }
            List<String> words = Names.tokens(filter.search(), MAX_SEARCH_WORDS);
            if (words.isEmpty()) {
                throw ApiException.validation("search", "search must contain at least one letter or digit.");
            }
            for (String word : words) {
                out.add(Sql.Fragment.of("l.search_key LIKE ?", "%" + word + "%"));
            }
        }
        return out;
    }

    /** Learners with an enrollment in a centre (the caller sees) of the academy {@code code} names. */
    private static Sql.Fragment academy(AccessScope scope, Sql.Fragment code) {
        return Sql.Fragment.of("l.id IN (SELECT fe.learner_id").plus(inAcademy(scope, code)).plus(")");
    }

    /** One learner by id, if the caller sees them: {@code columns} of it ({@link LearnerRow#columns}). */
    public Uni<Optional<LearnerRow>> byId(AccessScope scope, UUID id, String columns) {
        return db.one(Sql.select("SELECT " + columns + " FROM learner l").where("l.id = ?", id)
                .where(ScopeSql.learner(scope, "l")), LearnerRow::from).map(Optional::ofNullable);
    }

    /** The learner holding a MASSAR code, among those the caller may find by identity ({@link PersonalData#findableByIdentity}). */
    public Uni<Optional<LearnerRow>> byMassarCode(AccessScope scope, String massarCode) {
        Sql.Fragment findable = PersonalData.findableByIdentity(scope, "l");
        return db.one(Sql.select("SELECT " + LearnerRow.COLUMNS + " FROM learner l").where("l.massar_code = ?", massarCode)
                .where(ScopeSql.learner(scope, "l")).where(findable == null ? Sql.Fragment.of("false") : findable),
                LearnerRow::from).map(Optional::ofNullable);
    }

    // ---------------------------------------------------------------- inside write transactions

    /** Locks the learner's row and says where it stands for a write by the caller; null when it does not exist. */
    public Uni<LearnerWrites.Target> lockForWrite(AccessScope scope, UUID id) {
        return db.oneInTx(Sql.select(Sql.Fragment.of("SELECT ").plus(LearnerWrites.columns(scope, "l")).plus(" FROM learner l"))
                .where("l.id = ?", id).then(" FOR UPDATE OF l"),
                r -> new LearnerWrites.Target(r.flag("visible"), r.flag("writable"), r.flag("anonymised")));
    }

    /** Two registrations of people born the same day are checked one after the other (also taken by the import). */
    public Uni<Void> lockBirthDate(LocalDate birthDate) {
        return db.listInTx(Sql.of("SELECT pg_advisory_xact_lock(?) IS NOT NULL AS locked",
                LearnerRules.BIRTH_DATE_LOCK_NAMESPACE + birthDate.toEpochDay()), r -> true).replaceWithVoid();
    }

    /** The learner holding a MASSAR code (other than {@code self}), and whether the caller sees it; null when none. */
    public record Holder(UUID id, boolean visible) {
    }

    public Uni<Holder> massarHolder(AccessScope scope, String massarCode, UUID self) {
        return db.oneInTx(Sql.select(Sql.Fragment.of("SELECT l.id, ").plus(ScopeSql.learner(scope, "l"))
                .plus(" AS visible FROM learner l")).where("l.massar_code = ?", massarCode)
                .where("l.id <> ?", self == null ? new UUID(0, 0) : self), r -> new Holder(r.uuid("id"), r.flag("visible")));
    }

    /** A learner born on a given day, as duplicate suspicion compares it. */
    public record Candidate(UUID id, String nameKey, String firstNameAr, String lastNameAr, boolean visible) {
    }

    /** Learners born on {@code birthDate} (not anonymised), with whether the caller sees each. */
    public Uni<List<Candidate>> bornOn(AccessScope scope, LocalDate birthDate, UUID self) {
        return db.listInTx(Sql.select(Sql.Fragment.of("SELECT l.id, coalesce(l.name_key, '') AS name_key, l.first_name_ar, "
                + "l.last_name_ar, ").plus(ScopeSql.learner(scope, "l")).plus(" AS visible FROM learner l"))
                .where("l.birth_date = ?", birthDate).where("l.anonymised_at IS NULL")
                .where("l.id <> ?", self == null ? new UUID(0, 0) : self),
                r -> new Candidate(r.uuid("id"), r.string("name_key"), r.string("first_name_ar"), r.string("last_name_ar"),
                        r.flag("visible")));
    }

    /** The status of the association a learner is registered for, when the caller sees it; null otherwise. */
    public Uni<String> associationStatusInTx(AccessScope scope, UUID associationId) {
        return db.oneInTx(Sql.select("SELECT a.status FROM association a").where("a.id = ?", associationId)
                .where(ScopeSql.associations(scope, "a")), r -> r.string("status"));
    }

    /** What decides which of a learner's fields a caller sees (security/PersonalData#sees), inside the transaction. */
    public record Visibility(UUID follower, boolean contactWithheld) {
    }

    public Uni<Visibility> visibilityInTx(UUID learnerId) {
        return db.oneInTx(Sql.select("SELECT " + ScopeSql.follower("l") + " AS follower, " + PersonalData.contactWithheld("l")
                + " AS contact_withheld FROM learner l").where("l.id = ?", learnerId),
                r -> new Visibility(r.uuid("follower"), r.flag("contact_withheld")));
    }

    /** The association following a learner (see {@link ScopeSql#follower}), inside the transaction. */
    public Uni<UUID> followerInTx(UUID learnerId) {
        return db.oneInTx(Sql.select("SELECT " + ScopeSql.follower("l") + " AS follower FROM learner l")
                .where("l.id = ?", learnerId), r -> r.uuid("follower"));
    }
}
