package io.llmrouter.bridge.internal;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/messages}: Anthropic's Messages API on the same topology. The request is translated into the
 * OpenAI chat body every part of the router reads, and the reply (or its stream) back into Anthropic's shapes.
 *
 * <p>{@code x-api-key} and {@code anthropic-version} are accepted and not needed: the router holds the providers'
 * keys, and the key a client sends is never read, logged or forwarded.
 */
public final class MessagesHandler implements Handler<RoutingContext> {

    private final Vertx vertx;
    private final PendingReplies pending;
    private final RequestPublisher publisher;
    private final String replyTopic;
    private final long timeoutMs;
    private final Clock clock;
    private final CallObserver observer;

    public MessagesHandler(Vertx vertx, PendingReplies pending, RequestPublisher publisher, String replyTopic,
                           long timeoutMs, Clock clock, CallObserver observer) {
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
        ObservedCall call = ObservedCall.start(observer, ObservedCall.MESSAGES, startedNanos);
        String id = UUID.randomUUID().toString().replace("-", "");
        String requestId = "req-" + id;
        ObjectNode body;
        Priority priority;
        try {
            body = AnthropicRequest.toChatBody(ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes());
            priority = ChatCompletionsHandler.parsePriority(ctx.request().getHeader(ChatCompletionsHandler.PRIORITY_HEADER));
        } catch (ChatRequestCheck.InvalidRequest e) {
            call.refused(e.error());
            AnthropicResponses.error(response, requestId, e.error());
            return;
        }
        boolean stream = body.path("stream").asBoolean(false);
        call.describe(priority, stream);
        String messageId = "msg_" + id;
        String model = body.path("model").asText();
        boolean waiting = stream
                ? new StreamingReply(vertx, response, requestId, new AnthropicStream(messageId, model), pending,
                        timeoutMs, startedNanos, call).register()
                : awaitReply(response, requestId, messageId, model, startedNanos, call);
        if (!waiting) {
            ErrorInfo overloaded = new ErrorInfo(503, "service_unavailable", "overloaded",
                    "The router has too many requests waiting; retry shortly", null);
            call.refused(overloaded);
            AnthropicResponses.error(response, requestId, overloaded);
            return;
        }
        if (stream) {
            response.putHeader(AnthropicResponses.REQUEST_ID_HEADER, requestId);
        }
        LlmRequest request = new LlmRequest(requestId, priority, replyTopic, clock.millis(), body,
                ChatCompletionsHandler.hints(ctx.request().getHeader("Cache-Control"),
                        ctx.request().getHeader("X-Router-Strategy")), null);
        publisher.publish(request).whenComplete((sent, error) -> {
            if (error != null) {
                pending.fail(requestId, new ErrorInfo(503, "service_unavailable", "kafka_unavailable",
                        "The request could not be queued: " + error.getMessage(), null));
            }
        });
    }

    private boolean awaitReply(HttpServerResponse response, String requestId, String messageId, String model,
                               long startedNanos, ObservedCall call) {
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
            AnthropicResponses.reply(response, requestId, messageId, model, answer, startedNanos);
        }));
        return true;
    }
}
