package ma.forsa.common.graphql;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import ma.forsa.common.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.jboss.logging.Logger;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.graphql.execution.ExecutionService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import ma.forsa.common.ApiException;
import ma.forsa.common.ErrorCode;
import ma.forsa.common.RequestCaller;
import ma.forsa.common.SafeLog;
import ma.forsa.common.UnexpectedExceptionMapper;
import ma.forsa.ops.RequestIds;

/**
 * GraphQL subscriptions over websocket at {@code /graphql}, protocol {@code graphql-transport-ws}
 * (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md), in front of SmallRye's websocket handler:
 * <ul>
 * <li>the token: the upgrade request's {@code Authorization} header (refused at once, HTTP 401/403, when unusable), or
 * else {@code connection_init}'s payload {@code {"Authorization": "Bearer ..."}}; without a usable one the connection is
 * closed with 4401 (4403 for FORBIDDEN), reason the error code; no {@code connection_init} within
 * {@code connection-init-timeout}: 4408. When the token expires, each running subscription gets an {@code error}
 * (UNAUTHENTICATED) and the connection is closed (4401);</li>
 * <li>subscriptions only (queries and mutations go through POST /graphql), each document checked like one over HTTP
 * (size, parser tokens, input values, cost, depth, root fields) before anything runs;</li>
 * <li>at most {@code max-per-connection} subscriptions on a connection and {@code max-per-subject} for one token subject
 * on this replica: over them, an {@code error} message TOO_MANY_SUBSCRIPTIONS for that subscription;</li>
 * <li>each subscription runs with the connection's caller bound to its context ({@link SocketCallers}), so the resolver's
 * {@code @Requires} and scope apply as for a query; errors take the one shape ({@link ErrorShapes}).</li>
 * </ul>
 */
@ApplicationScoped
public class GraphQLSockets {

    static final String SUBPROTOCOL = "graphql-transport-ws";
    private static final Logger LOG = Logger.getLogger(GraphQLSockets.class);

    private final GraphQLConfig config;
    private final SocketCallers callers;
    private final Vertx vertx;
    private final Map<String, AtomicInteger> bySubject = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile ExecutionService execution;
    private volatile GraphQLSchema schema;

    @Inject
    public GraphQLSockets(GraphQLConfig config, SocketCallers callers, Vertx vertx) {
        this.config = config;
        this.callers = callers;
        this.vertx = vertx;
    }

