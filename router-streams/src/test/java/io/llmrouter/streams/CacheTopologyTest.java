package io.llmrouter.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.CacheSettings;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.CacheEntry;
import io.llmrouter.schemas.CacheEvent;
import io.llmrouter.schemas.CacheInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RoutingHints;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.UsageEvent;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.MutableClock;
import io.llmrouter.testsupport.RequestRecords;
import io.llmrouter.testsupport.TestConfigs;
import io.llmrouter.testsupport.TopologyTestProperties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exact tier in the topology: what is cached, where a repeat is answered, and when answers go. */
class CacheTopologyTest {

    private static final String REPLIES = "llm.results";
    private static final String WORK = Topics.workTopic("simulator", Priority.NORMAL);

    private final MutableClock clock = new MutableClock();
    private final CacheStats stats = new CacheStats();
    private TopologyTestDriver driver;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(CacheSettings cache) {
        RouterConfig config = TestConfigs.bundled("unused:9092").withCache(cache);
        Properties props = TopologyTestProperties.of("cache-topology-test");
        driver = new TopologyTestDriver(RouterTopology.build(config, Set.of("simulator"), REPLIES::equals, clock,
                io.llmrouter.streams.internal.cache.SemanticTier.OFF, stats), props);
    }

    private void start() {
        start(exactOnly(100, 24 * 3_600_000L, CacheSettings.Scope.SHARED));
    }

    private static CacheSettings exactOnly(int maxEntries, long ttlMs, CacheSettings.Scope scope) {
        return new CacheSettings(true, scope, null, null, ttlMs, maxEntries,
                new CacheSettings.Semantic(false, null, null, null));
    }

    private static ObjectNode deterministic(String text) {
        ObjectNode body = RequestRecords.chatBody("auto", text);
        body.put("temperature", 0);
        return body;
    }

    private static LlmRequest request(ObjectNode body, RoutingHints hints) {
        return LlmRequest.of("req-" + java.util.UUID.randomUUID(), Priority.NORMAL, REPLIES, 1L, body, hints);
    }

