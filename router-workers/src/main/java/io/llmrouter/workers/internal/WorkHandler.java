package io.llmrouter.workers.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TargetRef;
import io.llmrouter.schemas.CacheEntry;
import io.llmrouter.schemas.CacheEvent;
import io.llmrouter.schemas.CacheInfo;
import io.llmrouter.schemas.DeadLetter;
import io.llmrouter.schemas.Delivery;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.StreamChunk;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.UsageEvent;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one work record and says what it leads to: the terminal reply and usage event, a hand-back
 * to the router for failover, or a dead letter. Those records are returned, not sent, so the worker
 * loop writes them in one transaction with the record's offset.
 *
 * <p>Stream chunks are the exception: they go out at once, and the terminal records are returned
 * only after the broker has every chunk, so the terminal reply always follows the last chunk. So is the
 * reply to a reader that takes the first reply per request (the bridge): it goes out at once too.
 */
public final class WorkHandler {

    /**
     * What one work record leads to.
     *
     * @param outputs the records to write in the transaction with the record's offset
     * @param awaited whether a reader waits for that transaction: false once the reply went out early, or for a
     *                dead letter nobody reads
     */
    public record Served(List<ProducerRecord<String, byte[]>> outputs, boolean awaited) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(WorkHandler.class);

    private final RouterConfig config;
    private final ProviderAdapter adapter;
    private final Producer<String, byte[]> chunkProducer;
    private final Clock clock;

    public WorkHandler(RouterConfig config, ProviderAdapter adapter, Producer<String, byte[]> chunkProducer, Clock clock) {
        this.config = config;
        this.adapter = adapter;
        this.chunkProducer = chunkProducer;
        this.clock = clock;
    }

    /** The records one work record leads to; never completes exceptionally. */
    public CompletableFuture<Served> handle(ConsumerRecord<String, byte[]> record) {
        LlmRequest request;
        try {
            request = WireFormat.fromBytes(record.value(), LlmRequest.class);
            if (request.route() == null) {
                throw new IllegalArgumentException("work record without a route");
            }
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Served(List.of(deadLetter(record, e.getMessage())), false));
        }
        long receivedAt = clock.millis();
        Long timeoutMs = request.hints().timeoutMs();
        if (timeoutMs != null && receivedAt > request.createdAt() + timeoutMs) {
            // The caller stopped waiting: an upstream call now would be paid for and never read.
            ErrorInfo expired = ErrorInfo.timeout("The request waited " + (receivedAt - request.createdAt())
                    + " ms, past its timeout of " + timeoutMs + " ms; no upstream was called");
            return sentEarly(request, List.of(ReplyRecords.reply(request.replyTo(), LlmReply.error(
                    request.requestId(), expired, request.route(),
                    new LlmReply.Timings(request.createdAt(), receivedAt, 0, receivedAt)))));
        }
        CompletableFuture<UpstreamResult> call;
        List<CompletableFuture<?>> chunksSent = new ArrayList<>();
        if (request.isStream()) {
            AtomicInteger sequence = new AtomicInteger();
            call = adapter.stream(request, chunk -> chunksSent.add(send(ReplyRecords.chunk(request.replyTo(),
                    new StreamChunk(request.requestId(), sequence.getAndIncrement(), chunk)))));
        } else {
            call = adapter.complete(request);
        }
        return call.thenCompose(result -> CompletableFuture.allOf(chunksSent.toArray(CompletableFuture[]::new))
                        .handle((sent, error) -> outcome(request, result, receivedAt)))
                .thenCompose(records -> sentEarly(request, records))
                .exceptionally(failure -> {
                    LOG.error("Unexpected failure serving {}", request.requestId(), failure);
                    return new Served(List.of(deadLetter(record, "worker failure: " + failure)), false);
                });
    }

    private List<ProducerRecord<String, byte[]>> outcome(LlmRequest request, UpstreamResult result, long receivedAt) {
        long now = clock.millis();
        LlmReply.Timings timings = new LlmReply.Timings(request.createdAt(), receivedAt, result.latencyMs(), now);
        if (result.isSuccess()) {
            UsageEvent usage = usage(request, result.response(), result.latencyMs(), now);
            LlmReply reply = LlmReply.ok(request, result.response(), timings).withCost(usage.costUsd());
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            records.add(ReplyRecords.reply(request.replyTo(),
                    reply.withCache(request.cache() == null ? CacheInfo.BYPASS : CacheInfo.MISS)));
            records.add(new ProducerRecord<>(Topics.USAGE, request.route().provider(), WireFormat.toBytes(usage)));
            if (request.cache() != null) {
                records.add(cacheFill(request, result.response(), now));
            }
            return records;
        }
        if (result.failure().failover()) {
            LlmRequest.Attempt attempt = new LlmRequest.Attempt(request.route().provider(), request.route().model(),
                    result.error().status(), result.error().code(), result.error().message());
            return List.of(new ProducerRecord<>(Topics.FAILOVER, request.requestId(),
                    WireFormat.toBytes(request.failedOver(attempt))));
        }
        return List.of(ReplyRecords.reply(request.replyTo(),
                LlmReply.error(request.requestId(), result.error(), request.route(), timings)));
    }

    /**
     * When the reader of {@code reply_to} takes the first reply per request (the bridge does), sends the reply at
     * once beside the chunks, so the caller need not wait for the transaction, and leaves it out of the
     * transaction once the broker has it. Usage and cache fills go only with the transaction, so they still count
     * once. A reply the broker refused stays in the transaction, which then runs at once.
     */
    private CompletableFuture<Served> sentEarly(LlmRequest request, List<ProducerRecord<String, byte[]>> records) {
        List<ProducerRecord<String, byte[]>> replies = records.stream()
                .filter(r -> r.topic().equals(request.replyTo())).toList();
        if (!request.hints().wantsEarlyReply() || replies.isEmpty()) {
            return CompletableFuture.completedFuture(new Served(records, true));
        }
        return CompletableFuture.allOf(replies.stream().map(this::send).toArray(CompletableFuture[]::new))
                .handle((sent, error) -> {
                    if (error != null) {
                        LOG.warn("Early reply to {} failed ({}); it goes with the transaction", request.requestId(),
                                error.toString());
                        return new Served(records, true);
                    }
                    return new Served(records.stream().filter(r -> !replies.contains(r)).toList(), false);
                });
    }

    /** The answer to a cacheable request that missed, for the cache keeper; written with the reply or not at all. */
    private ProducerRecord<String, byte[]> cacheFill(LlmRequest request, ObjectNode response, long now) {
        CacheEntry entry = new CacheEntry(request.cache(), request.route().provider(), request.route().model(),
                response, now, now + config.cache().ttlMs());
        return new ProducerRecord<>(Topics.CACHE_EVENTS, entry.directive().key(),
                WireFormat.toBytes(CacheEvent.fill(entry, now)));
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

    private CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        return Delivery.of(chunkProducer, record);
    }

    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        LOG.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        DeadLetter dead = new DeadLetter(record.topic(), record.partition(), record.offset(), clock.millis(),
                "unreadable work record: " + reason, record.key(), null, payload);
        return new ProducerRecord<>(Topics.DEAD_LETTER, record.key(), WireFormat.toBytes(dead));
    }
}
