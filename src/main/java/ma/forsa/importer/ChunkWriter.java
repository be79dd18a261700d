package ma.forsa.importer;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditChanges;
import ma.forsa.agreement.AgreementStatus;
import ma.forsa.center.CenterStatus;
import ma.forsa.common.Ids;
import ma.forsa.common.db.Sql;
import ma.forsa.common.db.WorkerConnection;
import ma.forsa.common.i18n.Messages;
import ma.forsa.common.rules.Checked;
import ma.forsa.common.rules.Violation;
import ma.forsa.enrollment.EnrollmentRules;
import ma.forsa.learner.LearnerRules;
import ma.forsa.security.AccessScope;
import ma.forsa.security.LearnerWrites;
import ma.forsa.security.ScopeSql;

/**
 * Checks a chunk of valid rows against the database and writes them with a handful of set-based statements (one
 * per table), inside the caller's transaction ({@link WorkerConnection}). A row is written whole (learner, enrollment, outcome, audit
 * events) or not at all. Every look-up applies the caller's scope ({@link ScopeSql}, {@link LearnerWrites}): a learner
 * outside it is unknown (a MASSAR code held there is a conflict, never a link), and the enrollment of each row is
 * judged by the same rulebook as the GraphQL mutation ({@link EnrollmentRules#checkEnroll}).
 */
final class ChunkWriter {

    record Center(UUID id, String code, UUID associationId, String status, int capacity) {
    }

    /** A learner already registered, as far as the rules and the caller's scope need it. */
    record KnownLearner(UUID id, LocalDate birthDate, LearnerWrites.Target access) {
    }

    /** An enrollment of a known learner, as far as the rules need it. */
    record KnownEnrollment(UUID id, UUID centerId, String schoolYear, boolean open) {
    }

    /** A learner born on a chunk's birth date, for duplicate suspicion. */
    record Candidate(String nameKey, String firstNameAr, String lastNameAr, boolean visible, UUID id) {
    }

    /**
     * What earlier rows of this import did and the database cannot show yet: the rows of the current chunk, and in a
     * dry run (where every chunk is rolled back) those of all earlier chunks too.
     */
    static final class Pending {
        final Map<String, KnownLearner> byMassar = new HashMap<>();
        final Map<String, KnownLearner> byKey = new HashMap<>();
        final Map<LocalDate, List<Candidate>> namesByBirthDate = new HashMap<>();
        final Map<UUID, List<KnownEnrollment>> enrollments = new HashMap<>();
        final Map<UUID, Integer> openByCenter = new HashMap<>();
    }

    private static final LearnerWrites.Target NEW_LEARNER = new LearnerWrites.Target(true, true, false);

    private final ImportJob job;
    private final AccessScope scope;
    private final EnrollmentRules.Eligibility eligibility;
    private final ImportKeys keys;
    private final Map<String, Center> centers = new HashMap<>();
    private final Set<String> unknownCenters = new HashSet<>();

    /** Where the time goes, added to the job's ({@link ImportJob#nanos}): [1] locks, [2] look-ups, [3] rules, [4] writes. */
    private final long[] nanos;

    /** The time in the ids of the rows written (Ids.timeOrdered). */
    private final Clock clock;

    ChunkWriter(ImportJob job, long[] nanos, EnrollmentRules.Eligibility eligibility, ImportKeys keys, Clock clock) {
        this.job = job;
        this.clock = clock;
        this.nanos = nanos;
        this.scope = job.scope;
        this.eligibility = eligibility;
        this.keys = keys;
    }

    /** Rows of a chunk that passed every check, with what to write for each. */
    private record Accepted(ImportRow row, UUID learnerId, boolean newLearner, Center center, UUID agreementId,
            UUID enrollmentId, UUID outcomeId) {
    }

    /** The counts of one chunk, added to the job only once its transaction has committed (or in a dry run). */
    record ChunkResult(List<ImportProblem> problems, int imported, int learnersCreated, int learnersLinked, int enrollmentsCreated,
            int enrollmentsAlreadyPresent, int outcomesCreated, int duplicatesSuspected, Set<Integer> rejectedLines) {
    }

