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

/** {@code POST /v1/chat/completions}: turns the call into a request record and answers with its reply. */
public final class ChatCompletionsHandler implements Handler<RoutingContext> {

    /** Header that picks the priority topic. */
    public static final String PRIORITY_HEADER = "X-Priority";

    private final Vertx vertx;
    private final PendingReplies pending;
    private final RequestPublisher publisher;
    private final String replyTopic;
    private final long timeoutMs;
    private final Clock clock;

    public ChatCompletionsHandler(Vertx vertx, PendingReplies pending, RequestPublisher publisher,
                                  String replyTopic, long timeoutMs, Clock clock) {
        this.vertx = vertx;
        this.pending = pending;
        this.publisher = publisher;
        this.replyTopic = replyTopic;
        this.timeoutMs = timeoutMs;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long startedNanos = System.nanoTime();
        HttpServerResponse response = ctx.response();
        ObjectNode body;
        Priority priority;
        try {
            body = ChatRequestCheck.parse(ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes());
            priority = parsePriority(ctx.request().getHeader(PRIORITY_HEADER));
        } catch (ChatRequestCheck.InvalidRequest e) {
            OpenAiResponses.error(response, e.error());
            return;
        }
        String requestId = "req-" + UUID.randomUUID();
        CompletableFuture<LlmReply> reply = pending.register(requestId);
        if (reply == null) {
            OpenAiResponses.error(response, new ErrorInfo(503, "service_unavailable", "overloaded",
                    "The router has too many requests waiting; retry shortly", null));
            return;
        }
        LlmRequest request = new LlmRequest(requestId, priority, replyTopic, clock.millis(), body, RoutingHints.NONE, null);
        long timer = vertx.setTimer(timeoutMs, id -> pending.fail(requestId,
                ErrorInfo.timeout("No reply within " + timeoutMs + " ms")));
        response.closeHandler(closed -> pending.cancel(requestId));
        Context context = vertx.getOrCreateContext();
        reply.whenComplete((answer, error) -> context.runOnContext(v -> {
            vertx.cancelTimer(timer);
            respond(response, requestId, answer, startedNanos);
        }));
        publisher.publish(request).whenComplete((sent, error) -> {
            if (error != null) {
                pending.fail(requestId, new ErrorInfo(503, "service_unavailable", "kafka_unavailable",
                        "The request could not be queued: " + error.getMessage(), null));
            }
        });
    }

    private static Priority parsePriority(String header) {
        if (header == null || header.isBlank()) {
            return Priority.NORMAL;
        }
        try {
            return Priority.parse(header);
        } catch (IllegalArgumentException e) {
            throw new ChatRequestCheck.InvalidRequest(ErrorInfo.invalidRequest(PRIORITY_HEADER + ": " + e.getMessage(), null));
        }
    }

    private static void respond(HttpServerResponse response, String requestId, LlmReply reply, long startedNanos) {
        response.putHeader("X-Request-Id", requestId);
        if (reply.provider() != null) {
            response.putHeader("X-Router-Provider", reply.provider());
            response.putHeader("X-Router-Model", reply.model());
        }
        if (reply.timings() != null) {
            long totalMs = (System.nanoTime() - startedNanos) / 1_000_000;
            response.putHeader("X-Router-Overhead-Ms", String.valueOf(Math.max(0, totalMs - reply.timings().upstreamMs())));
        }
        if (reply.isOk()) {
            OpenAiResponses.json(response, 200, reply.response());
        } else {
            OpenAiResponses.error(response, reply.error());
        }
    }
}
