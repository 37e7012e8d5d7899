package io.llmrouter.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.Set;

import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.DeadLetter;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.RequestRecords;
import io.llmrouter.testsupport.TestConfigs;
import io.llmrouter.testsupport.TopologyTestProperties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouterTopologyTest {

    private static final String REPLIES = "llm.results";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final RouterConfig config = TestConfigs.bundled("unused:9092");
    private TopologyTestDriver driver;

    @BeforeEach
    void startDriver() {
        start(Set.of("simulator"));
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void start(Set<String> available) {
        if (driver != null) {
            driver.close();
        }
        Properties props = TopologyTestProperties.of("topology-test");
        driver = new TopologyTestDriver(RouterTopology.build(config, available, REPLIES::equals, CLOCK), props);
    }

    private TestInputTopic<String, byte[]> input(Priority priority) {
        return driver.createInputTopic(priority.requestTopic(), new StringSerializer(), new ByteArraySerializer());
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private <T> T read(String topic, Class<T> type) {
        return WireFormat.fromBytes(output(topic).readValue(), type);
    }

    @Test
    void autoRequestGoesToTheFirstAvailableTargetOfItsPriorityRoute() {
        LlmRequest request = RequestRecords.chat(Priority.NORMAL, REPLIES, "auto", "hello");

        input(Priority.NORMAL).pipeInput(request.requestId(), RequestRecords.bytes(request));

        LlmRequest work = read(Topics.workTopic("simulator", Priority.NORMAL), LlmRequest.class);
        assertThat(work.requestId()).isEqualTo(request.requestId());
        assertThat(work.route().provider()).isEqualTo("simulator");
        assertThat(work.route().model()).isEqualTo("simulator-fast");
        assertThat(work.route().skipped()).hasSize(5).allMatch(reason -> reason.contains("provider off"));
    }

    @Test
    void criticalRequestFollowsTheCriticalRoute() {
        LlmRequest request = RequestRecords.chat(Priority.CRITICAL, REPLIES, "auto", "urgent");

        input(Priority.CRITICAL).pipeInput(request.requestId(), RequestRecords.bytes(request));

        assertThat(read(Topics.workTopic("simulator", Priority.CRITICAL), LlmRequest.class).route().model()).isEqualTo("simulator-smart");
    }

    @Test
    void availableCloudProviderIsPreferredOverTheFallback() {
        start(Set.of("simulator", "openai"));
        LlmRequest request = RequestRecords.chat(Priority.LOW, REPLIES, "auto", "hello");

        input(Priority.LOW).pipeInput(request.requestId(), RequestRecords.bytes(request));

        assertThat(read(Topics.workTopic("openai", Priority.LOW), LlmRequest.class).route().model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void concreteModelIsServedByTheProviderThatListsIt() {
        LlmRequest request = RequestRecords.chat(Priority.HIGH, REPLIES, "simulator/simulator-smart", "hi");

        input(Priority.HIGH).pipeInput(request.requestId(), RequestRecords.bytes(request));

        assertThat(read(Topics.workTopic("simulator", Priority.HIGH), LlmRequest.class).route().model()).isEqualTo("simulator-smart");
    }

    @Test
    void unknownModelIsAnsweredWithModelNotFound() {
        LlmRequest request = RequestRecords.chat(Priority.NORMAL, REPLIES, "no-such-model", "hi");

        input(Priority.NORMAL).pipeInput(request.requestId(), RequestRecords.bytes(request));

        LlmReply reply = read(REPLIES, LlmReply.class);
        assertThat(reply.isOk()).isFalse();
        assertThat(reply.error().status()).isEqualTo(404);
        assertThat(reply.error().code()).isEqualTo("model_not_found");
    }

    @Test
    void modelWhoseProvidersAreAllOffIsAnsweredWithNoProvider() {
        LlmRequest request = RequestRecords.chat(Priority.NORMAL, REPLIES, "gpt-4o", "hi");

        input(Priority.NORMAL).pipeInput(request.requestId(), RequestRecords.bytes(request));

        LlmReply reply = read(REPLIES, LlmReply.class);
        assertThat(reply.error().status()).isEqualTo(503);
        assertThat(reply.error().message()).contains("openai/gpt-4o: provider off");
    }

    @Test
    void failedOverRequestGoesToTheNextCandidateNotTriedYet() {
        start(Set.of("simulator", "openai"));
        LlmRequest failed = RequestRecords.chat(Priority.LOW, REPLIES, "auto", "retry me")
                .failedOver(new LlmRequest.Attempt("openai", "gpt-4o-mini", 502, "upstream_failed", "boom"));

        driver.createInputTopic(Topics.FAILOVER, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(failed.requestId(), RequestRecords.bytes(failed));

        LlmRequest work = read(Topics.workTopic("simulator", Priority.LOW), LlmRequest.class);
        assertThat(work.route().model()).isEqualTo("simulator-fast");
        assertThat(work.route().skipped()).contains("openai/gpt-4o-mini: failed already (502)");
        assertThat(work.attempts()).hasSize(1);
    }

    @Test
    void whenEveryCandidateHasFailedTheCallerGetsAnErrorListingWhatWasTried() {
        LlmRequest failed = RequestRecords.chat(Priority.LOW, REPLIES, "simulator/simulator-fast", "doomed")
                .failedOver(new LlmRequest.Attempt("simulator", "simulator-fast", 429, "upstream_rate_limited", "slow"));

        driver.createInputTopic(Topics.FAILOVER, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(failed.requestId(), RequestRecords.bytes(failed));

        LlmReply reply = read(REPLIES, LlmReply.class);
        assertThat(reply.error().status()).isEqualTo(429);
        assertThat(reply.error().code()).isEqualTo("all_candidates_failed");
        assertThat(reply.error().message()).contains("simulator/simulator-fast (429: slow)");
    }

    @Test
    void malformedJsonGoesToTheDeadLetterTopic() {
        input(Priority.LOW).pipeInput("k1", "{not json".getBytes(StandardCharsets.UTF_8));

        DeadLetter dead = read(Topics.DEAD_LETTER, DeadLetter.class);
        assertThat(dead.sourceTopic()).isEqualTo("llm.requests.low");
        assertThat(dead.reason()).startsWith("not valid JSON");
        assertThat(dead.payload()).isEqualTo("{not json");
        assertThat(output(REPLIES).isEmpty()).isTrue();
    }

    @Test
    void schemaViolationIsDeadLetteredAndAnsweredOnItsReplyTopic() {
        String record = "{\"request_id\":\"r-1\",\"priority\":\"low\",\"reply_to\":\"llm.results\","
                + "\"created_at\":1,\"body\":{\"model\":\"auto\",\"messages\":[]}}";

        input(Priority.LOW).pipeInput("r-1", record.getBytes(StandardCharsets.UTF_8));

        assertThat(read(Topics.DEAD_LETTER, DeadLetter.class).requestId()).isEqualTo("r-1");
        LlmReply reply = read(REPLIES, LlmReply.class);
        assertThat(reply.requestId()).isEqualTo("r-1");
        assertThat(reply.error().status()).isEqualTo(400);
        assertThat(reply.error().message()).contains("messages");
    }

    @Test
    void requestForAMissingReplyTopicIsDeadLetteredOnly() {
        LlmRequest request = RequestRecords.chat(Priority.NORMAL, "no.such.topic", "auto", "hi");

        input(Priority.NORMAL).pipeInput(request.requestId(), RequestRecords.bytes(request));

        assertThat(read(Topics.DEAD_LETTER, DeadLetter.class).reason()).contains("'no.such.topic' does not exist");
        assertThat(output(Topics.workTopic("simulator", Priority.NORMAL)).isEmpty()).isTrue();
    }

    @Test
    void goodRecordAfterAPoisonRecordIsStillRouted() {
        LlmRequest request = RequestRecords.chat(Priority.NORMAL, REPLIES, "auto", "after poison");

        input(Priority.NORMAL).pipeInput("bad", new byte[] {0, 1, 2});
        input(Priority.NORMAL).pipeInput(request.requestId(), RequestRecords.bytes(request));

        assertThat(read(Topics.workTopic("simulator", Priority.NORMAL), LlmRequest.class).requestId()).isEqualTo(request.requestId());
    }
}
