package ma.forsa.importer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Period;
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
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditChanges;
import ma.forsa.enrollment.EnrollmentStatus;
import ma.forsa.learner.LearnerInputs;
import ma.forsa.learner.LearnerRow;
import ma.forsa.learner.LearnerService;
import ma.forsa.security.AccessScope;

/**
 * Checks a chunk of valid rows against the database and writes them with a handful of set-based
 * statements (one per table), inside the caller's JDBC transaction. A row is written whole
 * (learner, enrollment, outcome, audit events) or not at all. The rules are those of the GraphQL
 * mutations: MASSAR code identity, duplicate suspicion (same birth date, name within 2 edits),
 * eligibility age, open centre in scope, capacity, one open enrollment per learner.
 * <p>
 * Plain JDBC rather than Hibernate Reactive entities: a 50,000-row file must import in well under a
 * minute, which per-row entity writes (5 to 10 round trips each) cannot do on two cores; here a
 * chunk of 500 rows costs about a dozen statements.
 */
final class ChunkWriter {

    record Center(UUID id, String code, UUID associationId, String academyCode, String status, int capacity) {
    }

    /** A learner known to this import (already registered, or created by an earlier row). */
    record KnownLearner(UUID id, LocalDate birthDate, UUID holder) {
    }

    /** An enrollment of a known learner, as far as the rules need it. */
    record KnownEnrollment(UUID centerId, String schoolYear, boolean open) {
    }

    /**
     * What earlier rows of this import did and the database cannot show yet: the rows of the current chunk,
     * and in a dry run (where every chunk is rolled back) those of all earlier chunks too.
     */
    static final class Pending {
        final Map<String, KnownLearner> byMassar = new HashMap<>();
        final Map<String, KnownLearner> byKey = new HashMap<>();
        final Map<LocalDate, List<String[]>> namesByBirthDate = new HashMap<>();
        final Map<UUID, List<KnownEnrollment>> enrollments = new HashMap<>();
        final Map<UUID, Integer> openByCenter = new HashMap<>();
    }

    private final ImportJob job;
    private final AccessScope scope;
    private final int minAge;
    private final int maxAge;
    private final Map<String, Center> centers = new HashMap<>();
    private final Set<String> unknownCenters = new HashSet<>();

    ChunkWriter(ImportJob job, int minAge, int maxAge) {
        this.job = job;
        this.scope = job.scope;
        this.minAge = minAge;
        this.maxAge = maxAge;
    }

    /** Rows of a chunk that passed every check, with what to write for each. */
    private record Accepted(ImportRow row, UUID learnerId, boolean newLearner, Center center, UUID enrollmentId,
            UUID outcomeId) {
    }

    /** The counts of one chunk, added to the job only once its transaction has committed (or in a dry run). */
    record ChunkResult(List<ImportProblem> problems, int imported, int learnersCreated, int learnersLinked, int enrollmentsCreated,
            int enrollmentsAlreadyPresent, int outcomesCreated, int duplicatesSuspected, Set<Integer> rejectedLines) {
    }

    /** Time spent per phase (nanoseconds), logged at the end of an import. */
    final long[] nanos = new long[4];

