package ma.forsa.common.db;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Promise;
import io.vertx.pgclient.pubsub.PgSubscriber;
import ma.forsa.common.SafeLog;

/**
 * PostgreSQL LISTEN/NOTIFY, the way live updates reach every replica (docs/api/front-end.md#subscriptions): no broker,
 * the database that holds the change announces it.
 * <ul>
 * <li>Writers announce inside their transaction ({@link #publishInTx}, or a trigger calling {@code pg_notify}), so a
 * rolled-back change is never announced; payloads carry ids and non-personal fields only (PostgreSQL caps them at 8000
 * bytes; {@link #MAX_PAYLOAD} here).</li>
 * <li>Each replica holds one connection of its own for LISTEN (a {@link PgSubscriber}, opened on first use with the
 * primary's settings, no read deadline, TCP keep-alive), re-opened with a back-off when it drops and listening again to
 * every channel. What is announced while it is down is lost: a subscriber reads the current state again when it
 * reconnects.</li>
 * <li>{@link #channel} gives the announcements of one channel to each of its subscribers, each with a bounded buffer
 * ({@link #BUFFER}); a subscriber that falls that far behind fails rather than hold memory.</li>
 * </ul>
 */
@ApplicationScoped
public class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class);
    public static final int MAX_PAYLOAD = 7900;
    /**
     * The first item of every {@link #channel} stream (never a payload): from then on nothing announced is missed, so a
     * subscriber that needs the current state reads it when it sees this.
     */
    public static final String ATTACHED = "";
    static final int BUFFER = 1000;
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final DbPools pools;
    private final Db db;
    private final Map<String, Set<MultiEmitter<? super String>>> listeners = new ConcurrentHashMap<>();
    private final Map<String, Uni<Void>> listening = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;
    private Uni<Void> connected;

    @Inject
    public Notifications(DbPools pools, Db db) {
        this.pools = pools;
        this.db = db;
    }

    /**
     * The payloads announced on {@code channel} from the moment the returned stream is subscribed and the replica listens
     * to the channel: first {@link #ATTACHED}, then each payload ({@link #listeners} counts the stream from then on).
     */
    public Multi<String> channel(String channel) {
        check(channel);
        return listen(channel).onItem().transformToMulti(v -> Multi.createFrom().<String> emitter(emitter -> {
            Set<MultiEmitter<? super String>> set = listeners.computeIfAbsent(channel, k -> new CopyOnWriteArraySet<>());
            set.add(emitter);
            emitter.onTermination(() -> set.remove(emitter));
            emitter.emit(ATTACHED);
        }, BackPressureStrategy.ERROR).onOverflow().buffer(BUFFER));
    }

    /** How many streams of this replica follow {@code channel} now. */
    public int listeners(String channel) {
        Set<MultiEmitter<? super String>> set = listeners.get(channel);
        return set == null ? 0 : set.size();
    }

    /** {@code pg_notify} on the connection of the current Hibernate Reactive transaction: announced only if it commits. */
    public Uni<Void> publishInTx(String channel, String payload) {
        check(channel);
        checkPayload(payload);
        return db.oneInTx(Sql.of("SELECT pg_notify(?, ?) AS n", channel, payload), r -> r).replaceWithVoid();
    }

    /**
     * {@code pg_notify} on a pooled connection of its own (auto-commit): for announcements that describe work, not a change
     * of data (e.g. an import's progress).
     */
    public Uni<Void> publish(String channel, String payload) {
        check(channel);
        checkPayload(payload);
        return db.execute(Sql.of("SELECT pg_notify(?, ?) AS n", channel, payload)).replaceWithVoid();
    }

    // ---------------------------------------------------------------- the LISTEN connection

    private Uni<Void> listen(String channel) {
        return listening.computeIfAbsent(channel, name -> connect().chain(() -> Uni.createFrom().<Void> emitter(e -> {
            Promise<Void> subscribed = Promise.promise();
            synchronized (this) {
                subscriber.channel(name).subscribeHandler(v -> subscribed.tryComplete())
                        .handler(payload -> deliver(name, payload))
                        .exceptionHandler(f -> LOG.warnf("Notification channel %s: %s", name, SafeLog.describe(f)));
            }
            subscribed.future().onComplete(r -> e.complete(null));
        })).ifNoItem().after(Duration.ofSeconds(30)).fail()
                .onFailure().invoke(f -> listening.remove(name)).memoize().indefinitely());
    }

    private synchronized Uni<Void> connect() {
        if (connected == null) {
            subscriber = PgSubscriber.subscriber(pools.vertx(), pools.listenerOptions());
            subscriber.reconnectPolicy(retries -> {
                long delay = Math.min(30_000L, 500L << Math.min(retries, 6));
                LOG.warnf("The LISTEN connection to PostgreSQL dropped: reconnecting in %d ms (attempt %d)", delay, retries + 1);
                return delay;
            });
            PgSubscriber opening = subscriber;
            connected = Uni.createFrom().completionStage(() -> opening.connect().toCompletionStage())
                    .onFailure().invoke(f -> {
                        LOG.warnf("Could not open the LISTEN connection to PostgreSQL: %s", SafeLog.describe(f));
                        forget(opening);
                    }).replaceWithVoid().memoize().indefinitely();
        }
        return connected;
    }

    private synchronized void forget(PgSubscriber failed) {
        if (subscriber == failed) {
            subscriber = null;
            connected = null;
            listening.clear();
            failed.close();
        }
    }

    private void deliver(String channel, String payload) {
        Set<MultiEmitter<? super String>> set = listeners.get(channel);
        if (set != null) {
            for (MultiEmitter<? super String> emitter : set) {
                emitter.emit(payload);
            }
        }
    }

    private static void check(String channel) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("Not a channel name: " + channel);
        }
    }

    private static void checkPayload(String payload) {
        if (payload == null || payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("A notification payload is at most " + MAX_PAYLOAD + " characters");
        }
    }

    @PreDestroy
    synchronized void close() {
        listeners.values().forEach(set -> set.forEach(MultiEmitter::complete));
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