    private void send(LlmRequest request) {
        driver.createInputTopic(request.priority().requestTopic(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(request.requestId(), RequestRecords.bytes(request));
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Sends a request, takes it off the work topic as a worker would, and fills the cache with an answer. */
    private LlmRequest missAndFill(ObjectNode body, RoutingHints hints, String answer) {
        send(request(body, hints));
        LlmRequest work = WireFormat.fromBytes(output(WORK).readValue(), LlmRequest.class);
        assertThat(work.cache()).as("cache directive on a cacheable miss").isNotNull();
        ObjectNode completion = WireFormat.mapper().createObjectNode().put("object", "chat.completion");
        completion.putArray("choices").addObject().putObject("message").put("role", "assistant").put("content", answer);
        CacheEntry entry = new CacheEntry(work.cache(), "simulator", "simulator-fast", completion, clock.millis(),
                clock.millis() + 24 * 3_600_000L);
        driver.createInputTopic(Topics.CACHE_EVENTS, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(entry.directive().key(), WireFormat.toBytes(CacheEvent.fill(entry, clock.millis())));
        // What the keeper publishes on llm.cache is what every instance's global store reads.
        List<TestRecord<String, byte[]>> published = output(Topics.CACHE).readRecordsToList();
        driver.createInputTopic(Topics.CACHE, new StringSerializer(), new ByteArraySerializer())
                .pipeRecordList(published);
        return work;
    }

    private LlmReply reply() {
        return WireFormat.fromBytes(output(REPLIES).readValue(), LlmReply.class);
    }

    @Test
    void repeatIsAnsweredFromTheExactTierWithoutReachingAWorker() {
        start();
        missAndFill(deterministic("What is Kafka?"), RoutingHints.NONE, "A log.");

        send(request(deterministic("What is Kafka?"), RoutingHints.NONE));

        LlmReply reply = reply();
        assertThat(reply.cache()).isEqualTo(CacheInfo.EXACT_HIT);
        assertThat(reply.response().at("/choices/0/message/content").asText()).isEqualTo("A log.");
        assertThat(output(WORK).isEmpty()).isTrue();
        assertThat(stats.exactHits()).isEqualTo(1);
    }

    @Test
    void hitRecordsZeroCostUsageAndAUseForTheKeeper() {
        start();
        missAndFill(deterministic("What is Kafka?"), RoutingHints.NONE, "A log.");

        send(request(deterministic("What is Kafka?"), RoutingHints.NONE));

        UsageEvent usage = WireFormat.fromBytes(output(Topics.USAGE).readValue(), UsageEvent.class);
        assertThat(usage.cacheHit()).isTrue();
        assertThat(usage.costUsd()).isZero();
        CacheEvent use = WireFormat.fromBytes(output(Topics.CACHE_EVENTS).readValue(), CacheEvent.class);
        assertThat(use.type()).isEqualTo(CacheEvent.Type.USE);
    }

    @Test
    void repeatWithOtherWhitespaceAndKeyOrderIsStillAnExactHit() {
        start();
        missAndFill(deterministic("What is Kafka?"), RoutingHints.NONE, "A log.");
        ObjectNode respelled = WireFormat.mapper().createObjectNode().put("temperature", 0.0);
        respelled.putArray("messages").addObject().put("content", "  What   is Kafka?\n").put("role", "user");
        respelled.put("model", "auto");

        send(request(respelled, RoutingHints.NONE));

        assertThat(reply().cache()).isEqualTo(CacheInfo.EXACT_HIT);
    }

    @Test
    void requestAboveTheTemperatureLimitIsNeitherLookedUpNorFilled() {
        start();
        ObjectNode creative = RequestRecords.chatBody("auto", "Write a poem");
        creative.put("temperature", 0.9);

        send(request(creative, RoutingHints.NONE));

        LlmRequest work = WireFormat.fromBytes(output(WORK).readValue(), LlmRequest.class);
        assertThat(work.cache()).isNull();
        assertThat(stats.bypasses()).isEqualTo(1);
    }

    @Test
    void requestWithoutATemperatureCountsAsTheProvidersDefaultAndIsNotCached() {
        start();

        send(request(RequestRecords.chatBody("auto", "hello"), RoutingHints.NONE));

        assertThat(WireFormat.fromBytes(output(WORK).readValue(), LlmRequest.class).cache()).isNull();
    }

    @Test
    void severalChoicesAreNotCached() {
        start();
        ObjectNode body = deterministic("hello");
        body.put("n", 3);

        send(request(body, RoutingHints.NONE));

        assertThat(WireFormat.fromBytes(output(WORK).readValue(), LlmRequest.class).cache()).isNull();
    }

    @Test
    void optedOutRepeatGoesUpstream() {
        start();
        missAndFill(deterministic("What is Kafka?"), RoutingHints.NONE, "A log.");

        send(request(deterministic("What is Kafka?"), new RoutingHints(null, true, null, null)));

        assertThat(output(REPLIES).isEmpty()).isTrue();
        assertThat(WireFormat.fromBytes(output(WORK).readValue(), LlmRequest.class).cache()).isNull();
    }

    @Test
    void repeatOnAnotherPriorityTopicIsAHit() {
        start();
        missAndFill(deterministic("What is Kafka?"), RoutingHints.NONE, "A log.");

        send(LlmRequest.of("req-low", Priority.LOW, REPLIES, 1L, deterministic("What is Kafka?"), RoutingHints.NONE));

        assertThat(reply().cache()).isEqualTo(CacheInfo.EXACT_HIT);
    }

    @Test
    void answerPastItsTimeToLiveIsRemovedEverywhereAndMissed() {
        start(exactOnly(100, 60_000, CacheSettings.Scope.SHARED));
        LlmRequest first = missAndFill(deterministic("What is Kafka?"), RoutingHints.NONE, "A log.");

        clock.advance(Duration.ofHours(25));
        driver.advanceWallClockTime(Duration.ofSeconds(10));

        TestRecord<String, byte[]> tombstone = output(Topics.CACHE).readRecord();
        assertThat(tombstone.key()).isEqualTo(first.cache().key());
        assertThat(tombstone.value()).isNull();
        assertThat(stats.expired()).isEqualTo(1);
    }

    @Test
    void expiredAnswerIsNeverServedEvenBeforeTheSweep() {
        start(exactOnly(100, 60_000, CacheSettings.Scope.SHARED));
        missAndFill(deterministic("What is Kafka?"), RoutingHints.NONE, "A log.");

        clock.advance(Duration.ofHours(25));
        send(request(deterministic("What is Kafka?"), RoutingHints.NONE));

        assertThat(output(REPLIES).isEmpty()).isTrue();
        assertThat(output(WORK).isEmpty()).isFalse();
    }

    @Test
    void leastRecentlyUsedAnswerIsEvictedBeyondTheMaximum() {
        // One partition's share of 6 entries over the bundled 6 request partitions is one entry.
        start(exactOnly(6, 24 * 3_600_000L, CacheSettings.Scope.SHARED));
        LlmRequest first = missAndFill(deterministic("first"), RoutingHints.NONE, "1");
        clock.advance(Duration.ofSeconds(1));

        LlmRequest second = request(deterministic("second"), RoutingHints.NONE);
        send(second);
        LlmRequest work = WireFormat.fromBytes(output(WORK).readValue(), LlmRequest.class);
        ObjectNode completion = WireFormat.mapper().createObjectNode().put("object", "chat.completion");
        CacheEntry entry = new CacheEntry(work.cache(), "simulator", "simulator-fast", completion, clock.millis(),
                clock.millis() + 3_600_000L);
        // Both events in one partition of the keeper, as if both keys hashed there.
        driver.createInputTopic(Topics.CACHE_EVENTS, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(entry.directive().key(), WireFormat.toBytes(CacheEvent.fill(entry, clock.millis())));

        List<TestRecord<String, byte[]>> published = output(Topics.CACHE).readRecordsToList();
        assertThat(published).anySatisfy(record -> {
            assertThat(record.key()).isEqualTo(first.cache().key());
            assertThat(record.value()).isNull();
        });
        assertThat(stats.evicted()).isEqualTo(1);
    }

    @Test
    void perKeyScopeNeverServesOneTenantAnotherTenantsAnswer() {
        start(exactOnly(100, 24 * 3_600_000L, CacheSettings.Scope.PER_KEY));
        missAndFill(deterministic("What is Kafka?"), new RoutingHints(null, null, null, "team-a"), "A log.");

        send(request(deterministic("What is Kafka?"), new RoutingHints(null, null, null, "team-b")));
        assertThat(output(REPLIES).isEmpty()).isTrue();

        send(request(deterministic("What is Kafka?"), new RoutingHints(null, null, null, "team-a")));
        assertThat(reply().cache()).isEqualTo(CacheInfo.EXACT_HIT);
    }
}