    ChunkResult process(Connection c, List<ImportRow> rows, Pending pending) throws SQLException {
        long t0 = System.nanoTime();
        List<ImportProblem> problems = new ArrayList<>();
        Set<Integer> rejected = new HashSet<>();
        loadCenters(c, rows);
        lockBirthDates(c, rows);
        Map<UUID, Center> lockedCenters = lockCenters(c, rows);
        long t1 = System.nanoTime();
        nanos[0] += t1 - t0;
        Map<UUID, Integer> open = openEnrollments(c, lockedCenters.keySet());
        Map<String, KnownLearner> byMassar = learnersByMassar(c, rows);
        Map<String, KnownLearner> byKey = learnersByKey(c, rows);
        Set<UUID> knownIds = new HashSet<>();
        byMassar.values().forEach(l -> knownIds.add(l.id()));
        byKey.values().forEach(l -> knownIds.add(l.id()));
        Map<UUID, List<KnownEnrollment>> enrollments = enrollmentsOf(c, knownIds);
        // Duplicate suspicion only concerns rows that would create a learner.
        List<ImportRow> unresolved = rows.stream().filter(r -> !r.notDuplicate() && (r.learner().massarCode() == null
                ? !byKey.containsKey(r.naturalKey()) : !byMassar.containsKey(r.learner().massarCode()))).toList();
        Map<LocalDate, List<String[]>> names = namesByBirthDate(c, unresolved);
        long t2 = System.nanoTime();
        nanos[1] += t2 - t1;

        List<Accepted> accepted = new ArrayList<>();
        int linked = 0;
        int present = 0;
        int duplicates = 0;
        for (ImportRow row : rows) {
            Center center = lockedCenters.get(centerId(row.centerCode()));
            String centerProblem = centerProblem(row.centerCode(), center);
            if (centerProblem != null) {
                problems.add(ImportProblem.of(row.line(), ImportColumn.CENTER, row.centerCode(), centerProblem));
                rejected.add(row.line());
                continue;
            }
            LearnerInputs.Valid in = row.learner();
            KnownLearner known = null;
            if (in.massarCode() != null) {
                known = pending.byMassar.getOrDefault(in.massarCode(), byMassar.get(in.massarCode()));
                if (known != null && scope.associationScope() != null && !scope.associationScope().equals(known.holder())) {
                    problems.add(ImportProblem.of(row.line(), ImportColumn.MASSAR, in.massarCode(), "Un apprenant portant ce "
                            + "code MASSAR est déjà inscrit et suivi par une autre structure : il ne peut pas être inscrit par "
                            + "import. Demandez au centre qui le suit de faire un transfert vers votre centre."));
                    rejected.add(row.line());
                    continue;
                }
            }
            if (known == null && in.massarCode() == null) {
                known = pending.byKey.getOrDefault(row.naturalKey(), byKey.get(row.naturalKey()));
            }
            boolean newLearner = known == null;
            if (newLearner && !row.notDuplicate()) {
                int lookalikes = lookalikes(row, names.get(in.birthDate()), pending.namesByBirthDate.get(in.birthDate()));
                if (lookalikes > 0) {
                    duplicates++;
                    problems.add(ImportProblem.of(row.line(), ImportColumn.LAST_NAME, in.firstName() + " " + in.lastName(),
                            "Doublon probable : " + (lookalikes == 1 ? "un apprenant né" : lookalikes + " apprenants nés")
                                    + " le " + RowParser.french(in.birthDate()) + " avec un nom identique ou très proche "
                                    + (lookalikes == 1 ? "est déjà inscrit" : "sont déjà inscrits") + ". Vérifiez dans le "
                                    + "registre ; s'il s'agit bien d'une autre personne, écrivez « oui » dans la colonne "
                                    + "« " + ImportColumn.NOT_DUPLICATE.header + " » et envoyez la ligne à nouveau."));
                    rejected.add(row.line());
                    continue;
                }
            }
            UUID learnerId = newLearner ? UUID.randomUUID() : known.id();
            LocalDate birth = newLearner ? in.birthDate() : known.birthDate();
            List<KnownEnrollment> history = new ArrayList<>(enrollments.getOrDefault(learnerId, List.of()));
            history.addAll(pending.enrollments.getOrDefault(learnerId, List.of()));
            if (history.stream().anyMatch(e -> e.centerId().equals(center.id()) && e.schoolYear().equals(row.schoolYear()))) {
                // The same enrollment was imported (or recorded) before: nothing to do, the row is linked.
                linked++;
                present++;
                continue;
            }
            if (row.status().isOpen() && history.stream().anyMatch(KnownEnrollment::open)) {
                problems.add(ImportProblem.of(row.line(), ImportColumn.CENTER, row.centerCode(), "Cet apprenant a déjà "
                        + "une inscription en cours (dans un autre centre ou pour une autre année) : un apprenant n'a qu'une "
                        + "inscription ouverte à la fois. Clôturez d'abord l'inscription en cours, ou demandez un transfert."));
                rejected.add(row.line());
                continue;
            }
            int age = Period.between(birth, row.enrolledOn()).getYears();
            if (age < minAge || age > maxAge) {
                problems.add(ImportProblem.of(row.line(), ImportColumn.ENROLLED_ON, RowParser.french(row.enrolledOn()),
                        "L'apprenant a " + age + " ans le " + RowParser.french(row.enrolledOn()) + " ; l'inscription est "
                                + "ouverte de " + minAge + " à " + maxAge + " ans à la date d'inscription. Vérifiez la date "
                                + "de naissance ou la date d'inscription."));
                rejected.add(row.line());
                continue;
            }
            if (row.status().isOpen()) {
                int taken = open.getOrDefault(center.id(), 0) + pending.openByCenter.getOrDefault(center.id(), 0);
                if (taken >= center.capacity()) {
                    problems.add(ImportProblem.of(row.line(), ImportColumn.CENTER, row.centerCode(), "Le centre "
                            + center.code() + " est complet : " + taken + " inscriptions en cours pour une capacité de "
                            + center.capacity() + ". Inscrivez l'apprenant dans un autre centre ou clôturez d'abord les "
                            + "inscriptions terminées."));
                    rejected.add(row.line());
                    continue;
                }
                pending.openByCenter.merge(center.id(), 1, Integer::sum);
            }
            KnownLearner self = newLearner ? new KnownLearner(learnerId, in.birthDate(), center.associationId()) : known;
            if (newLearner) {
                if (in.massarCode() != null) {
                    pending.byMassar.put(in.massarCode(), self);
                } else {
                    pending.byKey.put(row.naturalKey(), self);
                }
                pending.namesByBirthDate.computeIfAbsent(in.birthDate(), d -> new ArrayList<>())
                        .add(new String[] { in.nameKey(), in.firstNameAr(), in.lastNameAr() });
            } else {
                linked++;
            }
            pending.enrollments.computeIfAbsent(learnerId, id -> new ArrayList<>())
                    .add(new KnownEnrollment(center.id(), row.schoolYear(), row.status().isOpen()));
            accepted.add(new Accepted(row, learnerId, newLearner, center, UUID.randomUUID(),
                    row.outcome() == null ? null : UUID.randomUUID()));
        }
        long t3 = System.nanoTime();
        nanos[2] += t3 - t2;
        if (!job.dryRun) {
            write(c, accepted);
            nanos[3] += System.nanoTime() - t3;
        }
        int learnersCreated = (int) accepted.stream().filter(Accepted::newLearner).count();
        int outcomes = (int) accepted.stream().filter(a -> a.outcomeId() != null).count();
        return new ChunkResult(problems, accepted.size() + present, learnersCreated, linked, accepted.size(), present, outcomes,
                duplicates, rejected);
    }