    /**
     * Checks and (unless a dry run) writes a chunk in the connection's transaction. {@code lockLearners}: lock the
     * registered learners the chunk may enroll before its centres, for a transaction that holds no centre yet (a chunk
     * committed on its own); a transaction that already holds an earlier chunk's centres (all or nothing) would take them
     * in the order opposite to GraphQL's enroll, and does not.
     */
    ChunkResult process(WorkerConnection c, List<ImportRow> rows, Pending pending, boolean lockLearners) {
        long t0 = System.nanoTime();
        rowKeys.clear(); // the previous chunk's
        List<ImportProblem> problems = new ArrayList<>();
        Set<Integer> rejected = new HashSet<>();
        loadCenters(c, rows);
        lockBirthDates(c, rows);
        long t1 = System.nanoTime();
        nanos[1] += t1 - t0;
        Map<String, KnownLearner> byMassar = learnersByMassar(c, rows);
        Map<String, KnownLearner> byKey = learnersByKey(c, rows);
        Set<UUID> knownIds = new HashSet<>();
        byMassar.values().forEach(l -> knownIds.add(l.id()));
        byKey.values().forEach(l -> knownIds.add(l.id()));
        Map<UUID, List<KnownEnrollment>> enrollments = enrollmentsOf(c, knownIds);
        long lookedUp = System.nanoTime();
        nanos[2] += lookedUp - t1;
        if (lockLearners) {
            // The registered learners that a row may give a new enrollment are locked, in id order and before the centres,
            // as GraphQL's enroll locks its learner and then the centre (one lock order: no deadlock between them), and
            // read again under the lock: a learner anonymised, or enrolled elsewhere, since the look-up is seen as it is.
            Set<UUID> linking = linking(rows, pending, byMassar, byKey, enrollments);
            if (!linking.isEmpty()) {
                Map<UUID, KnownLearner> locked = lockLearners(c, linking);
                byMassar.replaceAll((code, l) -> locked.getOrDefault(l.id(), l));
                byKey.replaceAll((key, l) -> locked.getOrDefault(l.id(), l));
                linking.forEach(enrollments::remove);
                enrollments.putAll(enrollmentsOf(c, linking));
            }
        }
        Map<UUID, Center> lockedCenters = lockCenters(c, rows);
        t1 = System.nanoTime();
        nanos[1] += t1 - lookedUp;
        // Capacity and agreements only matter for the centres of rows that may add an enrollment (none when re-sending).
        Set<UUID> adding = new TreeSet<>();
        for (ImportRow row : rows) {
            Center center = lockedCenters.get(centerId(row.centerCode()));
            KnownLearner known = center == null ? null : known(row, pending, byMassar, byKey);
            if (center != null && adds(row, center, known, enrollments, pending)) {
                adding.add(center.id());
            }
        }
        Map<UUID, Integer> open = openEnrollments(c, adding);
        Map<UUID, List<EnrollmentRules.AgreementFacts>> covering = coveringAgreements(c, adding);
        // Duplicate suspicion only concerns rows that would create a learner.
        List<ImportRow> unresolved = rows.stream().filter(r -> !r.notDuplicate() && (r.learner().massarCode() == null
                ? !byKey.containsKey(key(r)) : !byMassar.containsKey(r.learner().massarCode()))).toList();
        Map<LocalDate, List<Candidate>> names = namesByBirthDate(c, unresolved);
        long t2 = System.nanoTime();
        nanos[2] += t2 - t1;

        List<Accepted> accepted = new ArrayList<>();
        int linked = 0;
        int present = 0;
        int duplicates = 0;
        for (ImportRow row : rows) {
            Center center = lockedCenters.get(centerId(row.centerCode()));
            if (center == null) {
                problems.add(ImportProblem.of(row.line(), ImportColumn.CENTER, row.centerCode(),
                        Messages.text(scope.locale(), "import.center.unknown")));
                rejected.add(row.line());
                continue;
            }
            LearnerRules.Valid in = row.learner();
            KnownLearner known = known(row, pending, byMassar, byKey);
            if (known != null) {
                String refusal = refusal(known.access());
                if (refusal != null) {
                    problems.add(ImportProblem.of(row.line(), ImportColumn.MASSAR, null, refusal));
                    rejected.add(row.line());
                    continue;
                }
            }
            boolean newLearner = known == null;
            if (newLearner && !row.notDuplicate()) {
                Boolean visible = lookalike(row, names.get(in.birthDate()), pending.namesByBirthDate.get(in.birthDate()));
                if (visible != null) {
                    duplicates++;
                    problems.add(ImportProblem.of(row.line(), ImportColumn.LAST_NAME, null,
                            Messages.text(scope.locale(), visible ? "import.duplicate" : "import.duplicate.elsewhere")));
                    rejected.add(row.line());
                    continue;
                }
            }
            UUID learnerId = newLearner ? Ids.timeOrdered(clock.millis()) : known.id();
            List<KnownEnrollment> history = history(learnerId, enrollments, pending);
            if (present(history, center, row)) {
                // The same enrollment was imported (or recorded) before: nothing to do, the row is linked.
                linked++;
                present++;
                continue;
            }
            UUID openEnrollment = history.stream().filter(KnownEnrollment::open).map(KnownEnrollment::id).findFirst().orElse(null);
            int taken = open.getOrDefault(center.id(), 0) + pending.openByCenter.getOrDefault(center.id(), 0);
            Checked<EnrollmentRules.Decision> decision = EnrollmentRules.checkEnroll(
                    new EnrollmentRules.LearnerFacts(newLearner ? in.birthDate() : known.birthDate(), false, openEnrollment),
                    new EnrollmentRules.CenterFacts(center.id(), center.code(), CenterStatus.valueOf(center.status()),
                            center.capacity(), taken),
                    false, null, covering.getOrDefault(center.id(), List.of()), row.enrolledOn(), row.status().isOpen(), false,
                    eligibility);
            if (!decision.isValid()) {
                for (Violation v : decision.violations()) {
                    ImportColumn column = ImportColumn.ofField(v.field());
                    problems.add(ImportProblem.of(row.line(), column, column == ImportColumn.CENTER ? row.centerCode() : null,
                            v.message(scope.locale())));
                }
                rejected.add(row.line());
                continue;
            }
            if (row.status().isOpen()) {
                pending.openByCenter.merge(center.id(), 1, Integer::sum);
            }
            UUID enrollmentId = Ids.timeOrdered(clock.millis());
            if (newLearner) {
                KnownLearner self = new KnownLearner(learnerId, in.birthDate(), NEW_LEARNER);
                if (in.massarCode() != null) {
                    pending.byMassar.put(in.massarCode(), self);
                } else {
                    pending.byKey.put(key(row), self);
                }
                pending.namesByBirthDate.computeIfAbsent(in.birthDate(), d -> new ArrayList<>())
                        .add(new Candidate(in.nameKey(), in.firstNameAr(), in.lastNameAr(), true, learnerId));
            } else {
                linked++;
            }
            pending.enrollments.computeIfAbsent(learnerId, id -> new ArrayList<>())
                    .add(new KnownEnrollment(enrollmentId, center.id(), row.schoolYear(), row.status().isOpen()));
            accepted.add(new Accepted(row, learnerId, newLearner, center, decision.value().agreementId(), enrollmentId,
                    row.outcome() == null ? null : Ids.timeOrdered(clock.millis())));
        }
        long t3 = System.nanoTime();
        nanos[3] += t3 - t2;
        if (!job.dryRun) {
            write(c, accepted);
            nanos[4] += System.nanoTime() - t3;
        }
        int learnersCreated = (int) accepted.stream().filter(Accepted::newLearner).count();
        int outcomes = (int) accepted.stream().filter(a -> a.outcomeId() != null).count();
        return new ChunkResult(problems, accepted.size() + present, learnersCreated, linked, accepted.size(), present, outcomes,
                duplicates, rejected);
    }

