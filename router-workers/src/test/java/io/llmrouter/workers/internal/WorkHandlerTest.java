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
import org.apache.kafka.common.errors.TimeoutException;
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
        return served(request, result, new AtomicBoolean()).outputs();
    }

    private List<ProducerRecord<String, byte[]>> serve(LlmRequest request, UpstreamResult result,
                                                       AtomicBoolean called) {
        return served(request, result, called).outputs();
    }

    private WorkHandler.Served served(LlmRequest request, UpstreamResult result, AtomicBoolean called) {
        WorkHandler handler = new WorkHandler(TestConfigs.bundled("unused:9092"), answering(result, called), sentAtOnce,
                clock);
        return handler.handle(workRecord(request)).join();
    }

    private static ProviderAdapter answering(UpstreamResult result, AtomicBoolean called) {
        return new ProviderAdapter() {
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
    }

    private static ConsumerRecord<String, byte[]> workRecord(LlmRequest request) {
        return new ConsumerRecord<>(Topics.workTopic("simulator", Priority.NORMAL), 0, 0, request.requestId(),
                RequestRecords.bytes(request));
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

    private static LlmRequest earlyReplyWanted(LlmRequest plain) {
        return new LlmRequest(plain.requestId(), plain.priority(), plain.replyTo(), plain.createdAt(),
                plain.body(), plain.hints().withEarlyReply(), plain.route(), plain.attempts());
    }

    @Test
    void replyGoesOutAtOnceWhenItsReaderTakesTheFirstReply() {
        serve(earlyReplyWanted(routed(null)), UpstreamResult.success(completion(), 5));

        assertThat(sentAtOnce.history()).singleElement().satisfies(sent -> {
            assertThat(sent.topic()).isEqualTo("llm.results");
            assertThat(WireFormat.fromBytes(sent.value(), LlmReply.class).isOk()).isTrue();
        });
    }

    @Test
    void replySentEarlyIsLeftOutOfTheTransactionWhichNobodyAwaits() {
        WorkHandler.Served served = served(earlyReplyWanted(routed(null)), UpstreamResult.success(completion(), 5),
                new AtomicBoolean());

        assertThat(on(served.outputs(), "llm.results")).isEmpty();
        assertThat(on(served.outputs(), Topics.USAGE)).hasSize(1);
        assertThat(served.awaited()).isFalse();
    }

    @Test
    void replyTheBrokerRefusedEarlyStaysInTheTransactionWhichRunsAtOnce() {
        MockProducer<String, byte[]> refusing =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        refusing.sendException = new TimeoutException("broker away");
        WorkHandler.Served served = new WorkHandler(TestConfigs.bundled("unused:9092"), answering(
                UpstreamResult.success(completion(), 5), new AtomicBoolean()), refusing, clock)
                .handle(workRecord(earlyReplyWanted(routed(null)))).join();

        assertThat(on(served.outputs(), "llm.results")).hasSize(1);
        assertThat(served.awaited()).isTrue();
    }

    @Test
    void replyWaitsForTheTransactionWhenItsReaderCountsReplies() {
        WorkHandler.Served served = served(routed(null), UpstreamResult.success(completion(), 5), new AtomicBoolean());

        assertThat(sentAtOnce.history()).isEmpty();
        assertThat(on(served.outputs(), "llm.results")).hasSize(1);
        assertThat(served.awaited()).isTrue();
    }

    @Test
    void failoverHandBackIsAwaitedEvenWhenTheReplyWouldGoEarly() {
        UpstreamResult unavailable = UpstreamResult.failure(UpstreamResult.Failure.SERVER_ERROR,
                ErrorInfo.upstream("down"), null, 5);

        WorkHandler.Served served = served(earlyReplyWanted(routed(null)), unavailable, new AtomicBoolean());

        assertThat(on(served.outputs(), Topics.FAILOVER)).hasSize(1);
        assertThat(served.awaited()).isTrue();
    }

    @Test
    void errorsAreNeverCached() {
        UpstreamResult failed = UpstreamResult.failure(UpstreamResult.Failure.INVALID_REQUEST,
                ErrorInfo.invalidRequest("bad", null), null, 5);

        List<ProducerRecord<String, byte[]>> records = serve(routed(DIRECTIVE), failed);

        assertThat(on(records, Topics.CACHE_EVENTS)).isEmpty();
    }
}
