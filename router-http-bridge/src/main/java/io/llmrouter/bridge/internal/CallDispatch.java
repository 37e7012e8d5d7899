package io.llmrouter.bridge.internal;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RoutingHints;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * What every API of the bridge does with a call once its body is understood: wait for the one reply,
 * hand the request to Kafka, and fail the call if either cannot happen.
 */
final class CallDispatch {

    /** The request header that picks the priority topic. */
    static final String PRIORITY_HEADER = "X-Priority";
    /** The request header that sets how long this call waits, in milliseconds. */
    static final String TIMEOUT_HEADER = "X-Router-Timeout-Ms";
    /** The longest wait a caller may ask for. */
    static final long MAX_TIMEOUT_MS = 600_000;

    /** The answer when too many calls wait already. */
    static final ErrorInfo OVERLOADED = new ErrorInfo(503, "service_unavailable", "overloaded",
            "The router has too many requests waiting; retry shortly", null);

    private final Vertx vertx;
    private final PendingReplies pending;
    private final RequestPublisher publisher;
    private final String replyTopic;
    private final Clock clock;

    CallDispatch(Vertx vertx, PendingReplies pending, RequestPublisher publisher, String replyTopic, Clock clock) {
        this.vertx = vertx;
        this.pending = pending;
        this.publisher = publisher;
        this.replyTopic = replyTopic;
        this.clock = clock;
    }

    /**
     * A call the key gate let in: its body in the chat-completions shape, its admission, the timeout it asked for
     * (null when none) and how long it waits.
     */
    record Admitted(ObjectNode body, KeyGate.Admission admission, Long askedTimeoutMs, long waitMs) {

        Priority priority() {
            return admission.priority();
        }

        String keyId() {
            return admission.keyId();
        }

        boolean stream() {
            return body.path("stream").asBoolean(false);
        }
    }

    /**
     * Checks the caller's key, reads the body with {@code reader}, then applies the key's limits and the router's
     * request headers ({@code defaultWaitMs} when the call names no timeout). Every refusal is a
     * {@link ChatRequestCheck.InvalidRequest} carrying its error.
     */
    static Admitted admit(KeyGate gate, RoutingContext ctx, Function<byte[], ObjectNode> reader, long defaultWaitMs) {
        Optional<KeyRing.Caller> caller = gate.authenticate(ctx.request());
        ObjectNode body = reader.apply(ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes());
        KeyGate.Admission admission = KeyGate.admit(caller, body.path("model").asText(),
                parsePriority(ctx.request().getHeader(PRIORITY_HEADER)));
        Long asked = askedTimeout(ctx.request().getHeader(TIMEOUT_HEADER));
        return new Admitted(body, admission, asked, asked == null ? defaultWaitMs : asked);
    }

    /**
     * Registers the caller of a plain (not streamed) call; {@code write} answers it on its own context.
     *
     * @param timeoutMs how long the caller waits, from {@link Admitted#waitMs}
     * @return false when too many calls wait already
     */
    boolean awaitReply(HttpServerResponse response, String requestId, ObservedCall call, long timeoutMs,
                       Consumer<LlmReply> write) {
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
            write.accept(answer);
        }));
        return true;
    }

    /** Publishes the admitted call's body with its hints; one that cannot be queued gets a 503. */
    void publish(String requestId, Admitted admitted, HttpServerRequest http) {
        LlmRequest request = new LlmRequest(requestId, admitted.priority(), replyTopic, clock.millis(), admitted.body(),
                keyedHints(http, admitted), null);
        publisher.publish(request).whenComplete((sent, error) -> {
            if (error != null) {
                pending.fail(requestId, new ErrorInfo(503, "service_unavailable", "kafka_unavailable",
                        "The request could not be queued: " + error.getMessage(), null));
            }
        });
    }

    /**
     * {@code Cache-Control: no-cache} (or {@code no-store}) keeps the request out of the caches both ways;
     * {@code X-Router-Strategy} names the routing strategy, which the router checks.
     */
    private static RoutingHints keyedHints(HttpServerRequest http, Admitted admitted) {
        RoutingHints hints = hints(http.getHeader("Cache-Control"), http.getHeader("X-Router-Strategy"));
        // The bridge answers each caller with the first reply it reads, so workers may send it before they commit.
        return new RoutingHints(hints.strategy(), hints.noCache(), admitted.askedTimeoutMs(), admitted.keyId(),
                Boolean.TRUE);
    }

    /** The header's priority, normal when absent; a 400 when it names none. */
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

    /** The header's value in milliseconds, null when absent; a 400 when it is not a whole number in range. */
    static Long askedTimeout(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long ms = Long.parseLong(header.trim());
            if (ms >= 1 && ms <= MAX_TIMEOUT_MS) {
                return ms;
            }
        } catch (NumberFormatException ignored) {
            // answered below, like any value out of range
        }
        throw new ChatRequestCheck.InvalidRequest(ErrorInfo.invalidRequest(TIMEOUT_HEADER
                + " must be a whole number of milliseconds from 1 to " + MAX_TIMEOUT_MS, null));
    }

    /** The hints of a call with these header values, each possibly null. */
    static RoutingHints hints(String cacheControl, String strategyHeader) {
        String strategy = strategyHeader == null || strategyHeader.isBlank() ? null : strategyHeader.trim();
        String directives = cacheControl == null ? "" : cacheControl.toLowerCase(Locale.ROOT);
        boolean noCache = directives.contains("no-cache") || directives.contains("no-store");
        if (strategy == null && !noCache) {
            return RoutingHints.NONE;
        }
        return new RoutingHints(strategy, noCache ? Boolean.TRUE : null, null, null);
    }
}