    /** The rows' keys (ImportKeys), each computed once. */
    private final Map<ImportRow, String> rowKeys = new java.util.IdentityHashMap<>(); // this chunk's

    private String key(ImportRow row) {
        return rowKeys.computeIfAbsent(row, keys::of);
    }

    /** The learner a row names, registered before (by its MASSAR code, else by the row's key) or by an earlier row. */
    private KnownLearner known(ImportRow row, Pending pending, Map<String, KnownLearner> byMassar, Map<String, KnownLearner> byKey) {
        String massar = row.learner().massarCode();
        return massar != null ? pending.byMassar.getOrDefault(massar, byMassar.get(massar))
                : pending.byKey.getOrDefault(key(row), byKey.get(key(row)));
    }

    /** A learner's enrollments: stored, then made by earlier rows. */
    private static List<KnownEnrollment> history(UUID learnerId, Map<UUID, List<KnownEnrollment>> stored, Pending pending) {
        List<KnownEnrollment> history = new ArrayList<>(stored.getOrDefault(learnerId, List.of()));
        history.addAll(pending.enrollments.getOrDefault(learnerId, List.of()));
        return history;
    }

    /** Whether the row's enrollment (its centre, its school year) is already recorded. */
    private static boolean present(List<KnownEnrollment> history, Center center, ImportRow row) {
        return history.stream().anyMatch(e -> e.centerId().equals(center.id()) && e.schoolYear().equals(row.schoolYear()));
    }

    /** Why the caller may not link a row to this existing learner (the message), or null when it may. */
    private String refusal(LearnerWrites.Target access) {
        if (!access.visible()) {
            return Messages.text(scope.locale(), "learner.massar.takenElsewhere");
        }
        if (access.anonymised()) {
            return Messages.text(scope.locale(), "learner.anonymised");
        }
        if (!access.writable()) {
            return Messages.text(scope.locale(), "learner.followedElsewhere");
        }
        return null;
    }

    private UUID centerId(String code) {
        Center c = centers.get(code);
        return c == null ? null : c.id();
    }

    /** Whether a lookalike exists: null when none, true when one the caller sees, false when only others. */
    private static Boolean lookalike(ImportRow row, List<Candidate> stored, List<Candidate> pending) {
        Boolean found = null;
        for (List<Candidate> list : java.util.Arrays.asList(stored, pending)) {
            if (list == null) {
                continue;
            }
            for (Candidate other : list) {
                if (LearnerRules.looksLike(row.learner(), other.nameKey(), other.firstNameAr(), other.lastNameAr())) {
                    if (other.visible()) {
                        return true;
                    }
                    found = false;
                }
            }
        }
        return found;
    }

    // ---------- reads ----------

