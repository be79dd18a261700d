package ma.forsa.common.db;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * The client-side deadline of a PostgreSQL connection, on an embedded Netty channel: the silence that closes it is
 * counted from the last exchange, so that a connection idle in the pool is not closed under the command just sent on it.
 */
class ConnectionDeadlineTest {

    private static final long DEADLINE_MS = 300;

    private static EmbeddedChannel connection(AtomicBoolean owed) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast("idle", new IdleStateHandler(DEADLINE_MS, 0, 0, TimeUnit.MILLISECONDS));
        channel.pipeline().addLast("forsa-deadline", new ConnectionDeadline(owed::get));
        return channel;
    }

    private static boolean open(EmbeddedChannel channel) {
        channel.runScheduledPendingTasks();
        return channel.isOpen();
    }

    @Test
    void aCommandSentAtTheDetectorsTickIsGivenTheWholeDeadline() {
        AtomicBoolean owed = new AtomicBoolean();
        EmbeddedChannel channel = connection(owed);
        await().pollDelay(Duration.ofMillis(DEADLINE_MS + 50)).until(() -> open(channel)); // idle in the pool, longer than the deadline
        owed.set(true);
        long sent = System.nanoTime();
        channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {'Q'}));
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertTrue(channel.isOpen(), "not closed under the command just sent");

        await().atMost(Duration.ofSeconds(3)).until(() -> !open(channel));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertTrue(waited >= DEADLINE_MS - 20, "closed once the server was silent for the deadline after the command: " + waited);
    }

    @Test
    void aConnectionThatIsAnsweredStaysOpen() {
        AtomicBoolean owed = new AtomicBoolean(true);
        EmbeddedChannel channel = connection(owed);
        channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {'Q'}));
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'Z'}));
        owed.set(false);
        await().during(Duration.ofMillis(3 * DEADLINE_MS)).atMost(Duration.ofSeconds(3)).until(() -> open(channel));
    }

    @Test
    void aSilentServerIsLeftWithinTheDeadline() {
        AtomicBoolean owed = new AtomicBoolean(true);
        EmbeddedChannel channel = connection(owed);
        long sent = System.nanoTime();
        channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {'Q'}));
        await().atMost(Duration.ofSeconds(3)).until(() -> !open(channel));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertTrue(waited >= DEADLINE_MS - 20 && waited < 2 * DEADLINE_MS + 200, "closed after " + waited + " ms");
    }

    @Test
    void aConnectionOwedNothingIsNeverClosedForItsSilence() {
        EmbeddedChannel channel = connection(new AtomicBoolean(false));
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        await().during(Duration.ofMillis(2 * DEADLINE_MS)).atMost(Duration.ofSeconds(3)).until(() -> open(channel));
    }
}
