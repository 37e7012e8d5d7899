package io.llmrouter.schemas;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private static byte[] bytes(String json) {
        return json.getBytes(UTF_8);
    }

    @Test
    void malformedJsonIsRejectedNamingTheExpectedRecordAndWhereTheTextBreaks() {
        assertThatThrownBy(() -> WireFormat.fromBytes(bytes("{\"request_id\": "), LlmRequest.class))
                .isInstanceOf(WireFormat.WireFormatException.class)
                .hasMessageStartingWith("not a valid LlmRequest: ")
                .hasMessageEndingWith("(at line 1, column 16)");
    }

    @Test
    void aValueOfTheWrongTypeIsRejectedNamingTheField() {
        ObjectNode request = Examples.request();
        request.put("created_at", "yesterday");

        assertThatThrownBy(() -> WireFormat.fromBytes(WireFormat.toBytes(request), LlmRequest.class))
                .isInstanceOf(WireFormat.WireFormatException.class)
                .hasMessageStartingWith("not a valid LlmRequest: ")
                .hasMessageContaining("\"yesterday\"")
                .hasMessageEndingWith("(at $.created_at)");
    }

    @Test
    void anObjectWhereAStringBelongsIsRejectedNamingTheField() {
        ObjectNode reply = Examples.okReply();
        reply.putObject("request_id");

        assertThatThrownBy(() -> WireFormat.fromBytes(WireFormat.toBytes(reply), LlmReply.class))
                .isInstanceOf(WireFormat.WireFormatException.class)
                .hasMessageEndingWith("(at $.request_id)");
    }

    @Test
    void anUnknownPriorityIsRejectedListingTheKnownOnes() {
        ObjectNode request = Examples.request();
        request.put("priority", "urgent");

        assertThatThrownBy(() -> WireFormat.fromBytes(WireFormat.toBytes(request), LlmRequest.class))
                .isInstanceOf(WireFormat.WireFormatException.class)
                .hasMessage("not a valid LlmRequest: unknown priority 'urgent': use critical, high, normal or low"
                        + " (at $.priority)");
    }

    @Test
    void aRequestWithoutRequestIdIsRejectedNamingTheField() {
        ObjectNode request = Examples.request();
        request.remove("request_id");

        assertThatThrownBy(() -> WireFormat.fromBytes(WireFormat.toBytes(request), LlmRequest.class))
                .isInstanceOf(WireFormat.WireFormatException.class)
                .hasMessage("not a valid LlmRequest: request_id is required (at $)");
    }

    @Test
    void nullForANumberIsRejectedRatherThanReadAsZero() {
        ObjectNode health = Examples.json("health-event");
        health.putNull("in_flight");

        assertThatThrownBy(() -> WireFormat.fromBytes(WireFormat.toBytes(health), HealthEvent.class))
                .isInstanceOf(WireFormat.WireFormatException.class)
                .hasMessageEndingWith("(at $.in_flight)");
    }

    @Test
    void aMissingNumberIsRejectedRatherThanReadAsZero() {
        ObjectNode usage = Examples.json("usage-event");
        usage.remove("prompt_tokens");

        assertThatThrownBy(() -> WireFormat.fromBytes(WireFormat.toBytes(usage), UsageEvent.class))
                .isInstanceOf(WireFormat.WireFormatException.class)
                .hasMessageEndingWith("(at $.prompt_tokens)");
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsRejected() {
        assertThatThrownBy(() -> WireFormat.fromBytes(bytes("[1, 2]"), StreamChunk.class))
                .isInstanceOf(WireFormat.WireFormatException.class)
                .hasMessageStartingWith("not a valid StreamChunk: ")
                .hasMessageEndingWith("(at $)");
    }

    @Test
    void aMissingValueIsRejectedNamingTheExpectedRecord() {
        assertThatThrownBy(() -> WireFormat.fromBytes(null, UsageEvent.class))
                .isInstanceOf(WireFormat.WireFormatException.class)
                .hasMessage("empty record: a UsageEvent was expected");
    }

    @Test
    void fieldsUnknownToTheReaderAreIgnoredSoWritersCanAddFieldsFirst() {
        ObjectNode usage = Examples.json("usage-event");
        usage.put("cached", true);

        UsageEvent decoded = WireFormat.fromBytes(WireFormat.toBytes(usage), UsageEvent.class);

        assertThat(decoded.requestId()).isEqualTo("req-0001");
    }

    @Test
    void fieldNamesOnTheWireAreSnakeCase() throws Exception {
        JsonNode encoded = WireFormat.mapper().readTree(WireFormat.toBytes(
                new UsageEvent("req-1", 1, "openai", "gpt-4o-mini", Priority.HIGH, "vk-1", 1, 2, 0.5, 3)));

        assertThat(encoded.fieldNames()).toIterable().containsExactly("request_id", "timestamp", "provider",
                "model", "priority", "api_key_id", "prompt_tokens", "completion_tokens", "cost_usd", "latency_ms");
    }

    @Test
    void enumsTravelAsTheirLowerCaseWireNames() throws Exception {
        LlmReply reply = LlmReply.error("req-1", ErrorInfo.internal("boom"), null, null);

        JsonNode encoded = WireFormat.mapper().readTree(WireFormat.toBytes(reply));

        assertThat(encoded.path("status").asText()).isEqualTo("error");
    }

    @Test
    void absentOptionalFieldsAreLeftOutRatherThanWrittenAsNull() throws Exception {
        LlmReply reply = LlmReply.error("req-1", ErrorInfo.timeout("late"), null, null);

        JsonNode encoded = WireFormat.mapper().readTree(WireFormat.toBytes(reply));

        assertThat(encoded.fieldNames()).toIterable().containsExactly("request_id", "status", "error");
    }

    @Test
    void theSerdePassesTombstonesThrough() {
        Serde<LlmRequest> serde = WireFormat.serde(LlmRequest.class);

        assertThat(serde.serializer().serialize("llm.requests.normal", null)).isNull();
        assertThat(serde.deserializer().deserialize("llm.requests.normal", null)).isNull();
    }
}