    /** Centres by code, once per import; those out of the caller's scope are treated as unknown. */
    private void loadCenters(WorkerConnection c, List<ImportRow> rows) {
        Set<String> codes = rows.stream().map(ImportRow::centerCode)
                .filter(code -> !centers.containsKey(code) && !unknownCenters.contains(code)).collect(Collectors.toSet());
        if (codes.isEmpty()) {
            return;
        }
        Sql sql = Sql.select("SELECT c.id, c.code, c.association_id, c.status, c.capacity FROM center c")
                .where("upper(c.code) = ANY(?)", (Object) codes.toArray(String[]::new)).where(ScopeSql.centers(scope, "c"));
        for (Row r : c.query(sql)) {
            Center center = new Center(r.getUUID(0), r.getString(1), r.getUUID(2), r.getString(3), r.getInteger(4));
            centers.put(center.code().toUpperCase(java.util.Locale.ROOT), center);
        }
        codes.stream().filter(code -> !centers.containsKey(code)).forEach(unknownCenters::add);
    }

    private static void lockBirthDates(WorkerConnection c, List<ImportRow> rows) {
        TreeSet<Long> keys = rows.stream().map(r -> LearnerRules.BIRTH_DATE_LOCK_NAMESPACE + r.learner().birthDate().toEpochDay())
                .collect(Collectors.toCollection(TreeSet::new));
        c.query(Sql.of("SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT unnest(?::bigint[]) AS k ORDER BY 1) keys",
                (Object) keys.toArray(Long[]::new)));
    }

