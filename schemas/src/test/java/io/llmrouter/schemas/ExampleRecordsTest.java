package io.llmrouter.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExampleRecordsTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("request-minimal", RecordType.REQUEST),
                Arguments.of("request-full", RecordType.REQUEST),
                Arguments.of("reply-ok", RecordType.REPLY),
                Arguments.of("reply-error", RecordType.REPLY),
                Arguments.of("reply-over-quota", RecordType.REPLY),
                Arguments.of("stream-chunk", RecordType.STREAM_CHUNK),
                Arguments.of("usage-event", RecordType.USAGE_EVENT),
                Arguments.of("health-event", RecordType.HEALTH_EVENT),
                Arguments.of("dead-letter", RecordType.DEAD_LETTER),
                Arguments.of("request-cache-miss", RecordType.REQUEST),
                Arguments.of("request-failover-quota", RecordType.REQUEST),
                Arguments.of("reply-cache-hit", RecordType.REPLY),
                Arguments.of("cache-entry", RecordType.CACHE_ENTRY),
                Arguments.of("cache-event-fill", RecordType.CACHE_EVENT),
                Arguments.of("cache-event-use", RecordType.CACHE_EVENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleIsValidAgainstItsSchema(String example, RecordType type) {
        assertThat(RecordSchemas.problems(type, Examples.json(example))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleDecodesIntoItsRecordAndEncodesBackToAValidRecord(String example, RecordType type) {
        byte[] encoded = WireFormat.toBytes(WireFormat.fromBytes(WireFormat.toBytes(Examples.json(example)),
                type.recordClass()));

        assertThat(RecordSchemas.problems(type, encoded)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void decodingAnExampleKeepsEveryFieldItCarries(String example, RecordType type) throws Exception {
        JsonNode original = Examples.json(example);
        Record decoded = WireFormat.fromBytes(WireFormat.toBytes(original), type.recordClass());

        JsonNode reencoded = WireFormat.mapper().readTree(WireFormat.toBytes(decoded));

        original.fieldNames().forEachRemaining(field ->
                assertThat(reencoded.get(field)).as(field).isEqualTo(original.get(field)));
    }
}
