package io.llmrouter.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void theRequestTopicsAreListedHighestPriorityFirst() {
        assertThat(Topics.requestTopics()).containsExactly("llm.requests.critical", "llm.requests.high",
                "llm.requests.normal", "llm.requests.low");
    }

    @Test
    void aProvidersWorkTopicCarriesItsId() {
        assertThat(Topics.workTopic("openai", Priority.HIGH)).isEqualTo("llm.work.openai.high");
    }

    @Test
    void aBridgesReplyTopicCarriesItsInstanceId() {
        assertThat(Topics.bridgeReplyTopic("bridge-1")).isEqualTo("llm.replies.bridge-1");
    }

    @Test
    void theFixedTopicsHaveTheirDocumentedNames() {
        assertThat(List.of(Topics.DEAD_LETTER, Topics.USAGE, Topics.HEALTH, Topics.BATCH_RESULTS))
                .containsExactly("llm.dlq", "llm.usage", "llm.health", "llm.results");
    }

    @Test
    void everyTopicTheRouterNamesIsAcceptedAsAReplyTopic() {
        List<String> topics = new ArrayList<>(Topics.requestTopics());
        topics.addAll(List.of(Topics.workTopic("openai", Priority.LOW), Topics.bridgeReplyTopic("bridge-1"),
                Topics.DEAD_LETTER, Topics.USAGE, Topics.HEALTH, Topics.BATCH_RESULTS));

        for (String topic : topics) {
            ObjectNode request = Examples.request();
            request.put("reply_to", topic);
            assertThat(RecordSchemas.problems(RecordType.REQUEST, request)).as(topic).isEmpty();
        }
    }
}
