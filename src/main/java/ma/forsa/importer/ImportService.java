package ma.forsa.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import ma.forsa.audit.AuditAction;
import ma.forsa.audit.AuditChanges;
import ma.forsa.common.ApiException;
import ma.forsa.common.Clocks;
import ma.forsa.common.SafeLog;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;
import ma.forsa.common.db.WorkerConnection;
import ma.forsa.common.i18n.Messages;
import ma.forsa.enrollment.EligibilityConfig;
import ma.forsa.enrollment.EnrollmentRules;
import ma.forsa.reference.ReferenceData;
import ma.forsa.security.AccessScope;

/**
 * Import jobs, durable and shared by the replicas. An upload becomes a row of {@code import_job} with its file in
 * {@code import_file_chunk} (one transaction); worker threads of any replica claim work ({@code FOR UPDATE SKIP LOCKED}:
 * a PENDING job, or a RUNNING one whose heartbeat is older than {@code forsa.import.stale-after}) and run it over the
 * import pool ({@link ma.forsa.common.db.Db#worker()}, the reactive client), chunk by chunk (see {@link ChunkWriter}):
 * <ul>
 * <li>valid-rows mode commits each chunk together with the job's progress ({@code lines_done}, totals, problems): a
 * resumed job skips the lines already committed;</li>
 * <li>all-or-nothing first validates the whole file like a dry run (each chunk rolled back: no lock kept), then, when
 * every row is valid, writes it again from the stored file in one transaction that also ends the job (a concurrent
 * change that makes a row invalid meanwhile rolls it all back: REJECTED);</li>
 * <li>a dry run rolls every chunk back.</li>
 * </ul>
 * An import writes an IMPORT audit event when it starts writing (its file's header accepted) and another when it ends,
 * with its totals (dry runs write none). On shutdown the workers stop claiming, finish or abandon their chunk and hand
 * their job back (PENDING) for another replica to resume.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    static final String ENTITY = "Import";

    /** The worker gave its job up (shutdown, or its claim was taken over): another worker resumes it. */
    static final class Abandoned extends RuntimeException {
        Abandoned(String why) {
            super(why, null, false, false);
        }
    }

    private final Db db;
    private final ReferenceData reference;
    private final ImportKeys keys;
    private final Clock clock;
    private final ImportConfig config;
    private final int chunkSize;
    private final long maxFileSize;
    private final EnrollmentRules.Eligibility eligibility;
    private final ImportLimits limits;
    private final String name;
    private final Semaphore wake = new Semaphore(0);
    private final Map<UUID, CompletableFuture<ImportJob>> waiting = new ConcurrentHashMap<>();
    private final Map<UUID, ImportJob> running = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private ScheduledExecutorService housekeeping;
    private volatile boolean stopping;

    /** Announces progress to subscribers on every replica; null for a replica a test builds by hand. */
    private final ImportProgress progress;

    @Inject
    public ImportService(Db db, ReferenceData reference, ImportKeys keys, Clock clock, ImportConfig config,
            EligibilityConfig eligibility, ImportProgress progress) {
        this.progress = progress;
        this.db = db;
        this.reference = reference;
        this.keys = keys;
        this.clock = clock;
        this.config = config;
        this.chunkSize = config.chunkSize();
        this.limits = config.limits();
        this.maxFileSize = config.maxFileSize().asLongValue();
        this.eligibility = EnrollmentRules.Eligibility.of(eligibility);
        this.name = workerName();
    }

    /** A second "replica" in a test's JVM (announces nothing). */
    ImportService(Db db, ReferenceData reference, ImportKeys keys, Clock clock, ImportConfig config,
            EligibilityConfig eligibility) {
        this(db, reference, keys, clock, config, eligibility, null);
    }

    /** Tells subscribers of importProgress how far the job is (after it starts, after each chunk, when it ends). */
    private void announce(ImportJob job) {
        if (progress == null) {
            return;
        }
        int rows;
        synchronized (job) {
            rows = job.rows;
        }
        progress.publish(job.id, job.scope.subject(), rows, job.finished() ? rows : null, job.status.name());
    }

    private static String workerName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "local");
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    void onStart(@Observes StartupEvent start) {
        startWorkers();
    }

    /** Starts the worker threads and the heartbeat (package-private: tests start a second "replica"). */
    synchronized void startWorkers() {
        if (!workers.isEmpty() || stopping) {
            return;
        }
        for (int i = 1; i <= config.workers(); i++) {
            Thread t = new Thread(this::work, "forsa-import-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "forsa-import-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long beat = Math.max(100, config.staleAfter().toMillis() / 3);
        housekeeping.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        long clean = config.cleanupInterval().toMillis();
        housekeeping.scheduleWithFixedDelay(this::cleanUp, clean, clean, TimeUnit.MILLISECONDS);
        LOG.infof("Import worker %s: %d threads, poll every %d ms, stale after %d ms", name, config.workers(),
                config.pollInterval().toMillis(), config.staleAfter().toMillis());
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopWorkers();
    }

    /**
     * Stops claiming, lets each worker finish or abandon its chunk (up to {@code forsa.import.shutdown-grace}) and hands
     * its job back (PENDING) for another replica.
     */
    @PreDestroy
    synchronized void stopWorkers() {
        if (stopping) {
            return;
        }
        stopping = true;
        wake.release(workers.size() + 1);
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        for (Thread t : workers) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ImportJob job : running.values()) { // a worker still inside a chunk: its commit will find the claim gone
            handBack(job);
        }
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
    }

    public long maxFileSize() {
        return maxFileSize;
    }

    /** A stored import and the local completion of it (which never comes when another replica runs it). */
    record Started(ImportJob job, CompletableFuture<ImportJob> done) {
    }

    /** Stores the import with its file (any replica may run it) and wakes a local worker. */
    public Started start(AccessScope scope, InputStream file, long size, String fileName, boolean dryRun, ImportMode mode)
            throws IOException {
        ImportJob job = new ImportJob(UUID.randomUUID(), scope, dryRun, mode, fileName, clock.instant());
        CompletableFuture<ImportJob> done = new CompletableFuture<>();
        waiting.put(job.id, done);
        try (WorkerConnection c = db.worker()) {
            ImportJobs.insert(c, job, size, file); // rolled back by close() unless committed
            c.commit();
        } catch (WorkerConnection.Failure e) {
            waiting.remove(job.id);
            throw new IllegalStateException("Could not store the import", e);
        } catch (IOException | RuntimeException e) {
            waiting.remove(job.id);
            throw e;
        }
        wake.release();
        return new Started(job, done);
    }

    /** Stops waiting for an import locally (the caller answers 202). */
    void forget(UUID id) {
        waiting.remove(id);
    }

    /** Records a file refused before reading it (too large...) as a finished import. */
    public ImportJob refused(AccessScope scope, String fileName, boolean dryRun, ImportMode mode, ImportRefused why) {
        ImportJob job = new ImportJob(UUID.randomUUID(), scope, dryRun, mode, fileName, clock.instant());
        job.startedAt = job.createdAt;
        refuse(job, why);
        try (WorkerConnection c = db.worker()) {
            c.autoCommit(true);
            ImportJobs.insert(c, job, 0, null);
            c.update(Sql.of("UPDATE import_job SET reason = ?, message = ?, started_at = ?, finished_at = ? WHERE id = ?",
                    job.reason, job.message, ImportJobs.at(job.startedAt), ImportJobs.at(job.finishedAt), job.id));
        } catch (WorkerConnection.Failure | IOException e) {
            throw new IllegalStateException("Could not record the refused import", e);
        }
        announce(job);
        return job;
    }

    /** The import as stored (any replica's), if the caller started it (or is ADMIN); NOT_FOUND otherwise. */
    public Uni<ImportJob> find(AccessScope scope, UUID id) {
        return db.one(Sql.of(ImportJobs.SELECT_JOB, id), r -> ImportJob.fromJson(new JsonObject(r.string("job"))))
                .map(job -> {
                    if (job == null || !(scope.isAdmin() || job.scope.subject().equals(scope.subject()))) {
                        throw ApiException.notFound("import", id);
                    }
                    return job;
                });
    }

    // ---------------------------------------------------------------- workers

    private void work() {
        while (!stopping) {
            ImportJob job = null;
            try {
                job = claim();
            } catch (Exception e) {
                LOG.warnf("Import worker %s: could not claim work (%s)", name, e.getMessage());
            }
            if (job == null) {
                try {
                    wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            run(job);
        }
    }

    /** Claims one job, or null (package-private: tests run a job under their own claim). */
    ImportJob claim() {
        if (stopping) {
            return null;
        }
        try (WorkerConnection c = db.worker()) {
            Instant now = clock.instant();
            ImportJob job = ImportJobs.claim(c, name, now, now.minus(config.staleAfter()));
            if (job != null && job.attempts > 1) {
                LOG.infof("Import %s: resumed by %s after line %d", job.id, name, job.linesDone);
            }
            return job;
        }
    }

    private void heartbeat() {
        if (running.isEmpty()) {
            return;
        }
        try (WorkerConnection c = db.worker()) {
            c.autoCommit(true);
            for (ImportJob job : running.values()) {
                if (!ImportJobs.heartbeat(c, job, clock.instant())) {
                    job.lost = true;
                }
            }
        } catch (Exception e) {
            LOG.warnf("Import worker %s: heartbeat failed (%s)", name, e.getMessage());
        }
    }

    private void cleanUp() {
        try (WorkerConnection c = db.worker()) {
            c.autoCommit(true);
            int n = ImportJobs.cleanUp(c, clock.instant().minus(config.keepFinished()));
            if (n > 0) {
                LOG.infof("Import clean-up: %d rows of ended imports deleted", n);
            }
        } catch (Exception e) {
            LOG.warnf("Import clean-up failed (%s)", e.getMessage());
        }
    }

    private void handBack(ImportJob job) {
        try (WorkerConnection c = db.worker()) {
            c.autoCommit(true);
            if (ImportJobs.handBack(c, job)) {
                LOG.infof("Import %s: handed back after line %d", job.id, job.linesDone);
            }
        } catch (Exception e) {
            LOG.warnf("Import %s: could not hand it back (%s); it resumes once its heartbeat is stale", job.id, e.getMessage());
        }
    }

    /** Runs a claimed job to its end, or until it is abandoned (package-private for tests). */
    void run(ImportJob job) {
        running.put(job.id, job);
        Path file = null;
        try {
            file = workFile(job.id);
            try (WorkerConnection c = db.worker()) {
                if (!ImportJobs.readFile(c, job.id, file)) {
                    throw new IllegalStateException("the file of the import is gone");
                }
                c.commit();
                job.sha256 = sha256(file);
                announce(job);
                ReferenceData.Snapshot snapshot = reference.get().await().atMost(Duration.ofSeconds(30));
                try {
                    importRows(job, file, snapshot, c);
                } catch (ImportRefused e) {
                    c.rollback();
                    refuse(job, e);
                    end(job, c);
                }
            }
        } catch (Abandoned e) {
            LOG.infof("Import %s: %s", job.id, e.getMessage());
            handBack(job);
        } catch (Exception e) {
            if (job.lost || stopping) {
                LOG.infof(e, "Import %s: stopped (%s)", job.id, stopping ? "shutting down" : "claim taken over");
                handBack(job);
            } else {
                LOG.errorf(e, "Import %s failed", job.id);
                job.message = "L'import s'est arrêté sur une erreur inattendue après " + job.rows + " lignes. "
                        + (job.mode == ImportMode.ALL_OR_NOTHING || job.dryRun ? "Rien n'a été enregistré."
                                : "Les lignes déjà importées le restent ; renvoyez le même fichier : elles ne seront pas dupliquées.");
                job.status = ImportJob.Status.FAILED;
                try (WorkerConnection c = db.worker()) {
                    end(job, c);
                } catch (Exception again) {
                    LOG.errorf(again, "Import %s: could not record its failure", job.id);
                }
            }
        } finally {
            running.remove(job.id);
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warnf("Could not delete %s", file);
                }
            }
            CompletableFuture<ImportJob> done = waiting.remove(job.id);
            if (done != null && job.finished()) {
                done.complete(job);
            } else if (done != null) {
                waiting.put(job.id, done); // handed back: another worker (maybe local) will finish it
            }
        }
    }

    /** A file for the job's copy in the service's own folder (forsa.import.work-dir), created owner-only. */
    private Path workFile(UUID id) throws IOException {
        Path dir = Path.of(config.workDir());
        Files.createDirectories(dir);
        Path file = dir.resolve("import-" + id + ".upload");
        Files.deleteIfExists(file); // a copy left by a crash of this replica
        try {
            return Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createFile(file);
        }
    }

    private void refuse(ImportJob job, ImportRefused e) {
        job.reason = e.reason();
        job.message = e.getMessage();
        job.status = ImportJob.Status.REFUSED;
        job.finishedAt = clock.instant();
    }

    /** Ends the job in the connection's transaction (its state, the IMPORT event of its end, its file deleted), commits. */
    private void end(ImportJob job, WorkerConnection c) {
        if (job.finishedAt == null) {
            job.finishedAt = clock.instant();
        }
        if (!job.dryRun && (job.status != ImportJob.Status.REFUSED || job.startAudited)) {
            recordAudit(job, c, "end");
        }
        save(job, c);
        c.commit();
        announce(job);
    }

    /** Writes the job's state under its claim, or abandons it (another worker holds it now). */
    private void save(ImportJob job, WorkerConnection c) {
        if (!ImportJobs.save(c, job, clock.instant())) {
            c.rollback();
            throw new Abandoned("its claim was taken over by another worker");
        }
    }

    private void checkpoint(ImportJob job) {
        if (stopping) {
            throw new Abandoned("handed back on shutdown after line " + job.linesDone);
        }
        if (job.lost) {
            throw new Abandoned("its claim was taken over by another worker");
        }
    }

    private void importRows(ImportJob job, Path file, ReferenceData.Snapshot snapshot, WorkerConnection c) throws IOException {
        Instant t0 = clock.instant();
        if (job.dryRun) {
            job.resetCounts();
            pass(job, file, snapshot, c, Pass.CHECK);
            job.message = "Simulation : " + job.rows + " lignes lues, " + job.imported + " seraient importées, " + job.rejected
                    + " sont en erreur. Rien n'a été enregistré.";
            job.status = ImportJob.Status.COMPLETED;
            end(job, c);
        } else if (job.mode == ImportMode.ALL_OR_NOTHING) {
            job.resetCounts();
            job.linesDone = 0;
            pass(job, file, snapshot, c, Pass.CHECK);
            if (!job.hasProblems()) {
                job.resetCounts();
                pass(job, file, snapshot, c, Pass.WRITE_ALL);
            }
            if (job.hasProblems()) {
                c.rollback();
                job.resetWrites();
                job.message = "Fichier rejeté : " + job.rejected + " ligne(s) en erreur sur " + job.rows
                        + " (mode tout ou rien). Rien n'a été enregistré : corrigez les lignes signalées et envoyez le "
                        + "fichier à nouveau.";
                job.status = ImportJob.Status.REJECTED;
                end(job, c);
            } else {
                completed(job);
                end(job, c); // in the transaction of the writes
            }
        } else {
            pass(job, file, snapshot, c, Pass.WRITE_CHUNKS);
            completed(job);
            end(job, c);
        }
        long[] n = job.nanos;
        LOG.infof("Import %s: %d rows (%s) in %d ms; read %d ms, locks %d ms, look-ups %d ms, rules %d ms, writes %d ms, "
                + "commits %d ms", job.id, job.rows, job.format, Duration.between(t0, clock.instant()).toMillis(),
                n[0] / 1_000_000, n[1] / 1_000_000, n[2] / 1_000_000, n[3] / 1_000_000, n[4] / 1_000_000, n[5] / 1_000_000);
    }

    private static void completed(ImportJob job) {
        job.message = job.rows + " lignes lues : " + job.imported + " importées (" + job.learnersCreated
                + " apprenants créés, " + job.learnersLinked + " rattachés à un apprenant existant), " + job.rejected
                + " en erreur" + (job.rejected > 0 ? " (non importées, voir la liste)." : ".");
        job.status = ImportJob.Status.COMPLETED;
    }

    /**
     * CHECK: every chunk rolled back (a dry run, all-or-nothing's validation), progress committed after each; WRITE_CHUNKS:
     * each chunk committed with the job's progress, resuming after {@code linesDone}; WRITE_ALL: one transaction for the
     * whole file, left open for the caller to end the job in it.
     */
    private enum Pass {
        CHECK, WRITE_CHUNKS, WRITE_ALL
    }

    private void pass(ImportJob job, Path file, ReferenceData.Snapshot snapshot, WorkerConnection c, Pass pass)
            throws IOException {
        job.phase = pass == Pass.CHECK ? ImportJob.Phase.VALIDATING : ImportJob.Phase.WRITING;
        int skip = pass == Pass.WRITE_CHUNKS ? job.linesDone : 0;
        try (SheetReader reader = SheetReader.open(file, limits)) {
            job.format = reader.format();
            SheetReader.Line header = reader.next();
            while (header != null && header.isBlank()) {
                header = reader.next();
            }
            if (header == null) {
                throw new ImportRefused("NO_ROWS", "Le fichier ne contient aucune ligne : remplissez le modèle (une ligne "
                        + "d'en-tête puis une ligne par apprenant) et envoyez-le à nouveau.");
            }
            RowParser parser = new RowParser(columns(header), snapshot, Clocks.today(clock), job.scope.locale());
            ChunkWriter writer = new ChunkWriter(pass == Pass.CHECK ? job.asDryRun() : job, job.nanos, eligibility, keys, clock);
            ChunkWriter.Pending carried = new ChunkWriter.Pending();
            // The file is read and parsed a chunk ahead, on a thread of its own, while this one writes (the two cores
            // are the JVM's and PostgreSQL's: reading no longer waits for the writes, nor they for it). What it hands
            // over is applied here, in file order: refused lines, the start event, chunks, progress.
            BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(2);
            Thread reading = Thread.ofVirtual().name("forsa-import-read").start(() -> read(job, reader, parser, skip, batches));
            try {
                List<ImportRow> chunk = new ArrayList<>(chunkSize);
                for (;;) {
                    Batch b = take(batches);
                    if (b.line() >= 1 && !job.dryRun && !job.startAudited) { // a file with rows: it starts before any write
                        job.startAudited = true;
                        recordAudit(job, c, "start");
                        save(job, c);
                        c.commit();
                    }
                    if (!b.refused().isEmpty()) {
                        synchronized (job) {
                            for (RowParser.Parsed parsed : b.refused()) {
                                job.rows++;
                                job.rejected++;
                                job.problems(parsed.problems());
                            }
                        }
                    }
                    if (b.failure() != null) {
                        throw rethrow(b.failure());
                    }
                    chunk.addAll(b.rows());
                    if (b.last()) {
                        if (b.line() == 0) {
                            throw new ImportRefused("NO_ROWS", "Le fichier ne contient que la ligne d'en-tête : ajoutez une "
                                    + "ligne par apprenant sous l'en-tête et envoyez-le à nouveau.");
                        }
                        flush(job, writer, c, chunk, carried, pass, b.line());
                        return;
                    }
                    if (chunk.size() >= chunkSize) {
                        flush(job, writer, c, chunk, carried, pass, b.line());
                        chunk = new ArrayList<>(chunkSize);
                    }
                }
            } finally {
                reading.interrupt(); // a reader blocked on a full queue stops; the file is closed once it has
                boolean interrupted = false;
                while (reading.isAlive()) {
                    try {
                        reading.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * What the reading thread hands the worker, in file order: up to a chunk of parsed rows, the lines refused while
     * parsing them (handed over on their own every chunk-size refusals, so that a file of bad lines holds no more), the
     * count of data lines read so far, and at the end {@code last}, or the failure that stopped the reading.
     */
    private record Batch(List<ImportRow> rows, List<RowParser.Parsed> refused, int line, boolean last, Throwable failure) {
    }

    private void read(ImportJob job, SheetReader reader, RowParser parser, int skip, BlockingQueue<Batch> batches) {
        List<ImportRow> rows = new ArrayList<>(chunkSize);
        List<RowParser.Parsed> refused = new ArrayList<>();
        int line = 0;
        try {
            long mark = System.nanoTime();
            for (SheetReader.Line l = reader.next(); l != null; l = reader.next()) {
                if (l.isBlank()) {
                    continue;
                }
                line++;
                if (line <= skip) {
                    continue;
                }
                RowParser.Parsed parsed = parser.parse(l);
                if (parsed.row() == null) {
                    refused.add(parsed);
                } else {
                    rows.add(parsed.row());
                }
                if (rows.size() == chunkSize || refused.size() == chunkSize) {
                    job.nanos[0] += System.nanoTime() - mark;
                    boolean full = rows.size() == chunkSize;
                    batches.put(new Batch(full ? rows : List.of(), refused, line, false, null));
                    if (full) {
                        rows = new ArrayList<>(chunkSize);
                    }
                    refused = new ArrayList<>();
                    mark = System.nanoTime();
                }
            }
            job.nanos[0] += System.nanoTime() - mark;
            batches.put(new Batch(rows, refused, line, true, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the worker stopped taking: nothing more to hand over
        } catch (Throwable failure) { // whatever stops the reading reaches the worker, which would wait for it otherwise
            try {
                batches.put(new Batch(List.of(), refused, line, true, failure));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Batch take(BlockingQueue<Batch> batches) {
        try {
            return batches.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Abandoned("interrupted while waiting for the file's next lines");
        }
    }

    /** The reading thread's failure, thrown again by the worker as it was thrown there. */
    private static RuntimeException rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
    }

    private void flush(ImportJob job, ChunkWriter writer, WorkerConnection c, List<ImportRow> chunk, ChunkWriter.Pending carried,
            Pass pass, int line) {
        switch (pass) {
            case CHECK -> {
                if (!chunk.isEmpty()) {
                    ChunkWriter.ChunkResult o = writer.process(c, chunk, carried, false);
                    c.rollback();
                    add(job, chunk.size(), o);
                }
                long t = System.nanoTime();
                save(job, c);
                c.commit();
                job.nanos[5] += System.nanoTime() - t;
                announce(job);
                checkpoint(job);
            }
            case WRITE_ALL -> {
                if (!chunk.isEmpty()) {
                    add(job, chunk.size(), writer.process(c, chunk, new ChunkWriter.Pending(), false));
                }
                checkpoint(job);
            }
            case WRITE_CHUNKS -> {
                if (!chunk.isEmpty()) {
                    writeChunk(job, writer, c, chunk);
                }
                job.linesDone = line;
                long t = System.nanoTime();
                save(job, c);
                commitChunk(c);
                upkeep(job, c);
                job.nanos[5] += System.nanoTime() - t;
                announce(job);
                checkpoint(job);
            }
        }
    }

    /**
     * Commits a chunk with its progress without waiting for the disk: should PostgreSQL crash just after, it loses the
     * chunk whole (rows, audit events and {@code lines_done} together, in WAL order), and the job resumes before it. The
     * job's end is committed durably ({@link #end}).
     */
    private static void commitChunk(WorkerConnection c) {
        c.execute("SET LOCAL synchronous_commit = off");
        c.commit();
    }

    /**
     * Between two committed chunks, every {@code forsa.import.vacuum-every} learners created: VACUUM of the learner
     * table, outside any transaction, with ANALYZE when the import has doubled what it had created at the last one.
     * At 1,000,000 rows, with the table never vacuumed during the import, duplicate suspicion read the table for every
     * candidate born the same day (63 ms per chunk instead of 18).
     */
    private void upkeep(ImportJob job, WorkerConnection c) {
        int every = config.vacuumEvery();
        if (every <= 0 || job.learnersCreated - job.learnersAtVacuum < every) {
            return;
        }
        job.learnersAtVacuum = job.learnersCreated;
        // statistics each time this import has doubled what it created (they change little past that; ANALYZE reads
        // a sample across the whole table): 6 times at 1,000,000 rows instead of 50
        boolean analyse = job.learnersCreated >= 2 * job.learnersAtAnalyse;
        if (analyse) {
            job.learnersAtAnalyse = job.learnersCreated;
        }
        // INDEX_CLEANUP OFF: what is needed is the visibility map of the new pages; an index clean-up would read the
        // whole trigram index each time (GIN counts its pages), and an import leaves no dead rows to clean up.
        c.autoCommit(true);
        try {
            c.execute("VACUUM (INDEX_CLEANUP OFF, SKIP_LOCKED" + (analyse ? ", ANALYZE" : "") + ") learner");
        } catch (WorkerConnection.Failure e) {
            // upkeep: the rows are committed, and autovacuum does the same later
            LOG.warnf("Import %s: VACUUM of learner failed (%s); the import goes on", job.id, SafeLog.describe(e));
        } finally {
            c.autoCommit(false);
        }
    }

    /** Writes a chunk (uncommitted); a chunk a concurrent change made fail is retried row by row, each row committed. */
    private void writeChunk(ImportJob job, ChunkWriter writer, WorkerConnection c, List<ImportRow> chunk) {
        try {
            add(job, chunk.size(), writer.process(c, chunk, new ChunkWriter.Pending(), true));
        } catch (WorkerConnection.Failure e) {
            c.rollback();
            LOG.warnf("Import %s: chunk failed (%s), retrying row by row", job.id, e.getMessage());
            for (ImportRow row : chunk) {
                try {
                    ChunkWriter.ChunkResult o = writer.process(c, List.of(row), new ChunkWriter.Pending(), true);
                    c.commit();
                    add(job, 1, o);
                } catch (WorkerConnection.Failure again) {
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

    /** An IMPORT event: {@code phase} start (the file's header and a first row read, before any write) or end (with the totals). */
    private static void recordAudit(ImportJob job, WorkerConnection c, String phase) {
        ImportReport.Totals t = job.report().totals();
        AuditChanges changes = AuditChanges.create().note("phase", phase).note("mode", job.mode.value)
                .note("format", job.format).note("sha256", job.sha256);
        if ("end".equals(phase)) {
            changes.note("status", job.status.name()).note("rows", t.rows())
                    .note("imported", t.imported()).note("rejected", t.rejected()).note("learnersCreated", t.learnersCreated())
                    .note("learnersLinked", t.learnersLinked()).note("enrollmentsCreated", t.enrollmentsCreated())
                    .note("enrollmentsAlreadyPresent", t.enrollmentsAlreadyPresent())
                    .note("outcomesCreated", t.outcomesCreated()).note("duplicatesSuspected", t.duplicatesSuspected());
        } else {
            changes.note("status", ImportJob.Status.RUNNING.name());
        }
        c.update(Sql.of("INSERT INTO audit_event (subject, role, action, entity, entity_id, changes, request_id) "
                + "VALUES (?, ?, ?, ?, ?, ?::text::jsonb, ?)", job.scope.subject(), job.scope.role().name(),
                AuditAction.IMPORT.name(), ENTITY, job.id.toString(), new JsonObject(changes.toMap()).encode(),
                job.scope.requestId()));
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
