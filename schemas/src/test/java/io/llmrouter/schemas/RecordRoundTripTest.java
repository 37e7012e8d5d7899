package io.llmrouter.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecordRoundTripTest {

    private static final long NOW = 1_767_225_600_000L;

    static Stream<Record> records() {
        ObjectNode body = WireFormat.mapper().createObjectNode().put("model", "smart").put("temperature", 0.2);
        body.putArray("messages").addObject().put("role", "user").put("content", "Hi");
        RouteDecision route = new RouteDecision("openai", "gpt-4o-mini", "route smart: cheapest healthy target",
                List.of("anthropic/claude-3-5-haiku: breaker open"));
        LlmRequest minimal = new LlmRequest("req-1", Priority.LOW, Topics.bridgeReplyTopic("bridge-1"), NOW, body,
                null, null);
        LlmRequest routed = new LlmRequest("req-2", Priority.CRITICAL, Topics.BATCH_RESULTS, NOW, body,
                new RoutingHints("cost", true, 30_000L, "vk-team-a"), null)
                .routedTo(route);
        ObjectNode completion = WireFormat.mapper().createObjectNode().put("object", "chat.completion");
        completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        LlmReply.Timings timings = new LlmReply.Timings(NOW, NOW + 3, 800, NOW + 810);
        ObjectNode chunk = WireFormat.mapper().createObjectNode().put("object", "chat.completion.chunk");
        return Stream.of(
                minimal,
                routed,
                minimal.routedTo(new RouteDecision("local", "llama3", null, null)),
                LlmReply.ok(routed, completion, timings),
                LlmReply.error("req-3", ErrorInfo.invalidRequest("messages must not be empty", "messages"), null,
                        new LlmReply.Timings(NOW, 0, 0, NOW + 1)),
                LlmReply.error("req-4", ErrorInfo.modelNotFound("gpt-9"), null, null),
                LlmReply.error("req-5", ErrorInfo.noProvider("every target is down"), route, timings),
                LlmReply.error("req-6", ErrorInfo.upstream("connection reset"), route, timings),
                LlmReply.error("req-7", ErrorInfo.timeout("no reply within 30000 ms"), route, timings),
                LlmReply.error("req-8", ErrorInfo.internal("boom"), null, timings),
                new StreamChunk("req-2", 0, chunk),
                new UsageEvent("req-2", NOW + 810, "openai", "gpt-4o-mini", Priority.CRITICAL, "vk-team-a",
                        120, 40, 0.000042, 800),
                new UsageEvent("req-1", NOW + 810, "openai", "gpt-4o-mini", Priority.LOW, null, 0, 0, 0.0, 0),
                new HealthEvent("openai", "gpt-4o-mini", NOW, "closed", 250.5, 0.0, 0.0, 2),
                new HealthEvent("openai", "gpt-4o", NOW, "open", 0.0, 1.0, 0.5, 0),
                new HealthEvent("anthropic", "claude-3-5-haiku", NOW, "half_open", 900.0, 0.25, 0.0, 1),
                new DeadLetter(Topics.requestTopics().get(0), 0, 17, NOW, "not a valid LlmRequest: bad JSON",
                        null, null, "{not json"),
                new DeadLetter(Topics.workTopic("openai", Priority.HIGH), 3, 42, NOW, "upstream rejected the body",
                        "req-2", Topics.BATCH_RESULTS, "{}"));
    }

    @ParameterizedTest
    @MethodSource("records")
    void everyRecordBuiltInJavaIsValidAgainstItsSchema(Record record) {
        byte[] encoded = WireFormat.toBytes(record);

        assertThat(RecordSchemas.problems(RecordType.of(record.getClass()), encoded)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("records")
    void everyRecordDecodesBackToAnEqualRecord(Record record) {
        byte[] encoded = WireFormat.toBytes(record);

        assertThat(WireFormat.fromBytes(encoded, record.getClass())).isEqualTo(record);
    }

    @ParameterizedTest
    @MethodSource("records")
    void everyRecordSurvivesItsKafkaSerde(Record record) {
        @SuppressWarnings("unchecked")
        Class<Record> type = (Class<Record>) record.getClass();
        var serde = WireFormat.serde(type);

        byte[] encoded = serde.serializer().serialize("any-topic", record);

        assertThat(serde.deserializer().deserialize("any-topic", encoded)).isEqualTo(record);
    }
}
