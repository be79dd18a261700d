package ma.forsa.common.graphql;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import ma.forsa.common.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.jboss.logging.Logger;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.introspection.Introspection;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.VertxByteBufAllocator;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import ma.forsa.common.ApiException;
import ma.forsa.common.ApiExceptionMapper;
import ma.forsa.common.ErrorCode;
import ma.forsa.common.SafeLog;
import ma.forsa.common.UnexpectedExceptionMapper;
import ma.forsa.ops.RequestIds;
import ma.forsa.common.RequestCaller;

/**
 * GraphQL over HTTP at {@code /graphql}, in front of SmallRye's own handler (which it replaces for plain HTTP;
 * websocket upgrades pass through), per the GraphQL-over-HTTP specification:
 * <ul>
 * <li>POST ({@code application/json} body, or {@code application/graphql}) and GET (queries only: a mutation over GET is
 * 405 with a JSON body); parameters read once, as sent (no second URL-decoding, {@code operationName} honoured);</li>
 * <li>{@code Accept: application/graphql-response+json}: a response without data gets the 4xx/5xx of its first error's
 * code (400 for documents that are not valid GraphQL, 401 for a refused token...); {@code application/json} (also for
 * no Accept or {@code *}{@code /*}): 200 for every well-formed request; a request that is not well-formed (not JSON, no
 * query) is 400 in both;</li>
 * <li>batches (a JSON array of operations, at most {@link GraphQLConfig#maxBatch()}) answered by an array, in order;</li>
 * <li>Automatic Persisted Queries ({@link PersistedQueries}), over GET too;</li>
 * <li>limits checked before anything runs: body and document size, parser tokens, the values of inputs
 * ({@link InputCheck}), cost, depth and root fields ({@link QueryCost});</li>
 * <li>one error shape ({@link ErrorShapes}), messages in the caller's language;</li>
 * <li>{@code Idempotency-Key} on mutations ({@link IdempotencyKeys}).</li>
 * </ul>
 */
@ApplicationScoped
public class GraphQLEndpoint {

    static final String PATH = "/graphql";
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final Logger LOG = Logger.getLogger(GraphQLEndpoint.class);
    private static final Pattern KEY_CHARS = Pattern.compile("[A-Za-z0-9._:-]+");

    /** The media type of the answer. */
    enum Media {
        GRAPHQL_RESPONSE("application/graphql-response+json"),
        JSON("application/json");

        final String type;

        Media(String type) {
            this.type = type;
        }
    }

    /**
     * The answer to one operation: its JSON in UTF-8 as sent, whether data is present, its first error's code, a fixed
     * status, headers.
     */
    record Result(Buffer body, boolean hasData, ErrorCode code, int fixedStatus, Map<String, String> headers) {

        Result(String body, boolean hasData, ErrorCode code, int fixedStatus, Map<String, String> headers) {
            this(Buffer.buffer(body), hasData, code, fixedStatus, headers);
        }

        /** The body as text (a batch's array, a stored replay). */
        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }

