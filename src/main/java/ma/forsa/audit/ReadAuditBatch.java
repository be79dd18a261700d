package ma.forsa.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;

/**
 * Group commit of READ_PERSONAL events: the events of the requests that ask while a write is on its way are written
 * together by the next one, in one INSERT and one commit, so that a busy service pays one durable commit for many reads
 * instead of one per read (an idle one writes each request's events at once). Every request is still served only once
 * its own events are committed ({@link #append} completes then, on the request's own Vert.x context), and a write that
 * fails is tried again for each request alone, so that one request's unwritable event (a subject longer than
 * audit_event.subject, say) fails that request only. The writes go to the audit connection ({@link Db#groupCommit}),
 * which no read waits for and which waits for no read.
 */
@ApplicationScoped
public class ReadAuditBatch {

    /** Events written by one INSERT at most (a request's own events are never split). */
    static final int MAX_ROWS = 1000;

    /** One READ_PERSONAL event: a learner's personal fields read by {@code subject}, under an access grant or not. */
    public record Event(String subject, String role, String learnerId, String grantId, String requestId) {
    }

    private record Waiting(List<Event> events, Context context, CompletableFuture<Void> done) {
    }

    private final Function<List<Event>, Uni<Void>> writer;
    private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    @Inject
    public ReadAuditBatch(Db db) {
        this(events -> insert(db, events));
    }

    ReadAuditBatch(Function<List<Event>, Uni<Void>> writer) {
        this.writer = writer;
    }

    /** Completes once {@code events} are committed; fails when they cannot be. */
    public Uni<Void> append(List<Event> events) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            queue.add(new Waiting(List.copyOf(events), Vertx.currentContext(), done));
            drain();
            return Uni.createFrom().completionStage(done);
        });
    }

    /** Starts the next write with what is waiting, unless one is on its way (it starts the next when it ends). */
    private void drain() {
        while (writing.compareAndSet(false, true)) {
            List<Waiting> batch = new ArrayList<>();
            int rows = 0;
            Waiting next;
            while (rows < MAX_ROWS && (next = queue.poll()) != null) {
                batch.add(next);
                rows += next.events().size();
            }
            if (!batch.isEmpty()) {
                write(batch);
                return;
            }
            writing.set(false);
            if (queue.isEmpty()) {
                return; // anything added after this check starts its own write
            }
        }
    }

    private void write(List<Waiting> batch) {
        List<Event> rows = batch.stream().flatMap(w -> w.events().stream()).toList();
        Uni.createFrom().deferred(() -> writer.apply(rows)).subscribe().with(ok -> written(batch, null), failure -> {
            if (batch.size() == 1) {
                written(batch, failure);
                return;
            }
            release();
            for (Waiting alone : batch) { // whose event could not be written: each request's events on their own
                Uni.createFrom().deferred(() -> writer.apply(alone.events())).subscribe()
                        .with(ok -> resume(alone, null), again -> resume(alone, again));
            }
        });
    }

    private void written(List<Waiting> batch, Throwable failure) {
        release();
        batch.forEach(w -> resume(w, failure));
    }

    private void release() {
        writing.set(false);
        drain();
    }

    /** Completes a request's wait on its own context (its continuation runs where the request runs). */
    private static void resume(Waiting w, Throwable failure) {
        Runnable complete = () -> {
            if (failure == null) {
                w.done().complete(null);
            } else {
                w.done().completeExceptionally(failure);
            }
        };
        if (w.context() == null || w.context() == Vertx.currentContext()) {
            complete.run();
        } else {
            w.context().runOnContext(ignored -> complete.run());
        }
    }

    private static Uni<Void> insert(Db db, List<Event> events) {
        int n = events.size();
        String[] subjects = new String[n], roles = new String[n], learners = new String[n], grants = new String[n],
                requests = new String[n];
        for (int i = 0; i < n; i++) {
            Event e = events.get(i);
            subjects[i] = e.subject();
            roles[i] = e.role();
            learners[i] = e.learnerId();
            grants[i] = e.grantId();
            requests[i] = e.requestId();
        }
        return db.groupCommit(Sql.of("INSERT INTO audit_event (subject, role, action, entity, entity_id, changes, request_id) "
                + "SELECT e.subject, e.role, 'READ_PERSONAL', 'Learner', e.learner_id, CASE WHEN e.grant_id IS NULL THEN NULL "
                + "ELSE jsonb_build_object('grantId', e.grant_id) END, e.request_id "
                + "FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) "
                + "AS e(subject, role, learner_id, grant_id, request_id)", subjects, roles, learners, grants, requests))
                .replaceWithVoid();
    }
}