    /** After the access resolver (-999), before SmallRye's own websocket handler (-99) and the HTTP endpoint (-50). */
    void install(@Observes Router router) {
        router.route(GraphQLEndpoint.PATH).order(-150).handler(ctx -> {
            String upgrade = ctx.request().getHeader("Upgrade");
            if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
                ctx.next();
                return;
            }
            upgrade(ctx);
        });
    }

    /** Subscriptions running on this replica now. */
    public int running() {
        return running.get();
    }

    private void upgrade(RoutingContext ctx) {
        Locale locale = RequestCaller.locale(ctx);
        String requestId = RequestIds.of(ctx);
        SocketCallers.Caller caller;
        try {
            caller = callers.ofUpgrade(ctx);
        } catch (ApiException refused) {
            GraphQLEndpoint.write(ctx, GraphQLEndpoint.Media.JSON, GraphQLEndpoint.Result.refusal(refused, locale,
                    refused.code() == ErrorCode.FORBIDDEN ? 403 : 401, Map.of()));
            return;
        }
        ctx.request().toWebSocket().onSuccess(ws -> {
            if (!SUBPROTOCOL.equals(ws.subProtocol())) {
                ws.close((short) 4406, "Subprotocol not acceptable: use " + SUBPROTOCOL);
                return;
            }
            new Connection(ws, caller, locale, requestId).start();
        }).onFailure(f -> LOG.debugf("Websocket upgrade failed (requestId=%s): %s", requestId, SafeLog.describe(f)));
    }

    private ExecutionService execution() {
        if (execution == null) {
            execution = Arc.container().instance(ExecutionService.class).get();
        }
        return execution;
    }

    private GraphQLSchema schema() {
        if (schema == null) {
            schema = Arc.container().instance(GraphQLSchema.class).get();
        }
        return schema;
    }

    // ------------------------------------------------------------------ one connection

    private final class Connection {
        final ServerWebSocket ws;
        final Context context;
        final String requestId;
        volatile Locale locale;
        volatile SocketCallers.Caller caller;
        volatile boolean initialised;
        volatile boolean closed;
        long initTimer = -1;
        long expiryTimer = -1;
        final Map<String, Operation> operations = new ConcurrentHashMap<>();

        Connection(ServerWebSocket ws, SocketCallers.Caller caller, Locale locale, String requestId) {
            this.ws = ws;
            this.caller = caller;
            this.locale = caller != null ? caller.locale() : locale;
            this.requestId = requestId;
            this.context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
        }

        void start() {
            initTimer = vertx.setTimer(config.subscriptions().connectionInitTimeout().toMillis(), id -> {
                if (!initialised) {
                    close(4408, "Connection initialisation timeout");
                }
            });
            ws.textMessageHandler(this::onMessage);
            ws.binaryMessageHandler(b -> close(4400, "Binary messages are not accepted"));
            ws.closeHandler(v -> closed());
            ws.exceptionHandler(f -> LOG.debugf("Websocket error (requestId=%s): %s", requestId, SafeLog.describe(f)));
        }

        void onMessage(String text) {
            JsonObject message;
            try (var reader = Json.createReader(new StringReader(text))) {
                message = reader.readObject();
            } catch (RuntimeException e) {
                close(4400, "Invalid message");
                return;
            }
            String type = message.get("type") instanceof JsonString s ? s.getString() : "";
            switch (type) {
                case "connection_init" -> init(message.get("payload"));
                case "ping" -> send(Json.createObjectBuilder().add("type", "pong").build());
                case "pong" -> {
                }
                case "subscribe" -> subscribe(message);
                case "complete" -> {
                    if (message.get("id") instanceof JsonString id) {
                        Operation op = operations.remove(id.getString());
                        if (op != null) {
                            op.cancel();
                        }
                    }
                }
                default -> close(4400, "Invalid message type");
            }
        }

        void init(JsonValue payload) {
            if (initialised || initTimer == -2) {
                close(4429, "Too many initialisation requests");
                return;
            }
            cancel(initTimer);
            initTimer = -2;
            if (caller != null) {
                accept();
                return;
            }
            String authorization = null;
            if (payload instanceof JsonObject p) {
                JsonValue value = p.containsKey("Authorization") ? p.get("Authorization") : p.get("authorization");
                authorization = value instanceof JsonString s ? s.getString() : null;
            }
            callers.authenticate(authorization, requestId, locale).subscribe().with(c -> context.runOnContext(v -> {
                caller = c;
                locale = c.locale();
                accept();
            }), f -> context.runOnContext(v -> {
                ErrorCode code = f instanceof ApiException e ? e.code() : ErrorCode.UNAUTHENTICATED;
                close(code == ErrorCode.FORBIDDEN ? 4403 : 4401, code.name());
            }));
        }

        void accept() {
            if (closed) {
                return;
            }
            long untilExpiry = Duration.between(java.time.Instant.ofEpochMilli(System.currentTimeMillis()), caller.expiresAt())
                    .toMillis();
            if (untilExpiry <= 0) {
                close(4401, ErrorCode.UNAUTHENTICATED.name());
                return;
            }
            expiryTimer = vertx.setTimer(untilExpiry, id -> expired());
            initialised = true;
            send(Json.createObjectBuilder().add("type", "connection_ack").build());
        }

        void expired() {
            ApiException e = ApiException.keyed(ErrorCode.UNAUTHENTICATED, Map.of(), "auth.expired");
            for (String id : List.copyOf(operations.keySet())) {
                Operation op = operations.remove(id);
                if (op != null) {
                    op.cancel();
                    error(id, e);
                }
            }
            close(4401, ErrorCode.UNAUTHENTICATED.name());
        }

        void subscribe(JsonObject message) {
            if (!initialised) {
                close(4401, "Unauthorized");
                return;
            }
            if (!(message.get("id") instanceof JsonString idValue) || idValue.getString().isEmpty()
                    || idValue.getString().length() > 128 || !(message.get("payload") instanceof JsonObject payload)) {
                close(4400, "Invalid subscribe message");
                return;
            }
            String id = idValue.getString();
            if (operations.containsKey(id)) {
                close(4409, "Subscriber for " + id + " already exists");
                return;
            }
            int perConnection = config.subscriptions().maxPerConnection();
            if (operations.size() >= perConnection) {
                error(id, ApiException.keyed(ErrorCode.TOO_MANY_SUBSCRIPTIONS, Map.of("limit", perConnection),
                        "graphql.socket.perConnection", perConnection));
                return;
            }
            ApiException refused = check(payload);
            if (refused != null) {
                error(id, refused);
                return;
            }
            int perSubject = config.subscriptions().maxPerSubject();
            AtomicInteger count = bySubject.computeIfAbsent(caller.subject(), s -> new AtomicInteger());
            if (count.incrementAndGet() > perSubject) {
                release(count);
                error(id, ApiException.keyed(ErrorCode.TOO_MANY_SUBSCRIPTIONS, Map.of("limit", perSubject),
                        "graphql.socket.perSubject", perSubject));
                return;
            }
            running.incrementAndGet();
            Operation op = new Operation(id, count);
            operations.put(id, op);
            op.run(payload);
        }

        /** The checks of GraphQLEndpoint, for a subscription document: null when it may run. */
        ApiException check(JsonObject payload) {
            String query = payload.get("query") instanceof JsonString s ? s.getString() : null;
            if (query == null || query.isBlank()) {
                return ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.body.empty");
            }
            if (query.length() > config.maxDocumentLength()) {
                return ApiException.keyed(ErrorCode.QUERY_TOO_COMPLEX, Map.of("length", query.length(), "limit",
                        config.maxDocumentLength()), "graphql.cost.length", query.length(), config.maxDocumentLength());
            }
            if (payload.containsKey("variables") && payload.get("variables").getValueType() != JsonValue.ValueType.NULL
                    && !(payload.get("variables") instanceof JsonObject)) {
                return ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.param.variables");
            }
            Document document;
            try {
                ParserOptions options = ParserOptions.getDefaultOperationParserOptions().transform(
                        o -> o.maxTokens(config.maxTokens()).maxCharacters(config.maxDocumentLength()).captureSourceLocation(true));
                document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query).parserOptions(options)
                        .build());
            } catch (graphql.parser.exceptions.ParseCancelledException e) {
                return ApiException.keyed(ErrorCode.QUERY_TOO_COMPLEX, Map.of("limit", config.maxTokens()), "graphql.parse.limits",
                        config.maxTokens());
            } catch (InvalidSyntaxException e) {
                int line = e.getLocation() == null ? 0 : e.getLocation().getLine();
                int column = e.getLocation() == null ? 0 : e.getLocation().getColumn();
                return ApiException.keyed(ErrorCode.GRAPHQL_PARSE_FAILED, Map.of(), "graphql.parse", line, column);
            }
            String operationName = payload.get("operationName") instanceof JsonString s && !s.getString().isEmpty() ? s.getString()
                    : null;
            List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
            OperationDefinition chosen = null;
            for (OperationDefinition op : operations) {
                if (operationName == null ? operations.size() == 1 : operationName.equals(op.getName())) {
                    chosen = op;
                }
            }
            if (chosen == null) {
                return ApiException.keyed(ErrorCode.GRAPHQL_VALIDATION_FAILED, Map.of(), operations.isEmpty() ? "graphql.operation.none"
                        : operationName == null ? "graphql.operation.ambiguous" : "graphql.operation.missing");
            }
            if (chosen.getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
                return ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.socket.subscriptionsOnly");
            }
            Map<String, Object> variables = payload.get("variables") instanceof JsonObject v ? GraphQLEndpoint.plain(v) : Map.of();
            ApiException invalid = new InputCheck(schema(), config.maxSearchLength(), config.maxStringLength()).check(document, chosen,
                    variables);
            if (invalid != null) {
                return invalid;
            }
            return GraphQLEndpoint.tooComplex(QueryCost.of(schema(), document, chosen, variables, config.listSize(), config.listSizes(),
                    config.maxDepth()), config);
        }

        void error(String id, ApiException e) {
            JsonArrayBuilder errors = Json.createArrayBuilder().add(ErrorShapes.api(e, null, null, locale).json());
            send(Json.createObjectBuilder().add("id", id).add("type", "error").add("payload", errors).build());
        }

        void send(JsonObject message) {
            if (!closed && !ws.isClosed()) {
                ws.writeTextMessage(message.toString());
            }
        }

        void close(int code, String reason) {
            if (!ws.isClosed()) {
                ws.close((short) code, reason);
            }
            closed();
        }

        void closed() {
            if (closed) {
                return;
            }
            closed = true;
            cancel(initTimer);
            cancel(expiryTimer);
            for (String id : List.copyOf(operations.keySet())) {
                Operation op = operations.remove(id);
                if (op != null) {
                    op.cancel();
                }
            }
        }

        private boolean cancel(long timer) {
            return timer >= 0 && vertx.cancelTimer(timer);
        }

        private void release(AtomicInteger count) {
            if (count.decrementAndGet() <= 0) {
                bySubject.remove(caller.subject(), count);
            }
        }

        // -------------------------------------------------------------- one subscription

        private final class Operation implements Subscriber<ExecutionResult> {
            final String id;
            final AtomicInteger subjectCount;
            final AtomicReference<Subscription> subscription = new AtomicReference<>();
            volatile boolean done;
            /** Completed by the client, the connection's end or the token's expiry: nothing more is sent. */
            volatile boolean cancelled;

            Operation(String id, AtomicInteger subjectCount) {
                this.id = id;
                this.subjectCount = subjectCount;
            }

            /** Runs the document on a context of its own, with the caller bound and a request context of its own. */
            void run(JsonObject payload) {
                JsonObjectBuilder input = Json.createObjectBuilder().add("query", payload.getString("query"));
                if (payload.get("variables") instanceof JsonObject v) {
                    input.add("variables", v);
                }
                if (payload.get("operationName") instanceof JsonString n && !n.getString().isEmpty()) {
                    input.add("operationName", n);
                }
                JsonObject execution = input.build();
                Context own = VertxContext.createNewDuplicatedContext(context);
                own.runOnContext(v -> {
                    callers.bind(caller);
                    ManagedContext requestContext = Arc.container().requestContext();
                    requestContext.activate();
                    ContextState state = requestContext.getState();
                    try {
                        Map<String, Object> meta = new ConcurrentHashMap<>();
                        // resolvers are called on this context (not dispatched to a worker), with the caller bound to it
                        meta.put("runBlocking", true);
                        meta.put("httpHeaders", Map.of());
                        meta.put("state", state);
                        meta.put("locale", locale);
                        execution().executeAsync(execution, meta, new ExecutionResponseWriter() {
                            @Override
                            public void write(ExecutionResponse response) {
                                started(response);
                            }

                            @Override
                            public void fail(Throwable failure) {
                                failed(failure);
                            }
                        });
                    } catch (RuntimeException e) {
                        failed(e);
                    } finally {
                        requestContext.deactivate();
                    }
                });
            }

            void started(ExecutionResponse response) {
                ExecutionResult result = response.getExecutionResult();
                Object data = result == null ? null : result.getData();
                if (data instanceof Publisher<?> publisher) {
                    @SuppressWarnings("unchecked")
                    Publisher<ExecutionResult> stream = (Publisher<ExecutionResult>) publisher;
                    stream.subscribe(this);
                    return;
                }
                JsonArrayBuilder errors = Json.createArrayBuilder();
                List<GraphQLError> list = result == null ? List.of() : result.getErrors();
                list.forEach(error -> errors.add(ErrorShapes.shape(error, locale, requestId).json()));
                if (list.isEmpty()) {
                    errors.add(ErrorShapes.api(UnexpectedExceptionMapper.internal(requestId), null, null, locale).json());
                }
                finish(Json.createObjectBuilder().add("id", id).add("type", "error").add("payload", errors).build(), false);
            }

            void failed(Throwable failure) {
                ApiException api = apiCause(failure);
                if (api == null) {
                    LOG.errorf("Subscription failed (requestId=%s): %s", requestId, SafeLog.describe(failure));
                    api = UnexpectedExceptionMapper.internal(requestId);
                }
                JsonArrayBuilder errors = Json.createArrayBuilder().add(ErrorShapes.api(api, null, null, locale).json());
                finish(Json.createObjectBuilder().add("id", id).add("type", "error").add("payload", errors).build(), false);
            }

            @Override
            public void onSubscribe(Subscription s) {
                subscription.set(s);
                if (done) {
                    s.cancel();
                } else {
                    s.request(1);
                }
            }

            @Override
            public void onNext(ExecutionResult result) {
                JsonObjectBuilder body = Json.createObjectBuilder();
                JsonObject full = new ExecutionResponse(result).getExecutionResultAsJsonObject();
                if (result.getErrors() != null && !result.getErrors().isEmpty()) {
                    JsonArrayBuilder errors = Json.createArrayBuilder();
                    result.getErrors().forEach(error -> errors.add(ErrorShapes.shape(error, locale, requestId).json()));
                    body.add("errors", errors);
                }
                if (full.get("data") != null) {
                    body.add("data", full.get("data"));
                }
                context.runOnContext(v -> {
                    if (!cancelled) {
                        send(Json.createObjectBuilder().add("id", id).add("type", "next").add("payload", body).build());
                    }
                });
                Subscription s = subscription.get();
                if (s != null && !done) {
                    s.request(1);
                }
            }

            @Override
            public void onError(Throwable failure) {
                failed(failure);
            }

            @Override
            public void onComplete() {
                finish(Json.createObjectBuilder().add("id", id).add("type", "complete").build(), false);
            }

            /** Sends the last message of this subscription (unless the client completed it) and releases its place. */
            void finish(JsonObject last, boolean cancelled) {
                if (done) {
                    return;
                }
                done = true;
                running.decrementAndGet();
                release(subjectCount);
                boolean stillListed = operations.remove(id, this);
                if (!cancelled && stillListed) {
                    context.runOnContext(v -> send(last));
                }
            }

            /** The client completed it, the connection closed or the token expired. */
            void cancel() {
                cancelled = true;
                Subscription s = subscription.get();
                finish(null, true);
                if (s != null) {
                    s.cancel();
                }
            }
        }
    }

    private static ApiException apiCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }
}
