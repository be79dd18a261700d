package ma.forsa.importer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.vertx.core.json.JsonObject;
import ma.forsa.common.ApiException;
import ma.forsa.common.SafeLog;
import ma.forsa.common.db.Notifications;
import ma.forsa.security.AccessScope;

/**
 * The live progress of imports, on every replica: the importer announces each job's progress with {@link #publish}
 * (after each chunk, and once when it finishes) on channel {@link #CHANNEL}; {@link #follow} gives it to a subscriber
 * that may see the job (who started it, or ADMIN: as GET /imports/{id}).
 * <p>
 * The announcement carries the job id, the counts, the status and a SHA-256 of the starting subject (so that replicas
 * that do not hold the job can apply the rule without any personal data in the payload). It describes work done, not a
 * change of data, so it is sent on its own connection as soon as the chunk is processed (a dry run's or an
 * all-or-nothing import's rows count even though they are rolled back at the end; the final status says what was kept).
 */
@ApplicationScoped
public class ImportProgress {

    static final String CHANNEL = "forsa_import";
    private static final Logger LOG = Logger.getLogger(ImportProgress.class);
    private static final Duration PUBLISH_WAIT = Duration.ofSeconds(2);

    private final Notifications notifications;

    @Inject
    public ImportProgress(Notifications notifications) {
        this.notifications = notifications;
    }

    /**
     * Announces the progress of import {@code jobId}, started by {@code subject}: {@code rowsTotal} null while unknown,
     * {@code status} one of ImportJob.Status. Called from the import's worker thread; waits at most 2 s and never fails the
     * import (a lost announcement only delays a progress bar).
     */
    public void publish(UUID jobId, String subject, int rowsDone, Integer rowsTotal, String status) {
        JsonObject o = new JsonObject().put("j", jobId.toString()).put("o", owner(subject)).put("d", rowsDone).put("s", status);
        if (rowsTotal != null) {
            o.put("t", rowsTotal);
        }
        try {
            notifications.publish(CHANNEL, o.encode()).await().atMost(PUBLISH_WAIT);
        } catch (RuntimeException e) {
            LOG.warnf("Could not announce the progress of import %s: %s", jobId, SafeLog.describe(e));
        }
    }

    /**
     * The progress of {@code job} (as stored, already checked visible to the caller: {@link ImportService#find}): its
     * state once this replica listens (read again then through {@code reread}, so that nothing said in between is
     * missed), then each announcement of whichever replica runs it, until the import finishes.
     */
    public Multi<ImportProgressEvent> follow(AccessScope scope, ImportJob job,
            java.util.function.Supplier<io.smallrye.mutiny.Uni<ImportJob>> reread) {
        UUID jobId = job.id;
        if (current(job).finished()) {
            return Multi.createFrom().item(current(job));
        }
        String owner = owner(scope.subject());
        ImportProgressEvent last = new ImportProgressEvent(jobId.toString(), 0, null, "", true);
        return notifications.channel(CHANNEL).onItem().transformToMultiAndConcatenate(payload -> {
            Multi<ImportProgressEvent> events;
            if (payload.isEmpty()) { // listening from now on: the state so far
                events = reread.get().onItem().transformToMulti(now -> Multi.createFrom().item(current(now == null ? job : now)));
            } else {
                ImportProgressEvent event = parse(payload, jobId, scope.isAdmin() ? null : owner);
                events = event == null ? Multi.createFrom().empty() : Multi.createFrom().item(event);
            }
            return events.onItem().transformToMultiAndConcatenate(event -> event.finished()
                    ? Multi.createFrom().items(event, last) : Multi.createFrom().item(event));
        }).select().first(event -> event != last);
    }

    private static ImportProgressEvent current(ImportJob job) {
        int rows;
        synchronized (job) {
            rows = job.rows;
        }
        String status = job.status.name();
        boolean finished = ImportProgressEvent.finished(status);
        return new ImportProgressEvent(job.id.toString(), rows, finished ? rows : null, status, finished);
    }

    /** The announced progress of {@code jobId}, or null (another job, or one {@code owner} did not start; null: any). */
    static ImportProgressEvent parse(String payload, UUID jobId, String owner) {
        try {
            JsonObject o = new JsonObject(payload);
            if (!jobId.toString().equals(o.getString("j")) || owner != null && !owner.equals(o.getString("o"))) {
                return null;
            }
            String status = o.getString("s");
            Integer total = o.getInteger("t");
            return new ImportProgressEvent(jobId.toString(), o.getInteger("d"), total, status, ImportProgressEvent.finished(status));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean visible(AccessScope scope, String startedBy) {
        return scope.isAdmin() || startedBy.equals(scope.subject());
    }

    /** A SHA-256 of the subject that started the import: the payload names no one. */
    static String owner(String subject) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("forsa-import:" + subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
