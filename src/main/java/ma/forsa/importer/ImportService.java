package ma.forsa.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.vertx.core.json.JsonObject;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditChanges;
import ma.forsa.common.ApiException;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.AccessScope;
import ma.forsa.common.Clocks;
import ma.forsa.common.i18n.Messages;
import ma.forsa.enrollment.EligibilityConfig;
import ma.forsa.enrollment.EnrollmentRules;

/**
 * Runs imports on a small pool of worker threads, streaming the file and writing it chunk by chunk
 * over JDBC (see {@link ChunkWriter}): valid-rows mode commits each chunk, all-or-nothing keeps one
 * transaction for the file, a dry run rolls every chunk back. Each import ends with one IMPORT audit
 * event carrying its totals.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    static final String ENTITY = "Import";
    private static final Duration KEEP_FINISHED = Duration.ofHours(24);

    private final AgroalDataSource db;
    private final ReferenceData reference;
    private final ImportKeys keys;
    private final Clock clock;
    private final int chunkSize;
    private final long maxFileSize;
    private final EnrollmentRules.Eligibility eligibility;
    private final Map<UUID, ImportJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ImportLimits limits;
    private final ImportProgress progress;

    @Inject
    public ImportService(AgroalDataSource db, ReferenceData reference, ImportKeys keys, Clock clock, ImportConfig config,
            EligibilityConfig eligibility, ImportProgress progress) {
        this.db = db;
        this.progress = progress;
        this.reference = reference;
        this.keys = keys;
        this.clock = clock;
        this.chunkSize = config.chunkSize();
        this.limits = config.limits();
        this.maxFileSize = config.maxFileSize().asLongValue();
        this.eligibility = EnrollmentRules.Eligibility.of(eligibility);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "forsa-import-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    public long maxFileSize() {
        return maxFileSize;
    }

    /** A started import and the work that completes it. */
    record Started(ImportJob job, Future<?> done) {
    }

    /** Takes ownership of {@code file} (deleted once imported) and starts the import. */
    public Started start(AccessScope scope, Path file, String fileName, boolean dryRun, ImportMode mode) {
        evictOld();
        ImportJob job = new ImportJob(scope, dryRun, mode, fileName);
        jobs.put(job.id, job);
        Future<?> done = workers.submit(() -> run(job, file));
        return new Started(job, done);
    }

    /** Records a file refused before reading it (too large...) as a finished import. */
    public ImportJob refused(AccessScope scope, String fileName, boolean dryRun, ImportMode mode, ImportRefused why) {
        ImportJob job = new ImportJob(scope, dryRun, mode, fileName);
        job.startedAt = Instant.now();
        refuse(job, why);
        jobs.put(job.id, job);
        announce(job);
        return job;
    }

    /** The import, if the caller started it (or is ADMIN); NOT_FOUND otherwise. */
    public ImportJob find(AccessScope scope, UUID id) {
        ImportJob job = jobs.get(id);
        if (job == null || !(scope.isAdmin() || job.scope.subject().equals(scope.subject()))) {
            throw ApiException.notFound("import", id);
        }
        return job;
    }

    /** The import, whoever started it, or null (for the live progress, which applies the caller's scope itself). */
    ImportJob peek(UUID id) {
        return jobs.get(id);
    }

    /** Announces the job's progress to subscribers on every replica ({@link ImportProgress}). */
    private void announce(ImportJob job) {
        int rows;
        synchronized (job) {
            rows = job.rows;
        }
        progress.publish(job.id, job.scope.subject(), rows, job.finished() ? rows : null, job.status.name());
    }

    private void evictOld() {
        Instant limit = Instant.now().minus(KEEP_FINISHED);
        jobs.values().removeIf(j -> j.finished() && j.finishedAt != null && j.finishedAt.isBefore(limit));
    }

    private void run(ImportJob job, Path file) {
        job.startedAt = Instant.now();
        job.status = ImportJob.Status.RUNNING;
        announce(job);
        try {
            job.sha256 = sha256(file);
            ReferenceData.Snapshot snapshot = reference.get().await().atMost(Duration.ofSeconds(30));
            try (SheetReader reader = SheetReader.open(file, limits)) {
                job.format = reader.format();
                importRows(job, reader, snapshot);
            }
        } catch (ImportRefused e) {
            refuse(job, e);
        } catch (Exception e) {
            LOG.errorf(e, "Import %s failed", job.id);
            job.message = "L'import s'est arrêté sur une erreur inattendue après " + job.rows + " lignes. "
                    + (job.mode == ImportMode.ALL_OR_NOTHING || job.dryRun ? "Rien n'a été enregistré."
                            : "Les lignes déjà importées le restent ; renvoyez le même fichier : elles ne seront pas dupliquées.");
            job.status = ImportJob.Status.FAILED;
            recordAuditAlone(job);
        } finally {
            job.finishedAt = Instant.now();
            announce(job);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("Could not delete %s", file);
            }
        }
    }

    private static void refuse(ImportJob job, ImportRefused e) {
        job.reason = e.reason();
        job.message = e.getMessage();
        job.status = ImportJob.Status.REFUSED;
        job.finishedAt = Instant.now();
    }

    private void importRows(ImportJob job, SheetReader reader, ReferenceData.Snapshot snapshot) throws IOException, SQLException {
        SheetReader.Line header = reader.next();
        while (header != null && header.isBlank()) {
            header = reader.next();
        }
        if (header == null) {
            throw new ImportRefused("NO_ROWS", "Le fichier ne contient aucune ligne : remplissez le modèle (une ligne "
                    + "d'en-tête puis une ligne par apprenant) et envoyez-le à nouveau.");
        }
        RowParser parser = new RowParser(columns(header), snapshot, Clocks.today(clock), job.scope.locale());
        ChunkWriter writer = new ChunkWriter(job, eligibility, keys);
        ChunkWriter.Pending dryRunPending = new ChunkWriter.Pending();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<ImportRow> chunk = new ArrayList<>(chunkSize);
                int dataRows = 0;
                for (SheetReader.Line line = reader.next(); line != null; line = reader.next()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    dataRows++;
                    RowParser.Parsed parsed = parser.parse(line);
                    if (parsed.row() == null) {
                        synchronized (job) {
                            job.rows++;
                            job.rejected++;
                            job.problems(parsed.problems());
                        }
                        continue;
                    }
                    chunk.add(parsed.row());
                    if (chunk.size() == chunkSize) {
                        flush(job, writer, c, chunk, dryRunPending);
                        chunk = new ArrayList<>(chunkSize);
                    }
                }
                if (dataRows == 0) {
                    throw new ImportRefused("NO_ROWS", "Le fichier ne contient que la ligne d'en-tête : ajoutez une ligne par "
                            + "apprenant sous l'en-tête et envoyez-le à nouveau.");
                }
                flush(job, writer, c, chunk, dryRunPending);
                finish(job, c);
                LOG.infof("Import %s: %d rows (%s) in %d ms; locks %d ms, look-ups %d ms, rules %d ms, writes %d ms", job.id,
                        job.rows, job.format, Duration.between(job.startedAt, Instant.now()).toMillis(),
                        writer.nanos[0] / 1_000_000, writer.nanos[1] / 1_000_000, writer.nanos[2] / 1_000_000,
                        writer.nanos[3] / 1_000_000);
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void flush(ImportJob job, ChunkWriter writer, Connection c, List<ImportRow> chunk, ChunkWriter.Pending dryRunPending)
            throws SQLException {
        if (chunk.isEmpty()) {
            return;
        }
        if (job.dryRun) {
            ChunkWriter.ChunkResult o = writer.process(c, chunk, dryRunPending);
            c.rollback();
            add(job, chunk.size(), o);
        } else if (job.mode == ImportMode.ALL_OR_NOTHING) {
            add(job, chunk.size(), writer.process(c, chunk, new ChunkWriter.Pending()));
        } else {
            try {
                ChunkWriter.ChunkResult o = writer.process(c, chunk, new ChunkWriter.Pending());
                c.commit();
                add(job, chunk.size(), o);
            } catch (SQLException e) {
                // A concurrent change (same learner, same centre...) made the chunk fail: retry its rows one by one.
                c.rollback();
                LOG.warnf("Import %s: chunk failed (%s), retrying row by row", job.id, e.getMessage());
                for (ImportRow row : chunk) {
                    try {
                        ChunkWriter.ChunkResult o = writer.process(c, List.of(row), new ChunkWriter.Pending());
                        c.commit();
                        add(job, 1, o);
                    } catch (SQLException again) {
                        c.rollback();
                        synchronized (job) {
                            job.rows++;
                            job.rejected++;
                            job.problem(new ImportProblem(row.line(), null, null,
                                    Messages.text(job.scope.locale(), "import.row.retry")));
                        }
                    }
                }
            }
        }
        announce(job);
    }

    private static void add(ImportJob job, int rows, ChunkWriter.ChunkResult o) {
        synchronized (job) {
            job.rows += rows;
            job.rejected += o.rejectedLines().size();
            job.imported += o.imported();
            job.learnersCreated += o.learnersCreated();
            job.learnersLinked += o.learnersLinked();
            job.enrollmentsCreated += o.enrollmentsCreated();
            job.enrollmentsAlreadyPresent += o.enrollmentsAlreadyPresent();
            job.outcomesCreated += o.outcomesCreated();
            job.duplicatesSuspected += o.duplicatesSuspected();
            job.problems(o.problems());
        }
    }

    private void finish(ImportJob job, Connection c) throws SQLException {
        if (job.dryRun) {
            c.rollback();
            job.message = "Simulation : " + job.rows + " lignes lues, " + job.imported + " seraient importées, " + job.rejected
                    + " sont en erreur. Rien n'a été enregistré.";
            job.status = ImportJob.Status.COMPLETED;
            return;
        }
        if (job.mode == ImportMode.ALL_OR_NOTHING && job.hasProblems()) {
            c.rollback();
            synchronized (job) {
                job.imported = 0;
                job.learnersCreated = 0;
                job.learnersLinked = 0;
                job.enrollmentsCreated = 0;
                job.enrollmentsAlreadyPresent = 0;
                job.outcomesCreated = 0;
            }
            job.message = "Fichier rejeté : " + job.rejected + " ligne(s) en erreur sur " + job.rows + " (mode tout ou rien). "
                    + "Rien n'a été enregistré : corrigez les lignes signalées et envoyez le fichier à nouveau.";
            job.status = ImportJob.Status.REJECTED;
            recordAudit(job, c);
            c.commit();
            return;
        }
        job.message = job.rows + " lignes lues : " + job.imported + " importées (" + job.learnersCreated
                + " apprenants créés, " + job.learnersLinked + " rattachés à un apprenant existant), " + job.rejected
                + " en erreur" + (job.rejected > 0 ? " (non importées, voir la liste)." : ".");
        job.status = ImportJob.Status.COMPLETED;
        recordAudit(job, c);
        c.commit();
    }

    /** The one IMPORT event of an import, with its totals. */
    private static void recordAudit(ImportJob job, Connection c) throws SQLException {
        ImportReport.Totals t = job.report().totals();
        AuditChanges changes = AuditChanges.create().note("status", job.status.name()).note("mode", job.mode.value)
                .note("format", job.format).note("sha256", job.sha256).note("rows", t.rows())
                .note("imported", t.imported()).note("rejected", t.rejected()).note("learnersCreated", t.learnersCreated())
                .note("learnersLinked", t.learnersLinked()).note("enrollmentsCreated", t.enrollmentsCreated())
                .note("enrollmentsAlreadyPresent", t.enrollmentsAlreadyPresent()).note("outcomesCreated", t.outcomesCreated())
                .note("duplicatesSuspected", t.duplicatesSuspected());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_event (subject, role, action, entity, entity_id, "
                + "changes, request_id) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)")) {
            s.setString(1, job.scope.subject());
            s.setString(2, job.scope.role().name());
            s.setString(3, AuditAction.IMPORT.name());
            s.setString(4, ENTITY);
            s.setString(5, job.id.toString());
            s.setString(6, new JsonObject(changes.toMap()).encode());
            s.setString(7, job.scope.requestId());
            s.executeUpdate();
        }
    }

    private void recordAuditAlone(ImportJob job) {
        if (job.dryRun) {
            return;
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(true);
            recordAudit(job, c);
        } catch (SQLException e) {
            LOG.errorf(e, "Import %s: could not record the IMPORT audit event", job.id);
        }
    }

    /** Maps the header line to columns; refuses unknown, repeated or missing required headers. */
    static Map<ImportColumn, Integer> columns(SheetReader.Line header) {
        Map<ImportColumn, Integer> columns = new EnumMap<>(ImportColumn.class);
        List<String> unknown = new ArrayList<>();
        List<String> repeated = new ArrayList<>();
        for (int i = 0; i < header.cells().size(); i++) {
            String cell = header.cells().get(i);
            if (cell == null || cell.isBlank()) {
                continue;
            }
            ImportColumn column = ImportColumn.byHeader(cell);
            if (column == null) {
                unknown.add(cell.strip());
            } else if (columns.putIfAbsent(column, i) != null) {
                repeated.add(column.header);
            }
        }
        List<String> missing = Stream.of(ImportColumn.values()).filter(c -> c.required && !columns.containsKey(c))
                .map(c -> c.header).toList();
        if (!unknown.isEmpty() || !repeated.isEmpty() || !missing.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add("colonnes obligatoires absentes : " + quoted(missing));
            }
            if (!unknown.isEmpty()) {
                parts.add("colonnes inconnues : " + quoted(unknown.stream().limit(10).toList()));
            }
            if (!repeated.isEmpty()) {
                parts.add("colonnes en double : " + quoted(repeated));
            }
            throw new ImportRefused("BAD_HEADERS", "La première ligne du fichier doit reprendre les en-têtes du modèle ; "
                    + String.join(" ; ", parts) + ". Téléchargez le modèle (GET /imports/template.xlsx ou "
                    + "/imports/template.csv), gardez ses en-têtes tels quels et collez vos lignes dessous.");
        }
        return columns;
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "« " + (n.length() > 60 ? n.substring(0, 60) + "…" : n) + " »")
                .collect(Collectors.joining(", "));
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