    /** The chunk's centres under a row lock (serialises capacity checks with the GraphQL mutations), fresh. */
    private Map<UUID, Center> lockCenters(WorkerConnection c, List<ImportRow> rows) {
        Set<UUID> ids = rows.stream().map(r -> centerId(r.centerCode())).filter(java.util.Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<UUID, Center> locked = new HashMap<>();
        if (ids.isEmpty()) {
            return locked;
        }
        for (Row r : c.query(Sql.of("SELECT id, status, capacity FROM center WHERE id = ANY(?) ORDER BY id FOR UPDATE",
                (Object) ids.toArray(UUID[]::new)))) {
            UUID id = r.getUUID(0);
            Center old = centers.values().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            Center fresh = new Center(id, old.code(), old.associationId(), r.getString(1), r.getInteger(2));
            centers.put(old.code().toUpperCase(java.util.Locale.ROOT), fresh);
            locked.put(id, fresh);
        }
        return locked;
    }

    private static Map<UUID, Integer> openEnrollments(WorkerConnection c, Collection<UUID> centerIds) {
        Map<UUID, Integer> open = new HashMap<>();
        if (centerIds.isEmpty()) {
            return open;
        }
        for (Row r : c.query(Sql.of("SELECT center_id, open FROM center_open_enrollments(?)",
                (Object) centerIds.toArray(UUID[]::new)))) {
            open.put(r.getUUID(0), r.getInteger(1));
        }
        return open;
    }

    /** Whether the row may add an enrollment: a new learner, or one without that enrollment (centre, school year). */
    private static boolean adds(ImportRow row, Center center, KnownLearner known, Map<UUID, List<KnownEnrollment>> enrollments,
            Pending pending) {
        return known == null || !present(history(known.id(), enrollments, pending), center, row);
    }

    /** The registered learners (not created by this import) of rows that may add an enrollment, in id order. */
    private Set<UUID> linking(List<ImportRow> rows, Pending pending, Map<String, KnownLearner> byMassar,
            Map<String, KnownLearner> byKey, Map<UUID, List<KnownEnrollment>> enrollments) {
        Set<UUID> linking = new TreeSet<>();
        for (ImportRow row : rows) {
            Center center = centers.get(row.centerCode());
            KnownLearner known = center == null ? null : known(row, pending, byMassar, byKey);
            if (known != null && known.access() != NEW_LEARNER && adds(row, center, known, enrollments, pending)) {
                linking.add(known.id());
            }
        }
        return linking;
    }

    /** The learners under a row lock taken in id order, with where each now stands for the caller. */
    private Map<UUID, KnownLearner> lockLearners(WorkerConnection c, Set<UUID> ids) {
        Map<UUID, KnownLearner> locked = new HashMap<>();
        Sql sql = Sql.select(Sql.Fragment.of("SELECT l.id, l.birth_date, ").plus(LearnerWrites.columns(scope, "l"))
                .plus(" FROM learner l")).where("l.id = ANY(?)", (Object) ids.toArray(UUID[]::new))
                .then(" ORDER BY l.id FOR UPDATE OF l");
        for (Row r : c.query(sql)) {
            KnownLearner fresh = known(r);
            locked.put(fresh.id(), fresh);
        }
        return locked;
    }

    private static KnownLearner known(Row r) {
        return new KnownLearner(r.getUUID("id"), r.getLocalDate("birth_date"),
                new LearnerWrites.Target(r.getBoolean("visible"), r.getBoolean("writable"), r.getBoolean("anonymised")));
    }

    /** Learners by MASSAR code, with where each stands for the caller (a code is unique in the whole registry). */
    private Map<String, KnownLearner> learnersByMassar(WorkerConnection c, List<ImportRow> rows) {
        Map<String, KnownLearner> found = new HashMap<>();
        String[] codes = rows.stream().map(r -> r.learner().massarCode()).filter(java.util.Objects::nonNull).distinct()
                .toArray(String[]::new);
        if (codes.length == 0) {
            return found;
        }
        Sql sql = Sql.select(Sql.Fragment.of("SELECT l.massar_code, l.id, l.birth_date, ").plus(LearnerWrites.columns(scope, "l"))
                .plus(" FROM learner l")).where("l.massar_code = ANY(?)", (Object) codes);
        for (Row r : c.query(sql)) {
            found.put(r.getString("massar_code"), known(r));
        }
        return found;
    }

    /** Learners created by an earlier import of the same row (no MASSAR code), by the row's keyed hash. */
    private Map<String, KnownLearner> learnersByKey(WorkerConnection c, List<ImportRow> rows) {
        Map<String, KnownLearner> found = new HashMap<>();
        String[] hashes = rows.stream().filter(r -> r.learner().massarCode() == null).map(this::key).distinct()
                .toArray(String[]::new);
        if (hashes.length == 0) {
            return found;
        }
        Sql sql = Sql.select(Sql.Fragment.of("SELECT k.natural_key, l.id, l.birth_date, ").plus(LearnerWrites.columns(scope, "l"))
                .plus(" FROM import_learner_key k JOIN learner l ON l.id = k.learner_id")).where("k.natural_key = ANY(?)",
                        (Object) hashes);
        for (Row r : c.query(sql)) {
            found.put(r.getString("natural_key"), known(r));
        }
        return found;
    }

    private static Map<UUID, List<KnownEnrollment>> enrollmentsOf(WorkerConnection c, Set<UUID> learners) {
        Map<UUID, List<KnownEnrollment>> found = new HashMap<>();
        if (learners.isEmpty()) {
            return found;
        }
        for (Row r : c.query(Sql.of("SELECT learner_id, id, center_id, school_year, status IN ('ENROLLED', 'ACTIVE') "
                + "FROM enrollment WHERE learner_id = ANY(?)", (Object) learners.toArray(UUID[]::new)))) {
            found.computeIfAbsent(r.getUUID(0), id -> new ArrayList<>()).add(new KnownEnrollment(r.getUUID(1), r.getUUID(2),
                    r.getString(3), r.getBoolean(4)));
        }
        return found;
    }

    /** The agreements covering each centre (the rulebook picks the one in force on each row's date). */
    private static Map<UUID, List<EnrollmentRules.AgreementFacts>> coveringAgreements(WorkerConnection c, Set<UUID> centerIds) {
        Map<UUID, List<EnrollmentRules.AgreementFacts>> found = new HashMap<>();
        if (centerIds.isEmpty()) {
            return found;
        }
        for (Row r : c.query(Sql.of("SELECT ac.center_id, g.id, g.reference, g.status, g.starts_on, g.ends_on "
                + "FROM agreement_center ac JOIN agreement g ON g.id = ac.agreement_id WHERE ac.center_id = ANY(?)",
                (Object) centerIds.toArray(UUID[]::new)))) {
            found.computeIfAbsent(r.getUUID(0), id -> new ArrayList<>()).add(new EnrollmentRules.AgreementFacts(r.getUUID(1),
                    r.getString(2), AgreementStatus.valueOf(r.getString(3)), r.getLocalDate(4), r.getLocalDate(5), true));
        }
        return found;
    }

    /**
     * The names of the learners born on the rows' birth dates that duplicate suspicion could find close: Latin names
     * within the edit distance of either spelling (by length, then by levenshtein; plus one edit of length, and no
     * levenshtein, for characters outside the BMP), and every Arabic name when the row has one.
     * Whether the caller sees a candidate is asked afterwards, for the few that look like a row
     * ({@link #visibleAmong}): asking it of every candidate cost more than the rest of the import.
     */
    private Map<LocalDate, List<Candidate>> namesByBirthDate(WorkerConnection c, List<ImportRow> rows) {
        Map<LocalDate, List<Candidate>> found = new HashMap<>();
        if (rows.isEmpty()) {
            return found;
        }
        List<LocalDate> dates = new ArrayList<>();
        List<String> spelt = new ArrayList<>();
        List<String> swapped = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        List<LocalDate> arabicDates = new ArrayList<>();
        int k = LearnerRules.CLOSE_SPELLING;
        for (ImportRow r : rows) {
            List<String> spellings = LearnerRules.spellings(r.learner());
            String key = spellings.get(0);
            dates.add(r.learner().birthDate());
            // Outside the BMP (or beyond levenshtein's 255 characters) the edit distance is left to the Java rule.
            boolean plain = spellings.stream()
                    .allMatch(sp -> sp.length() <= 255 && sp.codePoints().allMatch(Character::isBmpCodePoint));
            spelt.add(plain ? key : null);
            swapped.add(plain ? spellings.get(1) : null);
            lengths.add(key.codePointCount(0, key.length()));
            if (r.learner().firstNameAr() != null || r.learner().lastNameAr() != null) {
                arabicDates.add(r.learner().birthDate());
            }
        }
        // Two index-only scans of learner_duplicate_idx (V185: birth date, name length, then the name): the Latin
        // names of the same length give or take the edit distance, of which levenshtein_less_equal (fuzzystrmatch,
        // V184) keeps those close to either spelling, a superset of LearnerRules.looksLike, which decides; and, for
        // the rows with an Arabic name, every learner with an Arabic name born that day (their normalised form is the
        // Java rule's). A learner found both ways is kept with its Arabic names (branch 0), as every row compares it.
        // OFFSET 0 keeps the index probe per row whatever the statistics: on a table not yet analysed, the generic plan
        // hashed every learner at each chunk (45 ms per chunk at 100,000 learners, instead of 10). At 1,000,000
        // learners, reading every learner born that day from the table and comparing both spellings with each took
        // 211 ms per chunk, most of an import's time; these scans take 42 (130 where the table is not vacuumed yet).
        String close = "levenshtein_less_equal(coalesce(l.name_key, ''), %s, " + k + ") <= " + k;
        // within k edits the lengths differ by k at most; one more where the Java rule decides (no key sent)
        String band = "(CASE WHEN q.key IS NULL THEN " + (k + 1) + " ELSE " + k + " END)";
        Sql sql = Sql.select(Sql.Fragment.of("SELECT DISTINCT ON (c.id) c.birth_date, c.name_key, c.first_name_ar, "
                + "c.last_name_ar, c.id FROM (SELECT l.birth_date, l.name_key, NULL AS first_name_ar, NULL AS last_name_ar, "
                + "l.id, 1 AS branch FROM unnest(?::date[], ?::text[], ?::text[], ?::int[]) AS q(d, key, swapped, len) "
                + "CROSS JOIN LATERAL (SELECT l.birth_date, l.name_key, l.id FROM learner l WHERE l.birth_date = q.d "
                + "AND l.anonymised_at IS NULL AND length(coalesce(l.name_key, '')) BETWEEN q.len - " + band
                + " AND q.len + " + band + " "
                + "AND CASE WHEN q.key IS NULL OR length(coalesce(l.name_key, '')) > 255 THEN true ELSE "
                + close.formatted("q.key") + " OR " + close.formatted("q.swapped") + " END OFFSET 0) l "
                + "UNION ALL SELECT l.birth_date, l.name_key, l.first_name_ar, l.last_name_ar, l.id, 0 "
                + "FROM learner l WHERE l.birth_date = ANY(?::date[]) AND l.anonymised_at IS NULL "
                + "AND (l.first_name_ar IS NOT NULL OR l.last_name_ar IS NOT NULL)) c ORDER BY c.id, c.branch",
                dates.toArray(LocalDate[]::new), spelt.toArray(String[]::new), swapped.toArray(String[]::new),
                lengths.toArray(Integer[]::new), arabicDates.toArray(LocalDate[]::new)));
        Map<LocalDate, List<Candidate>> stored = new HashMap<>();
        Map<UUID, LocalDate> born = new HashMap<>();
        // Planned for its own values every time: a plan kept from the first chunks of a first import (a learner table of
        // a few rows, never analysed) probed every learner through another index for the rest of the file (50,000 rows:
        // 175 s of look-ups instead of 2). The other look-ups keep their generic plans (WorkerConnection#query): planned
        // per execution, the key and MASSAR look-ups of a 1,000,000-row re-send took four times as long.
        for (Row r : c.queryPlannedEachTime(sql)) {
            LocalDate date = r.getLocalDate(0);
            UUID id = r.getUUID(4);
            born.put(id, date);
            stored.computeIfAbsent(date, d -> new ArrayList<>()).add(new Candidate(r.getString(1), r.getString(2),
                    r.getString(3), false, id));
        }
        Set<UUID> alike = new HashSet<>();
        for (ImportRow row : rows) {
            for (Candidate other : stored.getOrDefault(row.learner().birthDate(), List.of())) {
                if (LearnerRules.looksLike(row.learner(), other.nameKey(), other.firstNameAr(), other.lastNameAr())) {
                    alike.add(other.id());
                }
            }
        }
        Set<UUID> seen = visibleAmong(c, alike);
        for (Map.Entry<LocalDate, List<Candidate>> e : stored.entrySet()) {
            found.put(e.getKey(), e.getValue().stream().map(x -> seen.contains(x.id())
                    ? new Candidate(x.nameKey(), x.firstNameAr(), x.lastNameAr(), true, x.id()) : x).toList());
        }
        return found;
    }

    /** Those of these learners the caller sees ({@link ScopeSql#learner}: checked learner by learner). */
    private Set<UUID> visibleAmong(WorkerConnection c, Set<UUID> ids) {
        Set<UUID> seen = new HashSet<>();
        if (ids.isEmpty()) {
            return seen;
        }
        Sql sql = Sql.select("SELECT l.id FROM learner l").where("l.id = ANY(?)", (Object) ids.toArray(UUID[]::new))
                .where(ScopeSql.learner(scope, "l"));
        for (Row r : c.query(sql)) {
            seen.add(r.getUUID(0));
        }
        return seen;
    }

    // ---------- writes ----------

    /**
     * Writes the accepted rows: one INSERT per table, sent one after the other without waiting for PostgreSQL's answers
     * (the connection keeps their order); their CREATE events are put together meanwhile (their JSON is most of this
     * method's own work) and sent last. The first failure, if any, is thrown once every statement has been answered.
     */
    private void write(WorkerConnection c, List<Accepted> accepted) {
        if (accepted.isEmpty()) {
            return;
        }
        List<Accepted> learners = accepted.stream().filter(Accepted::newLearner).toList();
        List<WorkerConnection.Sent> sent = new ArrayList<>();
        if (!learners.isEmpty()) {
            Columns l = new Columns(UUID.class, String.class, String.class, String.class, String.class, String.class,
                    String.class, String.class, String.class, LocalDate.class, String.class, String.class, String.class,
                    String.class, Boolean.class, String.class, Integer.class, String.class, LocalDate.class, UUID.class);
            for (Accepted a : learners) {
                LearnerRules.Valid in = a.row().learner();
                l.add(a.learnerId(), in.massarCode(), in.cin(), in.firstName(), in.lastName(), in.firstNameAr(), in.lastNameAr(),
                        in.nameKey(), in.searchKey(), in.birthDate(), in.sex().name(), in.provinceOfResidenceCode(),
                        in.guardianName(), in.guardianPhone(), in.disability(), in.lastGradeCompleted(), in.leftSchoolYear(),
                        in.dropoutReason(), in.consentRecordedOn(), a.center().associationId());
            }
            sent.add(l.send(c, "INSERT INTO learner (id, massar_code, cin, first_name, last_name, first_name_ar, last_name_ar, "
                    + "name_key, search_key, birth_date, sex, province_of_residence_code, guardian_name, guardian_phone, "
                    + "disability, last_grade_completed, left_school_year, dropout_reason, consent_recorded_on, "
                    + "registered_by_association_id) SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], "
                    + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[], ?::text[], ?::text[], "
                    + "?::text[], ?::boolean[], ?::text[], ?::int[], ?::text[], ?::date[], ?::uuid[])"));
            List<Accepted> keyed = learners.stream().filter(a -> a.row().learner().massarCode() == null).toList();
            if (!keyed.isEmpty()) {
                Columns k = new Columns(String.class, UUID.class, UUID.class);
                keyed.forEach(a -> k.add(key(a.row()), a.learnerId(), job.id));
                sent.add(k.send(c, "INSERT INTO import_learner_key (natural_key, learner_id, import_id) "
                        + "SELECT * FROM unnest(?::text[], ?::uuid[], ?::uuid[]) ON CONFLICT DO NOTHING"));
            }
        }
        Columns e = new Columns(UUID.class, UUID.class, UUID.class, UUID.class, String.class, String.class, String.class,
                String.class, LocalDate.class, LocalDate.class, String.class, String.class, String.class);
        for (Accepted a : accepted) {
            ImportRow r = a.row();
            // the name order and sex of a learner created by this very statement's transaction (R__learner_sort_key.sql
            // looks them up for the others: a per-row look-up 50,000 times over, for values in hand here)
            e.add(a.enrollmentId(), a.learnerId(), a.center().id(), a.agreementId(), r.schoolYear(), strands(r),
                    r.vocationalField(), r.status().name(), r.enrolledOn(), r.exitedOn(), r.exitReason(),
                    a.newLearner() ? r.learner().nameKey() : null, a.newLearner() ? r.learner().sex().name() : null);
        }
        sent.add(e.send(c, "INSERT INTO enrollment (id, learner_id, center_id, agreement_id, school_year, strands, "
                + "vocational_field, status, enrolled_on, exited_on, exit_reason, learner_sort_key, learner_sex) SELECT id, "
                + "learner, center, agreement, year, string_to_array(strands, ',')::varchar(20)[], field, status, enrolled, "
                + "exited, reason, sort_key, sex FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], "
                + "?::text[], ?::text[], ?::date[], ?::date[], ?::text[], ?::text[], ?::text[]) AS t(id, learner, center, "
                + "agreement, year, strands, field, status, enrolled, exited, reason, sort_key, sex)"));
        List<Accepted> outcomes = accepted.stream().filter(a -> a.outcomeId() != null).toList();
        if (!outcomes.isEmpty()) {
            Columns o = new Columns(UUID.class, UUID.class, String.class, LocalDate.class, Integer.class, String.class,
                    Boolean.class);
            for (Accepted a : outcomes) {
                ImportRow r = a.row();
                o.add(a.outcomeId(), a.enrollmentId(), r.outcome().name(), r.observedOn(), r.followUpMonth(), r.organization(),
                        r.verified());
            }
            sent.add(o.send(c, "INSERT INTO outcome (id, enrollment_id, kind, observed_on, follow_up_month, organization, "
                    + "verified) SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::date[], ?::int[], ?::text[], "
                    + "?::boolean[])"));
        }
        // While PostgreSQL writes the rows, their CREATE events, in the order of the statements above.
        Audit audit = new Audit();
        for (Accepted a : learners) {
            LearnerRules.Valid in = a.row().learner();
            audit.add("Learner", a.learnerId(), AuditChanges.create().personal("massarCode", null, in.massarCode())
                    .personal("cin", null, in.cin()).personal("firstName", null, in.firstName())
                    .personal("lastName", null, in.lastName()).personal("firstNameAr", null, in.firstNameAr())
                    .personal("lastNameAr", null, in.lastNameAr()).personal("birthDate", null, in.birthDate())
                    .field("sex", null, in.sex().name())
                    .field("provinceOfResidenceCode", null, in.provinceOfResidenceCode())
                    .personal("guardianName", null, in.guardianName()).personal("guardianPhone", null, in.guardianPhone())
                    .personal("disability", null, in.disability() ? true : null)
                    .field("lastGradeCompleted", null, in.lastGradeCompleted())
                    .field("leftSchoolYear", null, in.leftSchoolYear())
                    .personal("dropoutReason", null, in.dropoutReason())
                    .field("consentRecordedOn", null, in.consentRecordedOn())
                    .field("registeredByAssociationId", null, a.center().associationId())
                    .note("importId", job.id));
        }
        for (Accepted a : accepted) {
            ImportRow r = a.row();
            audit.add("Enrollment", a.enrollmentId(), AuditChanges.create().field("learnerId", null, a.learnerId())
                    .field("centerId", null, a.center().id()).field("agreementId", null, a.agreementId())
                    .field("schoolYear", null, r.schoolYear())
                    .field("strands", null, strands(r)).field("vocationalField", null, r.vocationalField())
                    .field("status", null, r.status().name()).field("enrolledOn", null, r.enrolledOn())
                    .field("exitedOn", null, r.exitedOn()).personal("exitReason", null, r.exitReason())
                    .note("importId", job.id));
        }
        for (Accepted a : outcomes) {
            ImportRow r = a.row();
            audit.add("Outcome", a.outcomeId(), AuditChanges.create().field("enrollmentId", null, a.enrollmentId())
                    .field("kind", null, r.outcome().name()).field("observedOn", null, r.observedOn())
                    .field("followUpMonth", null, r.followUpMonth()).field("organization", null, r.organization())
                    .field("verified", null, r.verified()).note("importId", job.id));
        }
        audit.send(c, scope).ifPresent(sent::add);
        WorkerConnection.awaitAll(sent);
    }

    private static String strands(ImportRow r) {
        return r.strands().stream().map(Enum::name).collect(Collectors.joining(","));
    }

    /**
     * Column-wise values of a multi-row INSERT ... SELECT FROM unnest(...): one statement for the whole chunk, each column
     * sent as one typed array (uuid[], date[]..., in PostgreSQL's binary format).
     */
    private static final class Columns {
        private final Class<?>[] types;
        private final List<List<Object>> columns = new ArrayList<>();

        Columns(Class<?>... types) {
            this.types = types;
            for (int i = 0; i < types.length; i++) {
                columns.add(new ArrayList<>());
            }
        }

        void add(Object... values) {
            if (values.length != types.length) {
                throw new IllegalArgumentException(values.length + " values for " + types.length + " columns");
            }
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
        }

        Object[] arrays() {
            Object[] out = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                out[i] = WorkerConnection.array(columns.get(i), types[i]);
            }
            return out;
        }

        WorkerConnection.Sent send(WorkerConnection c, String sql) {
            return c.send(Sql.of(sql, arrays()));
        }
    }

    /** The created records' own CREATE events, written with them. */
    private static final class Audit {
        private final Columns events = new Columns(String.class, String.class, String.class);
        private int count;

        void add(String entity, UUID id, AuditChanges changes) {
            events.add(entity, id.toString(), new JsonObject(changes.toMap()).encode());
            count++;
        }

        java.util.Optional<WorkerConnection.Sent> send(WorkerConnection c, AccessScope scope) {
            if (count == 0) {
                return java.util.Optional.empty();
            }
            Object[] columns = events.arrays();
            return java.util.Optional.of(c.send(Sql.of("INSERT INTO audit_event (subject, role, action, entity, entity_id, changes, request_id) "
                    + "SELECT ?::text, ?::text, ?::text, entity, entity_id, changes::jsonb, ?::text FROM unnest(?::text[], "
                    + "?::text[], ?::text[]) AS t(entity, entity_id, changes)", scope.subject(), scope.role().name(),
                    AuditAction.CREATE.name(), scope.requestId(), columns[0], columns[1], columns[2])));
        }
    }
}
