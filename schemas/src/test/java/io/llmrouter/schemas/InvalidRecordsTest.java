package io.llmrouter.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvalidRecordsTest {

    private static List<String> requestProblems(ObjectNode request) {
        return RecordSchemas.problems(RecordType.REQUEST, request);
    }

    private static List<String> replyProblems(ObjectNode reply) {
        return RecordSchemas.problems(RecordType.REPLY, reply);
    }

    @Test
    void aRequestWithoutRequestIdIsRejected() {
        ObjectNode request = Examples.request();
        request.remove("request_id");

        assertThat(requestProblems(request)).containsExactly("$.request_id: is required but missing");
    }

    @Test
    void aRequestWithAnEmptyRequestIdIsRejected() {
        ObjectNode request = Examples.request();
        request.put("request_id", "");

        assertThat(requestProblems(request)).singleElement().asString().startsWith("$.request_id: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"urgent", "NORMAL", ""})
    void aRequestWithAPriorityOtherThanTheFourWireNamesIsRejected(String priority) {
        ObjectNode request = Examples.request();
        request.put("priority", priority);

        assertThat(requestProblems(request)).singleElement().asString()
                .startsWith("$.priority: ")
                .contains("critical", "high", "normal", "low");
    }

    @Test
    void aRequestWithNoMessagesIsRejected() {
        ObjectNode request = Examples.request();
        request.withObject("body").putArray("messages");

        assertThat(requestProblems(request)).singleElement().asString().startsWith("$.body.messages: ");
    }

    @Test
    void aRequestWithoutAModelIsRejected() {
        ObjectNode request = Examples.request();
        request.withObject("body").remove("model");

        assertThat(requestProblems(request)).containsExactly("$.body.model: is required but missing");
    }

    @Test
    void aMessageWithoutARoleIsRejected() {
        ObjectNode request = Examples.request();
        ((ObjectNode) request.at("/body/messages/0")).remove("role");

        assertThat(requestProblems(request)).containsExactly("$.body.messages[0].role: is required but missing");
    }

    @Test
    void aRequestCarryingAnApiKeyIsRejected() {
        ObjectNode request = Examples.request();
        request.put("api_key", "sk-secret");

        assertThat(requestProblems(request))
                .containsExactly("$.api_key: is not a known field and is not allowed here");
    }

    @Test
    void hintsCarryingAnApiKeyAreRejected() {
        ObjectNode request = Examples.request();
        request.withObject("hints").put("api_key", "sk-secret");

        assertThat(requestProblems(request))
                .containsExactly("$.hints.api_key: is not a known field and is not allowed here");
    }

    @Test
    void otherOpenAiBodyFieldsArePassedThrough() {
        ObjectNode request = Examples.request();
        request.withObject("body").put("seed", 42).putObject("response_format").put("type", "json_object");

        assertThat(requestProblems(request)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "replies for bob", "llm/replies", "llm.replies.ü"})
    void aReplyToThatIsNotAKafkaTopicNameIsRejected(String replyTo) {
        ObjectNode request = Examples.request();
        request.put("reply_to", replyTo);

        assertThat(requestProblems(request)).singleElement().asString().startsWith("$.reply_to: ");
    }

    @Test
    void aReplyToLongerThanKafkaAllowsIsRejected() {
        ObjectNode request = Examples.request();
        request.put("reply_to", "r".repeat(250));

        assertThat(requestProblems(request)).singleElement().asString().startsWith("$.reply_to: ");
    }

    @Test
    void aNegativeCreationTimeIsRejected() {
        ObjectNode request = Examples.request();
        request.put("created_at", -1);

        assertThat(requestProblems(request)).singleElement().asString().startsWith("$.created_at: ");
    }

    @Test
    void aTimeoutBelowOneMillisecondIsRejected() {
        ObjectNode request = Examples.request();
        request.withObject("hints").put("timeout_ms", 0);

        assertThat(requestProblems(request)).singleElement().asString().startsWith("$.hints.timeout_ms: ");
    }

    @Test
    void aRouteWithoutAModelIsRejected() {
        ObjectNode request = Examples.request();
        request.withObject("route").remove("model");

        assertThat(requestProblems(request)).containsExactly("$.route.model: is required but missing");
    }

    @Test
    void anOkReplyWithoutAResponseIsRejected() {
        ObjectNode reply = Examples.okReply();
        reply.remove("response");

        assertThat(replyProblems(reply)).containsExactly("$.response: is required but missing");
    }

    @Test
    void anErrorReplyWithoutAnErrorIsRejected() {
        ObjectNode reply = Examples.errorReply();
        reply.remove("error");

        assertThat(replyProblems(reply)).containsExactly("$.error: is required but missing");
    }

    @Test
    void aReplyWithAnUnknownStatusIsRejected() {
        ObjectNode reply = Examples.okReply();
        reply.put("status", "partial");

        assertThat(replyProblems(reply)).singleElement().asString().startsWith("$.status: ");
    }

    @ParameterizedTest
    @ValueSource(ints = {99, 600})
    void anErrorWhoseStatusIsNotAnHttpStatusIsRejected(int status) {
        ObjectNode reply = Examples.errorReply();
        reply.withObject("error").put("status", status);

        assertThat(replyProblems(reply)).singleElement().asString().startsWith("$.error.status: ");
    }

    @Test
    void anErrorWithoutAMessageIsRejected() {
        ObjectNode reply = Examples.errorReply();
        reply.withObject("error").remove("message");

        assertThat(replyProblems(reply)).containsExactly("$.error.message: is required but missing");
    }

    @Test
    void timingsMissingAMilestoneAreRejected() {
        ObjectNode reply = Examples.okReply();
        reply.withObject("timings").remove("completed_at");

        assertThat(replyProblems(reply)).containsExactly("$.timings.completed_at: is required but missing");
    }

    @Test
    void aStreamChunkWithANegativeSequenceIsRejected() {
        ObjectNode chunk = Examples.json("stream-chunk");
        chunk.put("sequence", -1);

        assertThat(RecordSchemas.problems(RecordType.STREAM_CHUNK, chunk))
                .singleElement().asString().startsWith("$.sequence: ");
    }

    @Test
    void aUsageEventWithNegativeCostIsRejected() {
        ObjectNode usage = Examples.json("usage-event");
        usage.put("cost_usd", -0.01);

        assertThat(RecordSchemas.problems(RecordType.USAGE_EVENT, usage))
                .singleElement().asString().startsWith("$.cost_usd: ");
    }

    @Test
    void aHealthEventWithAnUnknownBreakerStateIsRejected() {
        ObjectNode health = Examples.json("health-event");
        health.put("breaker_state", "half-open");

        assertThat(RecordSchemas.problems(RecordType.HEALTH_EVENT, health))
                .singleElement().asString().startsWith("$.breaker_state: ");
    }

    @Test
    void aHealthEventWithAnErrorRateAboveOneIsRejected() {
        ObjectNode health = Examples.json("health-event");
        health.put("error_rate", 1.5);

        assertThat(RecordSchemas.problems(RecordType.HEALTH_EVENT, health))
                .singleElement().asString().startsWith("$.error_rate: ");
    }

    @Test
    void aDeadLetterWithoutAReasonIsRejected() {
        ObjectNode deadLetter = Examples.json("dead-letter");
        deadLetter.remove("reason");

        assertThat(RecordSchemas.problems(RecordType.DEAD_LETTER, deadLetter))
                .containsExactly("$.reason: is required but missing");
    }

    @Test
    void aDeadLetterKeepsAReplyToThatIsNotATopicName() {
        ObjectNode deadLetter = Examples.json("dead-letter");
        deadLetter.put("reply_to", "replies for bob");

        assertThat(RecordSchemas.problems(RecordType.DEAD_LETTER, deadLetter)).isEmpty();
    }
}
