package io.llmrouter.bridge.internal;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RoutingHints;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/chat/completions}: turns the call into a request record and answers with its reply,
 * or, for {@code stream: true}, with its chunks as server-sent events.
 */
public final class ChatCompletionsHandler implements Handler<RoutingContext> {

    /** Header that picks the priority topic. */
    public static final String PRIORITY_HEADER = "X-Priority";

    private final Vertx vertx;
    private final PendingReplies pending;
    private final RequestPublisher publisher;
    private final String replyTopic;
    private final long timeoutMs;
    private final Clock clock;
    private final CallObserver observer;

    public ChatCompletionsHandler(Vertx vertx, PendingReplies pending, RequestPublisher publisher,
                                  String replyTopic, long timeoutMs, Clock clock, CallObserver observer) {
        this.vertx = vertx;
        this.pending = pending;
        this.publisher = publisher;
        this.replyTopic = replyTopic;
        this.timeoutMs = timeoutMs;
        this.clock = clock;
        this.observer = observer;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long startedNanos = System.nanoTime();
        HttpServerResponse response = ctx.response();
        ObservedCall call = ObservedCall.start(observer, ObservedCall.CHAT, startedNanos);
        ObjectNode body;
        Priority priority;
        try {
            body = ChatRequestCheck.parse(ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes());
            priority = parsePriority(ctx.request().getHeader(PRIORITY_HEADER));
        } catch (ChatRequestCheck.InvalidRequest e) {
            call.refused(e.error());
            OpenAiResponses.error(response, e.error());
            return;
        }
        call.describe(priority, body.path("stream").asBoolean(false));
        String requestId = "req-" + UUID.randomUUID();
        boolean waiting = body.path("stream").asBoolean(false)
                ? awaitStream(response, requestId, body, startedNanos, call)
                : awaitReply(response, requestId, startedNanos, call);
        if (!waiting) {
            ErrorInfo overloaded = new ErrorInfo(503, "service_unavailable", "overloaded",
                    "The router has too many requests waiting; retry shortly", null);
            call.refused(overloaded);
            OpenAiResponses.error(response, overloaded);
            return;
        }
        // The body goes out as the caller sent it: workers read stream and stream_options from it.
        LlmRequest request = new LlmRequest(requestId, priority, replyTopic, clock.millis(), body,
                hints(ctx.request().getHeader("Cache-Control"), ctx.request().getHeader("X-Router-Strategy")), null);
        publisher.publish(request).whenComplete((sent, error) -> {
            if (error != null) {
                pending.fail(requestId, new ErrorInfo(503, "service_unavailable", "kafka_unavailable",
                        "The request could not be queued: " + error.getMessage(), null));
            }
        });
    }

    private boolean awaitStream(HttpServerResponse response, String requestId, ObjectNode body, long startedNanos,
                                ObservedCall call) {
        return new StreamingReply(vertx, response, requestId, new OpenAiStreamFormat(StreamUsage.of(body)), pending,
                timeoutMs, startedNanos, call).register();
    }

    private boolean awaitReply(HttpServerResponse response, String requestId, long startedNanos, ObservedCall call) {
        CompletableFuture<LlmReply> reply = pending.register(requestId);
        if (reply == null) {
            return false;
        }
        long timer = vertx.setTimer(timeoutMs, id -> pending.fail(requestId,
                ErrorInfo.timeout("No reply within " + timeoutMs + " ms")));
        response.closeHandler(closed -> {
            pending.cancel(requestId);
            call.abandoned();
        });
        Context context = vertx.getOrCreateContext();
        reply.whenComplete((answer, error) -> context.runOnContext(v -> {
            vertx.cancelTimer(timer);
            call.answered(answer);
            OpenAiResponses.reply(response, requestId, answer, startedNanos);
        }));
        return true;
    }

    /**
     * {@code Cache-Control: no-cache} (or {@code no-store}) keeps the request out of the caches both ways;
     * {@code X-Router-Strategy} names the routing strategy, which the router checks.
     */
    static RoutingHints hints(String cacheControl, String strategyHeader) {
        String strategy = strategyHeader == null || strategyHeader.isBlank() ? null : strategyHeader.trim();
        String directives = cacheControl == null ? "" : cacheControl.toLowerCase(java.util.Locale.ROOT);
        boolean noCache = directives.contains("no-cache") || directives.contains("no-store");
        return noCache || strategy != null ? new RoutingHints(strategy, noCache ? true : null, null, null)
                : RoutingHints.NONE;
    }

    static Priority parsePriority(String header) {
        if (header == null || header.isBlank()) {
            return Priority.NORMAL;
        }
        try {
            return Priority.parse(header);
        } catch (IllegalArgumentException e) {
            throw new ChatRequestCheck.InvalidRequest(ErrorInfo.invalidRequest(PRIORITY_HEADER + ": " + e.getMessage(), null));
        }
    }
}
