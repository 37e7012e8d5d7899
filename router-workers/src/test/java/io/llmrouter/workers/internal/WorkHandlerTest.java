package io.llmrouter.workers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.CacheDirective;
import io.llmrouter.schemas.CacheEvent;
import io.llmrouter.schemas.CacheInfo;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.schemas.RoutingHints;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.MutableClock;
import io.llmrouter.testsupport.RequestRecords;
import io.llmrouter.testsupport.TestConfigs;
import io.llmrouter.workers.ChunkSink;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** What a served work record leads to: the reply, its price and the cache fill. */
class WorkHandlerTest {

    private static final CacheDirective DIRECTIVE = new CacheDirective("k1", "*", "auto", "ctx", null, null);

    private final MutableClock clock = new MutableClock();
    private final MockProducer<String, byte[]> sentAtOnce =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    private static ObjectNode completion() {
        ObjectNode completion = WireFormat.mapper().createObjectNode().put("object", "chat.completion");
        completion.putArray("choices").addObject().putObject("message").put("role", "assistant").put("content", "hi");
        return completion;
    }

    private List<ProducerRecord<String, byte[]>> serve(LlmRequest request, UpstreamResult result) {
        return serve(request, result, new AtomicBoolean());
    }

    private List<ProducerRecord<String, byte[]>> serve(LlmRequest request, UpstreamResult result,
                                                       AtomicBoolean called) {
        ProviderAdapter adapter = new ProviderAdapter() {
            @Override
            public CompletableFuture<UpstreamResult> complete(LlmRequest ignored) {
                called.set(true);
                return CompletableFuture.completedFuture(result);
            }

            @Override
            public CompletableFuture<UpstreamResult> stream(LlmRequest ignored, ChunkSink sink) {
                return CompletableFuture.completedFuture(result);
            }
        };
        WorkHandler handler = new WorkHandler(TestConfigs.bundled("unused:9092"), adapter, sentAtOnce, clock);
        return handler.handle(new ConsumerRecord<>(Topics.workTopic("simulator", Priority.NORMAL), 0, 0,
                request.requestId(), RequestRecords.bytes(request))).join();
    }

    private static LlmRequest routed(CacheDirective directive) {
        return RequestRecords.chat(Priority.NORMAL, "llm.results", "auto", "hello")
                .routedTo(new RouteDecision("simulator", "simulator-fast", "test", List.of()))
                .withCache(directive);
    }

    private static List<ProducerRecord<String, byte[]>> on(List<ProducerRecord<String, byte[]>> records, String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Test
    void answerToACacheableMissFillsTheCacheUnderItsKey() {
        List<ProducerRecord<String, byte[]>> records = serve(routed(DIRECTIVE), UpstreamResult.success(completion(), 5));

        ProducerRecord<String, byte[]> fill = on(records, Topics.CACHE_EVENTS).get(0);
        CacheEvent event = WireFormat.fromBytes(fill.value(), CacheEvent.class);
        assertThat(fill.key()).isEqualTo("k1");
        assertThat(event.type()).isEqualTo(CacheEvent.Type.FILL);
        assertThat(event.entry().response().at("/choices/0/message/content").asText()).isEqualTo("hi");
        assertThat(event.entry().expiresAt()).isEqualTo(clock.millis() + 24 * 3_600_000L);
    }

    @Test
    void replyToACacheableMissSaysItMissed() {
        List<ProducerRecord<String, byte[]>> records = serve(routed(DIRECTIVE), UpstreamResult.success(completion(), 5));

        LlmReply reply = WireFormat.fromBytes(on(records, "llm.results").get(0).value(), LlmReply.class);
        assertThat(reply.cache()).isEqualTo(CacheInfo.MISS);
    }

    @Test
    void requestTheCachesSkippedFillsNothingAndSaysSo() {
        List<ProducerRecord<String, byte[]>> records = serve(routed(null), UpstreamResult.success(completion(), 5));

        assertThat(on(records, Topics.CACHE_EVENTS)).isEmpty();
        LlmReply reply = WireFormat.fromBytes(on(records, "llm.results").get(0).value(), LlmReply.class);
        assertThat(reply.cache()).isEqualTo(CacheInfo.BYPASS);
    }

    @Test
    void replyCarriesTheCallsPriceAtTheConfiguredRates() {
        LlmRequest request = RequestRecords.chat(Priority.NORMAL, "llm.results", "auto", "hello")
                .routedTo(new RouteDecision("openai", "gpt-4o-mini", "test", List.of()));
        ObjectNode completion = completion();
        completion.putObject("usage").put("prompt_tokens", 1_000).put("completion_tokens", 500);

        List<ProducerRecord<String, byte[]>> records = serve(request, UpstreamResult.success(completion, 5));

        LlmReply reply = WireFormat.fromBytes(on(records, "llm.results").get(0).value(), LlmReply.class);
        assertThat(reply.costUsd()).isCloseTo(0.15 * 1_000 / 1e6 + 0.60 * 500 / 1e6, within(1e-12));
    }

    @Test
    void requestPastItsCallersTimeoutIsAnswered504WithoutCallingTheUpstream() {
        LlmRequest request = RequestRecords.chat(Priority.NORMAL, "llm.results", "auto", "hello");
        LlmRequest expired = new LlmRequest(request.requestId(), request.priority(), request.replyTo(),
                clock.millis() - 5_000, request.body(), new RoutingHints(null, null, 1_000L, null), null, List.of())
                .routedTo(new RouteDecision("simulator", "simulator-fast", "test", List.of()));
        AtomicBoolean called = new AtomicBoolean();

        List<ProducerRecord<String, byte[]>> records = serve(expired, UpstreamResult.success(completion(), 5), called);

        LlmReply reply = WireFormat.fromBytes(on(records, "llm.results").get(0).value(), LlmReply.class);
        assertThat(reply.error().status()).isEqualTo(504);
        assertThat(called).isFalse();
        assertThat(on(records, Topics.USAGE)).isEmpty();
    }

    @Test
    void replyGoesOutAtOnceWhenItsReaderTakesTheFirstReply() {
        LlmRequest plain = routed(null);
        LlmRequest early = new LlmRequest(plain.requestId(), plain.priority(), plain.replyTo(), plain.createdAt(),
                plain.body(), plain.hints().withEarlyReply(), plain.route(), List.of());

        List<ProducerRecord<String, byte[]>> records = serve(early, UpstreamResult.success(completion(), 5));

        assertThat(sentAtOnce.history()).singleElement().satisfies(sent -> {
            assertThat(sent.topic()).isEqualTo("llm.results");
            assertThat(sent.value()).isEqualTo(on(records, "llm.results").get(0).value());
        });
        assertThat(on(records, "llm.results")).hasSize(1);
    }

    @Test
    void replyWaitsForTheTransactionWhenItsReaderCountsReplies() {
        serve(routed(null), UpstreamResult.success(completion(), 5));

        assertThat(sentAtOnce.history()).isEmpty();
    }

    @Test
    void errorsAreNeverCached() {
        UpstreamResult failed = UpstreamResult.failure(UpstreamResult.Failure.INVALID_REQUEST,
                ErrorInfo.invalidRequest("bad", null), null, 5);

        List<ProducerRecord<String, byte[]>> records = serve(routed(DIRECTIVE), failed);

        assertThat(on(records, Topics.CACHE_EVENTS)).isEmpty();
    }
}