    private String centerProblem(String code, Center center) {
        if (center == null) {
            return "Le centre « " + code + " » n'existe pas ou ne fait pas partie des centres où vous pouvez inscrire : "
                    + "vérifiez le code du centre.";
        }
        if (!"OPEN".equals(center.status())) {
            return "Le centre " + center.code() + " est " + ("SUSPENDED".equals(center.status()) ? "suspendu" : "fermé")
                    + " : les inscriptions ne sont acceptées que dans un centre ouvert.";
        }
        return null;
    }

    private UUID centerId(String code) {
        Center c = centers.get(code);
        return c == null ? null : c.id();
    }

    private static int lookalikes(ImportRow row, List<String[]> stored, List<String[]> pending) {
        int n = 0;
        for (List<String[]> list : java.util.Arrays.asList(stored, pending)) {
            if (list == null) {
                continue;
            }
            for (String[] other : list) {
                if (LearnerService.looksLike(row.learner(), other[0], other[1], other[2])) {
                    n++;
                }
            }
        }
        return n;
    }

    // ---------- reads ----------

    /** Centres by code, once per import; those out of the caller's scope are treated as unknown. */
    private void loadCenters(Connection c, List<ImportRow> rows) throws SQLException {
        Set<String> codes = rows.stream().map(ImportRow::centerCode)
                .filter(code -> !centers.containsKey(code) && !unknownCenters.contains(code)).collect(Collectors.toSet());
        if (codes.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT c.id, c.code, c.association_id, p.academy_code, c.status, "
                + "c.capacity FROM center c JOIN province p ON p.code = c.province_code WHERE upper(c.code) = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", codes.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Center center = new Center(r.getObject(1, UUID.class), r.getString(2), r.getObject(3, UUID.class),
                            r.getString(4), r.getString(5), r.getInt(6));
                    if (inScope(center)) {
                        centers.put(center.code().toUpperCase(java.util.Locale.ROOT), center);
                    }
                }
            }
        }
        codes.stream().filter(code -> !centers.containsKey(code)).forEach(unknownCenters::add);
    }

    private boolean inScope(Center center) {
        if (scope.associationScope() != null) {
            return scope.associationScope().equals(center.associationId());
        }
        if (scope.academyScope() != null) {
            return scope.academyScope().equals(center.academyCode());
        }
        return true;
    }

    private static void lockBirthDates(Connection c, List<ImportRow> rows) throws SQLException {
        TreeSet<Long> keys = rows.stream().map(r -> LearnerService.BIRTH_DATE_LOCK_NAMESPACE + r.learner().birthDate().toEpochDay())
                .collect(Collectors.toCollection(TreeSet::new));
        try (PreparedStatement s = c.prepareStatement(
                "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT unnest(?::bigint[]) AS k ORDER BY 1) keys")) {
            s.setArray(1, c.createArrayOf("bigint", keys.toArray()));
            s.executeQuery().close();
        }
    }

    /** The chunk's centres under a row lock (serialises capacity checks with the GraphQL mutations), fresh. */
    private Map<UUID, Center> lockCenters(Connection c, List<ImportRow> rows) throws SQLException {
        Set<UUID> ids = rows.stream().map(r -> centerId(r.centerCode())).filter(java.util.Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<UUID, Center> locked = new HashMap<>();
        if (ids.isEmpty()) {
            return locked;
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, status, capacity FROM center WHERE id = ANY(?) ORDER BY id FOR UPDATE")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    UUID id = r.getObject(1, UUID.class);
                    Center old = centers.values().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
                    Center fresh = new Center(id, old.code(), old.associationId(), old.academyCode(), r.getString(2), r.getInt(3));
                    centers.put(old.code().toUpperCase(java.util.Locale.ROOT), fresh);
                    locked.put(id, fresh);
                }
            }
        }
        return locked;
    }

    private static Map<UUID, Integer> openEnrollments(Connection c, Collection<UUID> centerIds) throws SQLException {
        Map<UUID, Integer> open = new HashMap<>();
        if (centerIds.isEmpty()) {
            return open;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT center_id, count(*) FROM enrollment WHERE center_id = ANY(?) "
                + "AND status IN ('ENROLLED', 'ACTIVE') GROUP BY center_id")) {
            s.setArray(1, c.createArrayOf("uuid", centerIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    open.put(r.getObject(1, UUID.class), r.getInt(2));
                }
            }
        }
        return open;
    }

    private static Map<String, KnownLearner> learnersByMassar(Connection c, List<ImportRow> rows) throws SQLException {
        Map<String, KnownLearner> found = new HashMap<>();
        Object[] codes = rows.stream().map(r -> r.learner().massarCode()).filter(java.util.Objects::nonNull).distinct().toArray();
        if (codes.length == 0) {
            return found;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT l.massar_code, l.id, l.birth_date, " + LearnerRow.HOLDER
                + " FROM learner l WHERE l.massar_code = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", codes));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.put(r.getString(1), new KnownLearner(r.getObject(2, UUID.class), r.getObject(3, LocalDate.class),
                            r.getObject(4, UUID.class)));
                }
            }
        }
        return found;
    }

    private static Map<String, KnownLearner> learnersByKey(Connection c, List<ImportRow> rows) throws SQLException {
        Map<String, KnownLearner> found = new HashMap<>();
        Object[] keys = rows.stream().filter(r -> r.learner().massarCode() == null).map(ImportRow::naturalKey).distinct()
                .toArray();
        if (keys.length == 0) {
            return found;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT k.natural_key, l.id, l.birth_date FROM import_learner_key k "
                + "JOIN learner l ON l.id = k.learner_id WHERE k.natural_key = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", keys));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.put(r.getString(1), new KnownLearner(r.getObject(2, UUID.class), r.getObject(3, LocalDate.class), null));
                }
            }
        }
        return found;
    }

    private static Map<UUID, List<KnownEnrollment>> enrollmentsOf(Connection c, Set<UUID> learners) throws SQLException {
        Map<UUID, List<KnownEnrollment>> found = new HashMap<>();
        if (learners.isEmpty()) {
            return found;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT learner_id, center_id, school_year, status IN ('ENROLLED', "
                + "'ACTIVE') FROM enrollment WHERE learner_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", learners.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.computeIfAbsent(r.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(new KnownEnrollment(r.getObject(2, UUID.class), r.getString(3), r.getBoolean(4)));
                }
            }
        }
        return found;
    }

    /**
     * The names of the learners born on the rows' birth dates, as LearnerService reads its candidates. Only
     * names whose length is within the edit distance (plus one, for characters outside the BMP) can be
     * close, so the others are left in the database; Arabic names are compared whatever their length.
     */
    private static Map<LocalDate, List<String[]>> namesByBirthDate(Connection c, List<ImportRow> rows) throws SQLException {
        Map<LocalDate, List<String[]>> found = new HashMap<>();
        if (rows.isEmpty()) {
            return found;
        }
        List<String> dates = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        List<Boolean> arabic = new ArrayList<>();
        for (ImportRow r : rows) {
            String key = r.learner().nameKey();
            dates.add(r.learner().birthDate().toString());
            lengths.add(key.codePointCount(0, key.length()));
            arabic.add(r.learner().firstNameAr() != null || r.learner().lastNameAr() != null);
        }
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT ON (l.id) l.birth_date, l.name_key, l.first_name_ar, "
                + "l.last_name_ar FROM unnest(?::date[], ?::int[], ?::boolean[]) AS q(d, len, ar) JOIN learner l ON "
                + "l.birth_date = q.d AND (abs(length(coalesce(l.name_key, '')) - q.len) <= " + (LearnerService.CLOSE_SPELLING + 1)
                + " OR (q.ar AND (l.first_name_ar IS NOT NULL OR l.last_name_ar IS NOT NULL))) WHERE l.anonymised_at IS NULL")) {
            s.setArray(1, c.createArrayOf("text", dates.toArray()));
            s.setArray(2, c.createArrayOf("int4", lengths.toArray()));
            s.setArray(3, c.createArrayOf("bool", arabic.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.computeIfAbsent(r.getObject(1, LocalDate.class), d -> new ArrayList<>())
                            .add(new String[] { r.getString(2), r.getString(3), r.getString(4) });
                }
            }
        }
        return found;
    }

    // ---------- writes ----------

    private void write(Connection c, List<Accepted> accepted) throws SQLException {
        if (accepted.isEmpty()) {
            return;
        }
        List<Accepted> learners = accepted.stream().filter(Accepted::newLearner).toList();
        Audit audit = new Audit();
        if (!learners.isEmpty()) {
            Columns l = new Columns();
            for (Accepted a : learners) {
                LearnerInputs.Valid in = a.row().learner();
                l.add(a.learnerId(), in.massarCode(), in.cin(), in.firstName(), in.lastName(), in.firstNameAr(), in.lastNameAr(),
                        in.nameKey(), in.searchKey(), in.birthDate(), in.sex().name(), in.provinceOfResidenceCode(),
                        in.guardianName(), in.guardianPhone(), in.disability(), in.lastGradeCompleted(), in.leftSchoolYear(),
                        in.dropoutReason(), in.consentRecordedOn(), a.center().associationId());
                AuditChanges changes = AuditChanges.create().personal("massarCode", null, in.massarCode())
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
                        .note("importId", job.id);
                audit.add("Learner", a.learnerId(), changes);
            }
            l.execute(c, "INSERT INTO learner (id, massar_code, cin, first_name, last_name, first_name_ar, last_name_ar, "
                    + "name_key, search_key, birth_date, sex, province_of_residence_code, guardian_name, guardian_phone, "
                    + "disability, last_grade_completed, left_school_year, dropout_reason, consent_recorded_on, "
                    + "registered_by_association_id) SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], "
                    + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[], ?::text[], ?::text[], "
                    + "?::text[], ?::boolean[], ?::text[], ?::int[], ?::text[], ?::date[], ?::uuid[])");
            List<Accepted> keyed = learners.stream().filter(a -> a.row().learner().massarCode() == null).toList();
            if (!keyed.isEmpty()) {
                Columns k = new Columns();
                keyed.forEach(a -> k.add(a.row().naturalKey(), a.learnerId(), job.id));
                k.execute(c, "INSERT INTO import_learner_key (natural_key, learner_id, import_id) "
                        + "SELECT * FROM unnest(?::text[], ?::uuid[], ?::uuid[]) ON CONFLICT DO NOTHING");
            }
        }
        Columns e = new Columns();
        for (Accepted a : accepted) {
            ImportRow r = a.row();
            String strands = r.strands().stream().map(Enum::name).collect(Collectors.joining(","));
            e.add(a.enrollmentId(), a.learnerId(), a.center().id(), r.schoolYear(), strands, r.vocationalField(),
                    r.status().name(), r.enrolledOn(), r.exitedOn(), r.exitReason());
            AuditChanges changes = AuditChanges.create().field("learnerId", null, a.learnerId())
                    .field("centerId", null, a.center().id()).field("schoolYear", null, r.schoolYear())
                    .field("strands", null, strands).field("vocationalField", null, r.vocationalField())
                    .field("status", null, r.status().name()).field("enrolledOn", null, r.enrolledOn())
                    .field("exitedOn", null, r.exitedOn()).field("exitReason", null, r.exitReason())
                    .note("importId", job.id);
            audit.add("Enrollment", a.enrollmentId(), changes);
        }
        e.execute(c, "INSERT INTO enrollment (id, learner_id, center_id, school_year, strands, vocational_field, status, "
                + "enrolled_on, exited_on, exit_reason) SELECT id, learner, center, year, string_to_array(strands, ',')"
                + "::varchar(20)[], field, status, enrolled, exited, reason FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], "
                + "?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::date[], ?::text[]) "
                + "AS t(id, learner, center, year, strands, field, status, enrolled, exited, reason)");
        List<Accepted> outcomes = accepted.stream().filter(a -> a.outcomeId() != null).toList();
        if (!outcomes.isEmpty()) {
            Columns o = new Columns();
            for (Accepted a : outcomes) {
                ImportRow r = a.row();
                o.add(a.outcomeId(), a.enrollmentId(), r.outcome().name(), r.observedOn(), r.followUpMonth(), r.organization(),
                        r.verified());
                audit.add("Outcome", a.outcomeId(), AuditChanges.create().field("enrollmentId", null, a.enrollmentId())
                        .field("kind", null, r.outcome().name()).field("observedOn", null, r.observedOn())
                        .field("followUpMonth", null, r.followUpMonth()).field("organization", null, r.organization())
                        .field("verified", null, r.verified()).note("importId", job.id));
            }
            o.execute(c, "INSERT INTO outcome (id, enrollment_id, kind, observed_on, follow_up_month, organization, verified) "
                    + "SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::date[], ?::int[], ?::text[], ?::boolean[])");
        }
        audit.write(c, scope);
    }

    /** Column-wise values of a multi-row INSERT ... SELECT FROM unnest(...): one statement for the whole chunk. */
    private static final class Columns {
        private final List<List<String>> columns = new ArrayList<>();

        void add(Object... values) {
            while (columns.size() < values.length) {
                columns.add(new ArrayList<>());
            }
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i] == null ? null : values[i].toString());
            }
        }

        void execute(Connection c, String sql) throws SQLException {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < columns.size(); i++) {
                    Array array = c.createArrayOf("text", columns.get(i).toArray());
                    s.setArray(i + 1, array);
                }
                s.executeUpdate();
            }
        }
    }

    /** The created records' own CREATE events, written with them. */
    private static final class Audit {
        private final Columns events = new Columns();
        private int count;

        void add(String entity, UUID id, AuditChanges changes) {
            events.add(entity, id, new JsonObject(changes.toMap()).encode());
            count++;
        }

        void write(Connection c, AccessScope scope) throws SQLException {
            if (count == 0) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_event (subject, role, action, entity, entity_id, "
                    + "changes, request_id) SELECT ?, ?, ?, entity, entity_id, changes::jsonb, ? FROM unnest(?::text[], "
                    + "?::text[], ?::text[]) AS t(entity, entity_id, changes)")) {
                s.setString(1, scope.subject());
                s.setString(2, scope.role().name());
                s.setString(3, AuditAction.CREATE.name());
                s.setString(4, scope.requestId());
                for (int i = 0; i < 3; i++) {
                    s.setArray(5 + i, c.createArrayOf("text", events.columns.get(i).toArray()));
                }
                s.executeUpdate();
            }
        }
    }
}