        static Result refusal(ApiException e, Locale locale, int fixedStatus, Map<String, String> headers) {
            ErrorShapes.Shaped shaped = ErrorShapes.api(e, null, null, locale);
            return new Result(Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(shaped.json())).build().toString(),
                    false, e.code(), fixedStatus, headers);
        }

        Result with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Result(body, hasData, code, fixedStatus, h);
        }
    }

    private final GraphQLConfig config;
    /**
     * Documents already parsed (and found within the limits), by their text: clients send the same few documents over
     * and over, and an AST is immutable. Bounded by count and by the document length limit.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, Document> parsed = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().maximumSize(2_000).build();
    private final PersistedQueries persisted;
    private final IdempotencyKeys idempotency;
    private final CurrentVertxRequest currentRequest;
    private final Instance<CurrentIdentityAssociation> identities;
    private volatile GraphQLSchema schema;

    @Inject
    public GraphQLEndpoint(GraphQLConfig config, PersistedQueries persisted, IdempotencyKeys idempotency,
            CurrentVertxRequest currentRequest, Instance<CurrentIdentityAssociation> identities) {
        this.config = config;
        this.persisted = persisted;
        this.idempotency = idempotency;
        this.currentRequest = currentRequest;
        this.identities = identities;
    }

    /**
     * Introspection on or off ({@code forsa.graphql.introspection}) for every execution, HTTP and websocket alike:
     * graphql-java's own switch, which it reads once per request (a field visibility is consulted for every field).
     */
    void introspection(@Observes StartupEvent event) {
        Introspection.enabledJvmWide(config.introspection());
    }

    /** Before SmallRye's route, after the request log, the access resolver (-999) CORS (-300) and the security filters (-200, -100). */
    void install(@Observes Router router) {
        Handler handler = new Handler(identities.isResolvable() ? identities.get() : null, currentRequest);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
        router.route(PATH).order(-50).handler(ctx -> {
            if (isUpgrade(ctx) || ctx.request().method() != HttpMethod.POST) {
                ctx.next();
            } else {
                body.handle(ctx);
            }
        }).handler(handler).failureHandler(this::failure);
    }

    private static boolean isUpgrade(RoutingContext ctx) {
        String upgrade = ctx.request().getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /**
     * Failures before the handler answers (the body handler's 413, the access resolver's 503 when the database does not
     * answer, anything thrown): the usual JSON error, never the framework's page.
     */
    private void failure(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        Locale locale = RequestCaller.locale(ctx);
        if (ctx.statusCode() == 413) {
            write(ctx, Media.JSON, Result.refusal(ApiException.keyed(ErrorCode.PAYLOAD_TOO_LARGE, Map.of("limit", config.maxBodyBytes()),
                    "graphql.body.tooLarge", config.maxBodyBytes()), locale, 413, Map.of()));
            return;
        }
        String requestId = RequestIds.of(ctx);
        if (ctx.failure() != null) {
            LOG.errorf("GraphQL request failed (requestId=%s): %s", requestId, SafeLog.describe(ctx.failure()));
        }
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        ApiException error = status < 500 ? ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "rest.badRequest")
                : UnexpectedExceptionMapper.internal(requestId);
        write(ctx, Media.JSON, Result.refusal(error, locale, status, Map.of()));
    }

    GraphQLSchema schema() {
        if (schema == null) {
            schema = Arc.container().instance(GraphQLSchema.class).get();
        }
        return schema;
    }

    // ------------------------------------------------------------------ the handler

    final class Handler extends SmallRyeGraphQLAbstractHandler {

        Handler(CurrentIdentityAssociation identity, CurrentVertxRequest request) {
            super(identity, request, false);
        }

        @Override
        public void handle(RoutingContext ctx) {
            if (isUpgrade(ctx)) {
                ctx.next();
                return;
            }
            super.handle(ctx);
        }

        @Override
        protected void doHandle(RoutingContext ctx) {
            Locale locale = RequestCaller.locale(ctx);
            Media media = negotiate(ctx);
            if (media == null) {
                write(ctx, Media.JSON, Result.refusal(ApiException.keyed(ErrorCode.NOT_ACCEPTABLE, Map.of(), "graphql.accept"), locale,
                        406, Map.of()));
                return;
            }
            HttpMethod method = ctx.request().method();
            if (method == HttpMethod.OPTIONS) {
                ctx.response().putHeader("Allow", "GET, POST, OPTIONS").setStatusCode(204).end();
                return;
            }
            if (method != HttpMethod.GET && method != HttpMethod.POST) {
                write(ctx, media, Result.refusal(ApiException.keyed(ErrorCode.METHOD_NOT_ALLOWED, Map.of(), "graphql.method"), locale, 405,
                        Map.of("Allow", "GET, POST, OPTIONS")));
                return;
            }
            ApiException refused = RequestCaller.refusal(ctx);
            if (refused != null) {
                write(ctx, media, Result.refusal(refused, locale, 0, Map.of()));
                return;
            }
            ContextState state = Arc.container().requestContext().getState();
            Exchange exchange = new Exchange(ctx, media, locale, RequestIds.of(ctx), state, method == HttpMethod.GET);
            JsonValue input;
            try {
                input = exchange.get ? fromParameters(ctx) : fromBody(ctx);
            } catch (ApiException e) {
                write(ctx, media, Result.refusal(e, locale, 400, Map.of()));
                return;
            }
            if (input instanceof JsonArray batch) {
                batch(exchange, batch);
                return;
            }
            exchange.run((JsonObject) input, true).whenComplete((result, failure) -> write(ctx, media,
                    failure == null ? result : internal(exchange, failure)));
        }

        private void batch(Exchange exchange, JsonArray batch) {
            if (batch.isEmpty() || batch.size() > config.maxBatch()) {
                ApiException e = batch.isEmpty() ? ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.batch.empty")
                        : ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of("limit", config.maxBatch()), "graphql.batch.tooLarge",
                                config.maxBatch());
                write(exchange.ctx, exchange.media, Result.refusal(e, exchange.locale, 400, Map.of()));
                return;
            }
            if (exchange.ctx.request().getHeader(IDEMPOTENCY_HEADER) != null) {
                write(exchange.ctx, exchange.media, Result.refusal(ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(),
                        "graphql.batch.idempotency"), exchange.locale, 400, Map.of()));
                return;
            }
            List<String> answers = new ArrayList<>();
            CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
            for (JsonValue item : batch) {
                chain = chain.thenCompose(ignored -> {
                    CompletionStage<Result> one = item instanceof JsonObject operation ? exchange.run(operation, false)
                            : CompletableFuture.completedFuture(Result.refusal(ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(),
                                    "graphql.body.json"), exchange.locale, 400, Map.of()));
                    return one.exceptionally(failure -> internal(exchange, failure)).thenAccept(r -> answers.add(r.text()));
                });
            }
            chain.whenComplete((ignored, failure) -> {
                RoutingContext ctx = exchange.ctx;
                if (!ctx.response().ended() && !ctx.response().closed()) {
                    ctx.response().setStatusCode(200).putHeader("Content-Type", exchange.media.type + "; charset=utf-8")
                            .end("[" + String.join(",", answers) + "]");
                }
            });
        }

        /** One request's state: its context, media type, language, request id and CDI request context. */
        final class Exchange {
            final RoutingContext ctx;
            final Media media;
            final Locale locale;
            final String requestId;
            final ContextState state;
            final boolean get;

            Exchange(RoutingContext ctx, Media media, Locale locale, String requestId, ContextState state, boolean get) {
                this.ctx = ctx;
                this.media = media;
                this.locale = locale;
                this.requestId = requestId;
                this.state = state;
                this.get = get;
            }

            Result refuse(ApiException e, int fixedStatus) {
                return Result.refusal(e, locale, fixedStatus, Map.of());
            }

            /** Checks and runs one operation ({@code single}: not part of a batch, so Idempotency-Key applies). */
            CompletionStage<Result> run(JsonObject operation, boolean single) {
                // 1. the shape of the request
                JsonValue queryValue = operation.get("query");
                JsonValue nameValue = operation.get("operationName");
                JsonValue variablesValue = operation.get("variables");
                JsonValue extensionsValue = operation.get("extensions");
                if (queryValue != null && queryValue.getValueType() != JsonValue.ValueType.NULL && !(queryValue instanceof JsonString)) {
                    return done(refuse(ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.param.query"), 400));
                }
                if (nameValue != null && nameValue.getValueType() != JsonValue.ValueType.NULL && !(nameValue instanceof JsonString)) {
                    return done(refuse(ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.param.operationName"), 400));
                }
                if (variablesValue != null && variablesValue.getValueType() != JsonValue.ValueType.NULL
                        && !(variablesValue instanceof JsonObject)) {
                    return done(refuse(ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.param.variables"), 400));
                }
                if (extensionsValue != null && extensionsValue.getValueType() != JsonValue.ValueType.NULL
                        && !(extensionsValue instanceof JsonObject)) {
                    return done(refuse(ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.param.extensions"), 400));
                }
                String query = queryValue instanceof JsonString s ? s.getString() : null;
                String operationName = nameValue instanceof JsonString s && !s.getString().isEmpty() ? s.getString() : null;
                JsonObject variables = variablesValue instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;

                // 2. automatic persisted queries
                String hash = null;
                if (extensionsValue instanceof JsonObject extensions && extensions.get("persistedQuery") instanceof JsonObject pq) {
                    if (pq.get("version") instanceof JsonNumber v && v.intValue() != 1) {
                        return done(refuse(ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.apq.version"), 400));
                    }
                    hash = pq.get("sha256Hash") instanceof JsonString h ? h.getString() : null;
                    if (hash == null || !hash.matches("[0-9a-fA-F]{64}")) {
                        return done(refuse(ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.apq.mismatch"), 400));
                    }
                    if (query == null || query.isEmpty()) {
                        query = persisted.find(hash);
                        if (query == null) {
                            return done(refuse(ApiException.keyed(ErrorCode.PERSISTED_QUERY_NOT_FOUND, Map.of(), "graphql.apq.notFound"),
                                    media == Media.JSON ? 200 : 0).with("Cache-Control", "no-store"));
                        }
                        hash = null;
                    } else if (!PersistedQueries.matches(hash, query)) {
                        return done(refuse(ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.apq.mismatch"), 400));
                    }
                }
                if (query == null || query.isBlank()) {
                    return done(refuse(ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.body.empty"), 400));
                }

                // 3. size, syntax, operation
                if (query.length() > config.maxDocumentLength()) {
                    return done(refuse(ApiException.keyed(ErrorCode.QUERY_TOO_COMPLEX,
                            Map.of("length", query.length(), "limit", config.maxDocumentLength()), "graphql.cost.length", query.length(),
                            config.maxDocumentLength()), 0));
                }
                Document document = parsed.getIfPresent(query);
                if (document == null) try {
                    ParserOptions options = ParserOptions.getDefaultOperationParserOptions().transform(
                            o -> o.maxTokens(config.maxTokens()).maxCharacters(config.maxDocumentLength()).captureSourceLocation(true));
                    document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query).parserOptions(options)
                            .build());
                    parsed.put(query, document);
                } catch (graphql.parser.exceptions.ParseCancelledException e) {
                    return done(refuse(ApiException.keyed(ErrorCode.QUERY_TOO_COMPLEX, Map.of("limit", config.maxTokens()),
                            "graphql.parse.limits", config.maxTokens()), 0));
                } catch (InvalidSyntaxException e) {
                    int line = e.getLocation() == null ? 0 : e.getLocation().getLine();
                    int column = e.getLocation() == null ? 0 : e.getLocation().getColumn();
                    ErrorShapes.Shaped shaped = ErrorShapes.api(ApiException.keyed(ErrorCode.GRAPHQL_PARSE_FAILED, Map.of(), "graphql.parse",
                            line, column), e.getLocation() == null ? null : List.of(e.getLocation()), null, locale);
                    return done(new Result(Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(shaped.json())).build()
                            .toString(), false, ErrorCode.GRAPHQL_PARSE_FAILED, 0, Map.of()));
                }
                if (hash != null) {
                    persisted.store(hash, query);
                }
                List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
                OperationDefinition chosen = null;
                if (operations.isEmpty()) {
                    return done(refuse(ApiException.keyed(ErrorCode.GRAPHQL_VALIDATION_FAILED, Map.of(), "graphql.operation.none"), 0));
                } else if (operationName == null) {
                    if (operations.size() > 1) {
                        return done(refuse(ApiException.keyed(ErrorCode.GRAPHQL_VALIDATION_FAILED, Map.of(), "graphql.operation.ambiguous"),
                                0));
                    }
                    chosen = operations.get(0);
                } else {
                    for (OperationDefinition op : operations) {
                        if (operationName.equals(op.getName())) {
                            chosen = op;
                        }
                    }
                    if (chosen == null) {
                        return done(refuse(ApiException.keyed(ErrorCode.GRAPHQL_VALIDATION_FAILED, Map.of(), "graphql.operation.missing"), 0));
                    }
                }
                boolean mutation = chosen.getOperation() == OperationDefinition.Operation.MUTATION;
                if (chosen.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
                    return done(refuse(ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.subscription.http"), 400));
                }
                if (get && chosen.getOperation() != OperationDefinition.Operation.QUERY) {
                    return done(refuse(ApiException.keyed(ErrorCode.METHOD_NOT_ALLOWED, Map.of(), "graphql.get.mutation"), 405)
                            .with("Allow", "POST"));
                }

                // 4. values and cost, before anything runs
                Map<String, Object> plainVariables = plain(variables);
                ApiException invalid = new InputCheck(schema(), config.maxSearchLength(), config.maxStringLength()).check(document, chosen,
                        plainVariables);
                if (invalid != null) {
                    return done(refuse(invalid, 0));
                }
                QueryCost.Result cost = QueryCost.of(schema(), document, chosen, plainVariables, config.listSize(), config.listSizes(),
                        config.maxDepth());
                ApiException tooComplex = tooComplex(cost);
                if (tooComplex != null) {
                    return done(refuse(tooComplex, 0));
                }

                JsonObjectBuilder input = Json.createObjectBuilder().add("query", query).add("variables", variables);
                if (operationName != null) {
                    input.add("operationName", operationName);
                }
                JsonObject execution = input.build();
                String key = single && mutation ? ctx.request().getHeader(IDEMPOTENCY_HEADER) : null;
                String subject = RequestCaller.subject(ctx);
                if (key != null && subject != null) {
                    return idempotent(execution, key, subject, query, operationName, variables);
                }
                return execute(execution);
            }

            private ApiException tooComplex(QueryCost.Result cost) {
                return GraphQLEndpoint.tooComplex(cost, config);
            }

            private CompletionStage<Result> idempotent(JsonObject execution, String key, String subject, String query, String name,
                    JsonObject variables) {
                if (key.isEmpty() || key.length() > config.idempotency().maxKeyLength() || !KEY_CHARS.matcher(key).matches()) {
                    return done(refuse(ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of("field", IDEMPOTENCY_HEADER), "idempotency.key",
                            config.idempotency().maxKeyLength()), 400));
                }
                String fingerprint = PersistedQueries.sha256(query + '\u0000' + (name == null ? "" : name) + '\u0000'
                        + canonical(variables));
                CompletableFuture<Result> answer = new CompletableFuture<>();
                idempotency.claim(subject, key, fingerprint).subscribe().with(claim -> {
                    switch (claim) {
                        case IdempotencyKeys.Claimed c -> execute(execution).whenComplete((result, failure) -> {
                            Result r = failure == null ? result : internal(this, failure);
                            boolean transientFailure = r.code() == ErrorCode.INTERNAL && !r.hasData();
                            (transientFailure ? idempotency.release(subject, key) : idempotency.complete(subject, key, stored(r)))
                                    .subscribe().with(v -> answer.complete(r), f -> {
                                        LOG.warnf("Could not record an idempotency key (requestId=%s): %s", requestId, SafeLog.describe(f));
                                        answer.complete(r);
                                    });
                        });
                        case IdempotencyKeys.Replay replay -> answer.complete(replayed(replay.response()));
                        case IdempotencyKeys.Reused r -> answer.complete(refuse(ApiException.keyed(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                Map.of("field", IDEMPOTENCY_HEADER), "idempotency.reused", idempotency.ttl().toHours()), 422));
                        case IdempotencyKeys.InUse u -> answer.complete(refuse(ApiException.keyed(ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                                Map.of("field", IDEMPOTENCY_HEADER), "idempotency.inUse"), 409).with("Retry-After", "1"));
                    }
                }, failure -> answer.complete(internal(this, failure)));
                return answer;
            }

            /** Runs the operation through SmallRye GraphQL, inside this request's CDI request context. */
            CompletionStage<Result> execute(JsonObject execution) {
                CompletableFuture<Result> answer = new CompletableFuture<>();
                ManagedContext requestContext = Arc.container().requestContext();
                boolean activated = false;
                try {
                    if (!requestContext.isActive()) {
                        requestContext.activate(state);
                        activated = true;
                    }
                    Map<String, Object> meta = getMetaData(ctx);
                    meta.put("locale", locale);
                    getExecutionService().executeAsync(execution, meta, new ExecutionResponseWriter() {
                        @Override
                        public void write(ExecutionResponse response) {
                            try {
                                answer.complete(shape(response));
                            } catch (RuntimeException e) {
                                answer.complete(internal(Exchange.this, e));
                            }
                        }

                        @Override
                        public void fail(Throwable failure) {
                            answer.complete(internal(Exchange.this, failure));
                        }
                    });
                } catch (RuntimeException e) {
                    answer.complete(internal(this, e));
                } finally {
                    if (activated) {
                        requestContext.deactivate();
                    }
                }
                return answer;
            }

            /**
             * The response: errors in Forsa's shape, then data and extensions written straight from graphql-java's result
             * ({@link ResponseJson}); SmallRye's conversion only for a value that writer does not know.
             */
            private Result shape(ExecutionResponse response) {
                ExecutionResult result = response.getExecutionResult();
                List<GraphQLError> errors = result.getErrors();
                // Vert.x's own heap buffer (what Buffer.buffer(int) makes): never released, left to the garbage collector
                ByteBuf body = VertxByteBufAllocator.DEFAULT.heapBuffer(4096).writeByte('{');
                ErrorCode first = null;
                if (errors != null && !errors.isEmpty()) {
                    JsonArrayBuilder array = Json.createArrayBuilder();
                    for (GraphQLError error : errors) {
                        ErrorShapes.Shaped shaped = ErrorShapes.shape(error, locale, requestId);
                        if (first == null) {
                            first = shaped.code();
                        }
                        array.add(shaped.json());
                    }
                    ByteBufUtil.writeUtf8(member(body, "errors"), array.build().toString());
                }
                Object data = result.isDataPresent() ? result.getData() : null;
                int rest = body.writerIndex();
                try {
                    if (result.isDataPresent()) {
                        ResponseJson.value(member(body, "data"), data);
                    }
                    Map<?, ?> extensions = ResponseJson.extensions(response);
                    if (extensions != null) {
                        ResponseJson.value(member(body, "extensions"), extensions);
                    }
                } catch (ResponseJson.Unsupported e) {
                    body.writerIndex(rest);
                    JsonObject full = response.getExecutionResultAsJsonObject();
                    for (String key : List.of("data", "extensions")) {
                        if (full.get(key) != null) {
                            ByteBufUtil.writeUtf8(member(body, key), full.get(key).toString());
                        }
                    }
                }
                return new Result(Buffer.buffer(body.writeByte('}')), data != null, first, 0, Map.of());
            }

            /** {@code "key":} of the object being written into {@code body} (opened by its brace), after a comma unless first. */
            private static ByteBuf member(ByteBuf body, String key) {
                ByteBufUtil.writeAscii(body, body.writerIndex() > 1 ? ",\"" : "\"");
                ByteBufUtil.writeAscii(body, key);
                return body.writeByte('"').writeByte(':');
            }
        }
    }

    /** The refusal of an operation over the limits of {@code config} (root fields, depth, cost), or null. */
    static ApiException tooComplex(QueryCost.Result cost, GraphQLConfig config) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cost", cost.cost());
        details.put("depth", cost.depth());
        details.put("rootFields", cost.rootFields());
        if (cost.rootFields() > config.maxRootFields()) {
            details.put("limit", config.maxRootFields());
            return ApiException.keyed(ErrorCode.QUERY_TOO_COMPLEX, details, "graphql.cost.rootFields", cost.rootFields(),
                    config.maxRootFields());
        }
        if (cost.depth() > config.maxDepth()) {
            details.put("limit", config.maxDepth());
            return ApiException.keyed(ErrorCode.QUERY_TOO_COMPLEX, details, "graphql.cost.depth", cost.depth(), config.maxDepth());
        }
        if (cost.cost() > config.maxCost()) {
            details.put("limit", config.maxCost());
            return ApiException.keyed(ErrorCode.QUERY_TOO_COMPLEX, details, "graphql.cost.cost", cost.cost(), config.maxCost(),
                    config.listSize());
        }
        return null;
    }

    private static CompletionStage<Result> done(Result result) {
        return CompletableFuture.completedFuture(result);
    }

    private static Result internal(Handler.Exchange exchange, Throwable failure) {
        LOG.errorf("GraphQL request failed (requestId=%s): %s", exchange.requestId, SafeLog.describe(failure));
        return Result.refusal(UnexpectedExceptionMapper.internal(exchange.requestId), exchange.locale, 0, Map.of());
    }

    /** The stored form of a response replayed for an Idempotency-Key. */
    private static String stored(Result r) {
        return "{\"hasData\":" + r.hasData() + (r.code() == null ? "" : ",\"code\":\"" + r.code().name() + "\"") + ",\"body\":"
                + r.text() + "}";
    }

    private static Result replayed(String stored) {
        JsonObject o = Json.createReader(new StringReader(stored)).readObject();
        ErrorCode code = o.get("code") instanceof JsonString s ? ErrorCode.valueOf(s.getString()) : null;
        return new Result(o.getJsonObject("body").toString(), o.getBoolean("hasData"), code, 0, Map.of("Idempotent-Replayed", "true"));
    }

    // ------------------------------------------------------------------ reading the request

    /** The media type of the answer from Accept, or null when it names none this endpoint produces. */
    static Media negotiate(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return Media.JSON;
        }
        if (accept.length() > 1000) {
            return Media.JSON;
        }
        record Range(String type, double q, int index) {
        }
        List<Range> ranges = new ArrayList<>();
        String[] parts = accept.split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] pieces = parts[i].split(";");
            double q = 1;
            for (int j = 1; j < pieces.length; j++) {
                String p = pieces[j].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            ranges.add(new Range(pieces[0].strip().toLowerCase(Locale.ROOT), q, i));
        }
        ranges.sort(java.util.Comparator.comparingDouble((Range r) -> -r.q()).thenComparingInt(Range::index));
        for (Range range : ranges) {
            if (range.q() <= 0) {
                continue;
            }
            switch (range.type()) {
                case "application/graphql-response+json", "application/graphql+json":
                    return Media.GRAPHQL_RESPONSE;
                case "application/json", "application/*", "*/*":
                    return Media.JSON;
                default:
                    break;
            }
        }
        return null;
    }

    private static JsonValue fromBody(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        String body = ctx.body() == null ? null : ctx.body().asString();
        if (body == null || body.isBlank()) {
            throw ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.body.empty");
        }
        String type = contentType == null ? "application/json" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/graphql") && !type.startsWith("application/graphql-response")) {
            return Json.createObjectBuilder().add("query", body).build();
        }
        if (!type.startsWith("application/json")) {
            throw ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.body.json");
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject || value instanceof JsonArray) {
                return value;
            }
        } catch (jakarta.json.JsonException e) {
            // falls through
        }
        throw ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.body.json");
    }

    /** GET parameters, decoded once by Vert.x: query, operationName, variables and extensions (JSON). */
    private static JsonObject fromParameters(RoutingContext ctx) {
        JsonObjectBuilder input = Json.createObjectBuilder();
        String query = ctx.queryParams().get("query");
        if (query != null) {
            input.add("query", query);
        }
        String name = ctx.queryParams().get("operationName");
        if (name != null) {
            input.add("operationName", name);
        }
        for (String param : List.of("variables", "extensions")) {
            String text = ctx.queryParams().get(param);
            if (text != null && !text.isBlank()) {
                try (var reader = Json.createReader(new StringReader(text))) {
                    input.add(param, reader.readValue());
                } catch (jakarta.json.JsonException e) {
                    throw ApiException.keyed(ErrorCode.BAD_REQUEST, Map.of(), "graphql.param.json", param);
                }
            }
        }
        return input.build();
    }

    // ------------------------------------------------------------------ writing the answer

    static void write(RoutingContext ctx, Media media, Result result) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        int status = result.fixedStatus() > 0 ? result.fixedStatus()
                : media == Media.JSON || result.hasData() || result.code() == null ? 200 : ApiExceptionMapper.status(result.code());
        var response = ctx.response().setStatusCode(status).putHeader("Content-Type", media.type + "; charset=utf-8");
        result.headers().forEach(response::putHeader);
        if (ctx.request().method() == HttpMethod.GET) {
            response.putHeader("Vary", "Accept, Accept-Language, Authorization");
            response.putHeader("Cache-Control", "private, no-cache");
        }
        response.end(result.body());
    }

    /** JSON values as plain Java values (maps, lists, strings, numbers, booleans, null). */
    static Map<String, Object> plain(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((k, v) -> map.put(k, plain(v)));
        return map;
    }

    private static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> plain(value.asJsonObject());
            case ARRAY -> value.asJsonArray().stream().map(GraphQLEndpoint::plain).toList();
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> {
                JsonNumber n = (JsonNumber) value;
                if (n.isIntegral()) {
                    long l = n.longValue();
                    yield l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) n.bigDecimalValue();
                }
                yield n.bigDecimalValue();
            }
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    /** The JSON of a value with object keys sorted, so that the same variables give the same fingerprint. */
    static String canonical(JsonValue value) {
        if (value instanceof JsonObject object) {
            JsonObjectBuilder sorted = Json.createObjectBuilder();
            new TreeMap<>(object).forEach((k, v) -> sorted.add(k, Json.createReader(new StringReader(canonical(v))).readValue()));
            return sorted.build().toString();
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder out = Json.createArrayBuilder();
            array.forEach(v -> out.add(Json.createReader(new StringReader(canonical(v))).readValue()));
            return out.build().toString();
        }
        return value.toString();
    }
}
