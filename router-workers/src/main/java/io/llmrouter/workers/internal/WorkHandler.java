package io.llmrouter.workers.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TargetRef;
import io.llmrouter.schemas.DeadLetter;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.UsageEvent;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves one work record: calls the upstream, then writes the one terminal reply and the usage event. */
public final class WorkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WorkHandler.class);

    private final RouterConfig config;
    private final ProviderAdapter adapter;
    private final ReplyWriter writer;
    private final Clock clock;

    public WorkHandler(RouterConfig config, ProviderAdapter adapter, ReplyWriter writer, Clock clock) {
        this.config = config;
        this.adapter = adapter;
        this.writer = writer;
        this.clock = clock;
    }

    /** Completes when everything the record leads to is on the broker; never completes exceptionally. */
    public CompletableFuture<Void> handle(ConsumerRecord<String, byte[]> record) {
        LlmRequest request;
        try {
            request = WireFormat.fromBytes(record.value(), LlmRequest.class);
            if (request.route() == null) {
                throw new IllegalArgumentException("work record without a route");
            }
        } catch (RuntimeException e) {
            return deadLetter(record, e.getMessage());
        }
        long receivedAt = clock.millis();
        return adapter.complete(request)
                .thenCompose(result -> writeOutcome(request, result, receivedAt))
                .exceptionally(failure -> {
                    LOG.error("Could not write the reply to {} for {}", request.replyTo(), request.requestId(), failure);
                    return null;
                });
    }

    private CompletableFuture<Void> writeOutcome(LlmRequest request, UpstreamResult result, long receivedAt) {
        long now = clock.millis();
        LlmReply.Timings timings = new LlmReply.Timings(request.createdAt(), receivedAt, result.latencyMs(), now);
        if (!result.isSuccess()) {
            return writer.reply(request.replyTo(), LlmReply.error(request.requestId(), result.error(), request.route(), timings));
        }
        CompletableFuture<Void> reply = writer.reply(request.replyTo(), LlmReply.ok(request, result.response(), timings));
        CompletableFuture<Void> usage = writer.usage(usage(request, result.response(), result.latencyMs(), now));
        return CompletableFuture.allOf(reply, usage);
    }

    private UsageEvent usage(LlmRequest request, JsonNode response, long latencyMs, long now) {
        JsonNode usage = response.path("usage");
        long prompt = usage.path("prompt_tokens").asLong(0);
        long completion = usage.path("completion_tokens").asLong(0);
        TargetRef target = new TargetRef(request.route().provider(), request.route().model());
        double cost = config.model(target).map(model -> model.cost(prompt, completion)).orElse(0.0);
        return new UsageEvent(request.requestId(), now, target.provider(), target.model(), request.priority(),
                request.hints().apiKeyId(), prompt, completion, cost, latencyMs);
    }

    private CompletableFuture<Void> deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        DeadLetter dead = new DeadLetter(record.topic(), record.partition(), record.offset(), clock.millis(),
                "unreadable work record: " + reason, record.key(), null, payload);
        LOG.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        return writer.send(Topics.DEAD_LETTER, record.key(), WireFormat.toBytes(dead))
                .exceptionally(failure -> null);
    }
}
