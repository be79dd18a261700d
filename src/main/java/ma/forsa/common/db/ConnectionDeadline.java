package ma.forsa.common.db;

import org.jboss.logging.Logger;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.Connection;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.impl.SqlConnectionBase;

/**
 * Closes a PostgreSQL connection, for real, when the server has said nothing for the connection's read-idle timeout
 * (statement timeout + response margin, {@link DbPools}): the statement in flight then fails, and the pool forgets the
 * connection.
 *
 * <p>Vert.x 4.5 does notice the silence, but answers it through the PostgreSQL codec, which only half-closes the socket
 * and waits for the server to close its side: a frozen server never does, and the request hangs. This handler sits
 * between Netty's idle detector and that codec and closes the channel below the codec. (It reaches into the client's
 * internals; if they change, {@link #install} logs once and the connection keeps Vert.x's behaviour, which the fault
 * test, DatabaseFaultsTest, then catches.)
 */
final class ConnectionDeadline extends ChannelDuplexHandler {

    private static final Logger LOG = Logger.getLogger(ConnectionDeadline.class);
    private static final String NAME = "forsa-deadline";
    private static final String IDLE = "idle";
    private static volatile boolean warned;
    /** SocketConnectionBase.inflight: the commands sent and not answered yet (read on the connection's event loop). */
    private static final java.lang.reflect.Field INFLIGHT = inflightField();

    /** Whether the server owes the connection an answer. */
    private final BooleanSupplier owed;
    /** Until when (System.nanoTime) a long set-based job may keep the server silent; 0 when it has no such job. */
    private volatile long extendedUntil;
    /** When the connection last sent something to the server, and last heard from it (System.nanoTime). */
    private long lastWrite = System.nanoTime();
    private long lastRead = lastWrite;

    private ConnectionDeadline(SocketConnectionBase socket) {
        this(() -> waiting(socket));
    }

    ConnectionDeadline(BooleanSupplier owed) {
        this.owed = owed;
    }

    private static java.lang.reflect.Field inflightField() {
        try {
            java.lang.reflect.Field f = SocketConnectionBase.class.getDeclaredField("inflight");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether the server owes this connection an answer. A connection resting in the pool, or held by a transaction
     * between two statements, reads nothing either: it is not closed for that (a connection taken from the pool at that
     * moment would fail its first statement).
     */
    private static boolean waiting(SocketConnectionBase socket) {
        if (INFLIGHT == null) {
            return true;
        }
        try {
            return INFLIGHT.getInt(socket) > 0;
        } catch (IllegalAccessException | RuntimeException e) {
            return true;
        }
    }

    /** Adds the handler to a connection whose options set a read-idle timeout. */
    static void install(SqlConnection connection) {
        SocketConnectionBase socket = socket(connection);
        ChannelPipeline pipeline = socket == null ? null : socket.socket().channelHandlerContext().pipeline();
        if (pipeline != null && pipeline.get(IDLE) != null && pipeline.get(NAME) == null) {
            pipeline.addAfter(IDLE, NAME, new ConnectionDeadline(socket));
        }
    }

    /** Closes the connection's socket at once (no goodbye to a server that may not answer). */
    static void closeNow(SqlConnection connection) {
        ChannelPipeline pipeline = pipeline(connection);
        if (pipeline != null) {
            pipeline.channel().close();
        } else {
            connection.close();
        }
    }

    /**
     * Lets the server stay silent for up to {@code limit} from now on this connection (a set-based job whose statements
     * run long under its own SET LOCAL statement_timeout), or restores the connection's deadline ({@code limit} null).
     */
    static void extend(SqlConnection connection, java.time.Duration limit) {
        ChannelPipeline pipeline = pipeline(connection);
        if (pipeline != null && pipeline.get(NAME) instanceof ConnectionDeadline deadline) {
            deadline.extendedUntil = limit == null ? 0 : System.nanoTime() + limit.toNanos();
        }
    }

    private boolean extended() {
        long until = extendedUntil;
        return until != 0 && System.nanoTime() - until < 0;
    }

    /**
     * Netty's idle detector counts the silence from the last read, even when the command the server owes an answer to
     * left a moment ago: a connection resting in the pool longer than the deadline, taken just before the detector's tick,
     * would be closed under its first statement. The silence is counted here from the last exchange either way: a
     * command sent less than the deadline ago is checked again once the deadline after it has passed.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE && extended()) {
            return; // a long job's statement: swallowed, or Vert.x would close the connection itself
        }
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (owed.getAsBoolean()) {
                closeWhenSilent(ctx);
            }
            // nothing owed: a connection resting in the pool, or held between two statements, stays open (handed on,
            // Vert.x would close it, under the statement about to be sent; the pool's idle timeout evicts resting ones)
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    private void closeWhenSilent(ChannelHandlerContext ctx) {
        long deadline = deadlineNanos(ctx);
        long silentFor = System.nanoTime() - Math.max(lastRead, lastWrite);
        if (deadline <= 0 || silentFor >= deadline) {
            LOG.debug("PostgreSQL said nothing within the connection's deadline: closing it");
            ctx.close(); // from here, below the codec: a real close, not a half-close
            return;
        }
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive() && !extended() && owed.getAsBoolean()) {
                closeWhenSilent(ctx);
            }
        }, deadline - silentFor, TimeUnit.NANOSECONDS);
    }

    /** The read-idle timeout of the connection's idle detector: the deadline (0 when unknown). */
    private static long deadlineNanos(ChannelHandlerContext ctx) {
        return ctx.pipeline().get(IDLE) instanceof IdleStateHandler idle
                ? TimeUnit.MILLISECONDS.toNanos(idle.getReaderIdleTimeInMillis()) : 0;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lastRead = System.nanoTime();
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        lastWrite = System.nanoTime();
        super.write(ctx, msg, promise);
    }

    private static ChannelPipeline pipeline(SqlConnection connection) {
        SocketConnectionBase socket = socket(connection);
        return socket == null ? null : socket.socket().channelHandlerContext().pipeline();
    }

    private static SocketConnectionBase socket(SqlConnection connection) {
        try {
            Connection c = ((SqlConnectionBase<?>) connection).unwrap();
            while (!(c instanceof SocketConnectionBase) && c.unwrap() != c) {
                c = c.unwrap();
            }
            return (SocketConnectionBase) c;
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warnf("Cannot bound PostgreSQL connections client-side (%s): a frozen server may hang requests",
                        e.getClass().getSimpleName());
            }
            return null;
        }
    }
}
