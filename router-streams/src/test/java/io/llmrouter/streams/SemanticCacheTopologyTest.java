package io.llmrouter.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.streams.internal.cache.SemanticTier;
import io.llmrouter.streams.internal.cache.SemanticTiers;
import io.llmrouter.testsupport.MutableClock;
import io.llmrouter.testsupport.TestConfigs;
import io.llmrouter.testsupport.TopologyTestProperties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The semantic tier in the topology, with the real MiniLM model: rephrased prompts hit, other scopes never do. */
class SemanticCacheTopologyTest {

    private static final String REPLIES = "llm.results";
    private static final String WORK = Topics.workTopic("simulator", Priority.NORMAL);
    private static final MutableClock CLOCK = new MutableClock();
    private static SemanticTier shared;

    private final CacheStats stats = new CacheStats();
    private TopologyTestDriver driver;

    @BeforeAll
    static void loadModel() {
        shared = SemanticTiers.from(CacheSettings.DEFAULTS, CLOCK,
                Path.of(System.getProperty("java.io.tmpdir"), "llm-router-models"));
    }

    @AfterAll
    static void closeModel() {
        shared.close();
    }

    @BeforeEach
    void start() {
        RouterConfig config = TestConfigs.bundled("unused:9092");
        Properties props = TopologyTestProperties.of("semantic-topology-test");
        driver = new TopologyTestDriver(RouterTopology.build(config, Set.of("simulator"), REPLIES::equals, CLOCK,
                shared, stats), props);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private static ObjectNode chat(String system, String question) {
        ObjectNode body = WireFormat.mapper().createObjectNode().put("model", "auto").put("temperature", 0);
        if (system != null) {
            body.withArray("messages").addObject().put("role", "system").put("content", system);
        }
        body.withArray("messages").addObject().put("role", "user").put("content", question);
        return body;
    }

    private void send(ObjectNode body) {
        LlmRequest request = LlmRequest.of("req-" + java.util.UUID.randomUUID(), Priority.NORMAL, REPLIES, 1L, body,
                RoutingHints.NONE);
        driver.createInputTopic(request.priority().requestTopic(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(request.requestId(), WireFormat.toBytes(request));
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The first request misses; a worker's answer fills the cache through the keeper and the global store. */
    private void missAndFill(ObjectNode body, String answer) {
        send(body);
        LlmRequest work = WireFormat.fromBytes(output(WORK).readValue(), LlmRequest.class);
        assertThat(work.cache().vector()).as("embedding carried for the fill").isNotNull();
        ObjectNode completion = WireFormat.mapper().createObjectNode().put("object", "chat.completion");
        completion.putArray("choices").addObject().putObject("message").put("role", "assistant").put("content", answer);
        CacheEntry entry = new CacheEntry(work.cache(), "simulator", "simulator-fast", completion, CLOCK.millis(),
                CLOCK.millis() + 3_600_000L);
        driver.createInputTopic(Topics.CACHE_EVENTS, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(entry.directive().key(), WireFormat.toBytes(CacheEvent.fill(entry, CLOCK.millis())));
        List<TestRecord<String, byte[]>> published = output(Topics.CACHE).readRecordsToList();
        driver.createInputTopic(Topics.CACHE, new StringSerializer(), new ByteArraySerializer()).pipeRecordList(published);
        shared.awaitWrites();
    }

    @Test
    void rephrasedQuestionIsASemanticHitWithItsSimilarity() {
        missAndFill(chat(null, "How do I reset my password?"), "Use the reset link.");

        send(chat(null, "How can I reset my password?"));

        LlmReply reply = WireFormat.fromBytes(output(REPLIES).readValue(), LlmReply.class);
        assertThat(reply.cache().status()).isEqualTo(CacheInfo.Status.HIT_SEMANTIC);
        assertThat(reply.cache().similarity()).isGreaterThan(0.8);
        assertThat(reply.response().at("/choices/0/message/content").asText()).isEqualTo("Use the reset link.");
        assertThat(stats.semanticHits()).isEqualTo(1);
    }

    @Test
    void sameQuestionUnderAnotherSystemPromptNeverMatches() {
        missAndFill(chat("Answer in French.", "How do I reset my password?"), "Utilisez le lien.");

        send(chat("Answer in German.", "How do I reset my password?"));

        assertThat(output(REPLIES).isEmpty()).isTrue();
        assertThat(output(WORK).isEmpty()).isFalse();
    }

    @Test
    void questionWithAnotherNumberIsNotServedTheCachedAnswer() {
        missAndFill(chat(null, "What is 12 times 7?"), "84");

        send(chat(null, "What is 13 times 7?"));

        assertThat(output(REPLIES).isEmpty()).isTrue();
    }

    @Test
    void unrelatedQuestionMisses() {
        missAndFill(chat(null, "How do I reset my password?"), "Use the reset link.");

        send(chat(null, "What is the capital of France?"));

        assertThat(output(REPLIES).isEmpty()).isTrue();
        assertThat(stats.misses()).isEqualTo(2);
    }
}
