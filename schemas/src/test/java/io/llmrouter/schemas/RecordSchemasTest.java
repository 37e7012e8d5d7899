package io.llmrouter.schemas;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordSchemasTest {

    @ParameterizedTest
    @EnumSource(RecordType.class)
    void everySchemaIsADraft202012SchemaWithAnIdAndATitle(RecordType type) {
        JsonNode schema = RecordSchemas.schema(type);

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).endsWith("/" + type.schemaResource());
        assertThat(schema.path("title").asText()).isEqualTo(type.recordClass().getSimpleName());
        assertThat(schema.path("description").asText()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(RecordType.class)
    void everyFieldOfEverySchemaIsDescribed(RecordType type) {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(RecordSchemas.schema(type), "#", undescribed);

        assertThat(undescribed).isEmpty();
    }

    private static void collectUndescribed(JsonNode schema, String pointer, List<String> undescribed) {
        for (String container : List.of("properties", "$defs")) {
            for (Map.Entry<String, JsonNode> entry : schema.path(container).properties()) {
                String child = pointer + "/" + container + "/" + entry.getKey();
                if (!entry.getValue().hasNonNull("description")) {
                    undescribed.add(child);
                }
                collectUndescribed(entry.getValue(), child, undescribed);
            }
        }
        if (schema.has("items")) {
            collectUndescribed(schema.get("items"), pointer + "/items", undescribed);
        }
    }

    @Test
    void definitionsRepeatedAcrossSchemaFilesAreIdentical() {
        JsonNode request = RecordSchemas.schema(RecordType.REQUEST);
        JsonNode reply = RecordSchemas.schema(RecordType.REPLY);
        JsonNode usage = RecordSchemas.schema(RecordType.USAGE_EVENT);
        JsonNode deadLetter = RecordSchemas.schema(RecordType.DEAD_LETTER);

        assertThat(reply.at("/$defs/routeDecision")).isEqualTo(request.at("/$defs/routeDecision"));
        assertThat(usage.at("/properties/priority/enum")).isEqualTo(request.at("/$defs/priority/enum"));
        assertThat(deadLetter.at("/properties/source_topic/pattern")).isEqualTo(request.at("/$defs/topicName/pattern"));
    }

    @Test
    void theSchemaHandedOutIsACopy() {
        ((ObjectNode) RecordSchemas.schema(RecordType.REQUEST)).put("additionalProperties", true);
        ObjectNode request = Examples.request();
        request.put("api_key", "sk-secret");

        assertThat(RecordSchemas.isValid(RecordType.REQUEST, request)).isFalse();
    }

    @Test
    void aValidRecordHasNoProblems() {
        assertThat(RecordSchemas.problems(RecordType.REQUEST, Examples.request())).isEmpty();
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        ObjectNode request = Examples.request();
        request.remove("request_id");
        request.put("priority", "urgent");

        assertThat(RecordSchemas.problems(RecordType.REQUEST, request)).hasSize(2);
    }

    @Test
    void aProblemInsideANestedArrayNamesTheFullPath() {
        ObjectNode request = Examples.request();
        ((ObjectNode) request.at("/body/messages/1")).remove("role");

        assertThat(RecordSchemas.problems(RecordType.REQUEST, request))
                .containsExactly("$.body.messages[1].role: is required but missing");
    }

    @Test
    void aJavaNullIsJudgedAsJsonNull() {
        assertThat(RecordSchemas.problems(RecordType.REPLY, (JsonNode) null))
                .containsExactly("$: null found, object expected");
    }

    @Test
    void isValidAgreesWithProblems() {
        ObjectNode invalid = Examples.okReply();
        invalid.remove("response");

        assertThat(RecordSchemas.isValid(RecordType.REPLY, Examples.okReply())).isTrue();
        assertThat(RecordSchemas.isValid(RecordType.REPLY, invalid)).isFalse();
    }

    @Test
    void encodedBytesAreCheckedLikeTheJsonTheyHold() {
        ObjectNode request = Examples.request();
        request.put("priority", "urgent");

        assertThat(RecordSchemas.problems(RecordType.REQUEST, WireFormat.toBytes(request)))
                .singleElement().asString().startsWith("$.priority: ");
    }

    @Test
    void bytesThatAreNotJsonAreASingleProblem() {
        assertThat(RecordSchemas.problems(RecordType.REQUEST, "{\"request_id\": ".getBytes(UTF_8)))
                .singleElement().asString().startsWith("$: not valid JSON: ");
    }

    @Test
    void bytesFollowingTheRecordAreAProblem() {
        byte[] twoRecords = (Examples.request() + " " + Examples.request()).getBytes(UTF_8);

        assertThat(RecordSchemas.problems(RecordType.REQUEST, twoRecords))
                .singleElement().asString().startsWith("$: not valid JSON: ");
    }

    @Test
    void missingOrBlankBytesAreAnEmptyRecord() {
        assertThat(RecordSchemas.problems(RecordType.REQUEST, (byte[]) null))
                .containsExactly("$: empty record, a JSON object was expected");
        assertThat(RecordSchemas.problems(RecordType.REQUEST, " ".getBytes(UTF_8)))
                .containsExactly("$: empty record, a JSON object was expected");
    }

    @Test
    void validationGivesTheSameAnswersFromManyThreadsAtOnce() throws Exception {
        ObjectNode invalid = Examples.request();
        invalid.remove("request_id");
        List<String> expected = RecordSchemas.problems(RecordType.REQUEST, invalid);
        ObjectNode valid = Examples.okReply();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 64; task++) {
                results.add(pool.submit(() -> {
                    boolean same = true;
                    for (int i = 0; i < 200; i++) {
                        same &= RecordSchemas.problems(RecordType.REQUEST, invalid).equals(expected);
                        same &= RecordSchemas.isValid(RecordType.REPLY, valid);
                    }
                    return same;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachRecordClassMapsToItsRecordType() {
        for (RecordType type : RecordType.values()) {
            assertThat(RecordType.of(type.recordClass())).isEqualTo(type);
        }
    }

    @Test
    void aClassThatIsNotOnATopicHasNoRecordType() {
        assertThatThrownBy(() -> RecordType.of(RouteDecision.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RouteDecision");
    }
}
