package io.llmrouter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;
import org.junit.jupiter.api.Test;

class CacheKeyTest {

    private static ObjectNode body(String json) {
        try {
            return (ObjectNode) WireFormat.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String exact(String json) {
        return CacheKey.of(body(json), "*").exact();
    }

    @Test
    void keyOrderAndFormattingDoNotMatter() {
        assertThat(exact("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0}"))
                .isEqualTo(exact("{ \"temperature\" : 0, \"messages\" : [ {\"content\":\"hi\", \"role\":\"user\"} ],\n \"model\":\"m\" }"));
    }

    @Test
    void surroundingAndRepeatedWhitespaceInMessagesDoesNotMatter() {
        assertThat(exact("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"  What   is\\tKafka? \\r\\n\"}]}"))
                .isEqualTo(exact("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"What is Kafka?\"}]}"));
    }

    @Test
    void indentationInsideTextStillMatters() {
        assertThat(exact("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"if x:\\n    y\"}]}"))
                .isNotEqualTo(exact("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"if x:\\n y\"}]}"));
    }

    @Test
    void numberSpellingDoesNotMatter() {
        assertThat(exact("{\"model\":\"m\",\"messages\":[],\"temperature\":0.10}"))
                .isEqualTo(exact("{\"model\":\"m\",\"messages\":[],\"temperature\":0.1}"));
    }

    @Test
    void aSingleTextPartIsTheSameAsPlainText() {
        assertThat(exact("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]}"))
                .isEqualTo(exact("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    }

    @Test
    void deliveryFieldsDoNotMatter() {
        assertThat(exact("{\"model\":\"m\",\"messages\":[],\"stream\":true,\"user\":\"alice\",\"n\":1}"))
                .isEqualTo(exact("{\"model\":\"m\",\"messages\":[]}"));
    }

    @Test
    void everythingThatChangesTheAnswerMatters() {
        String base = exact("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":5}");
        assertThat(exact("{\"model\":\"m2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":5}")).isNotEqualTo(base);
        assertThat(exact("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":5}")).isNotEqualTo(base);
        assertThat(exact("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":6}")).isNotEqualTo(base);
        assertThat(exact("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":5,"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}")).isNotEqualTo(base);
    }

    @Test
    void tenantsNeverShareAKey() {
        ObjectNode request = body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(CacheKey.of(request, "team-a").exact()).isNotEqualTo(CacheKey.of(request, "team-b").exact());
    }

    @Test
    void contextHashIgnoresOnlyTheLastUserMessage() {
        CacheKey first = CacheKey.of(body("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be terse.\"},"
                + "{\"role\":\"user\",\"content\":\"What is Kafka?\"}]}"), "*");
        CacheKey rephrased = CacheKey.of(body("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be terse.\"},"
                + "{\"role\":\"user\",\"content\":\"Explain Kafka\"}]}"), "*");
        CacheKey otherSystem = CacheKey.of(body("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be verbose.\"},"
                + "{\"role\":\"user\",\"content\":\"What is Kafka?\"}]}"), "*");
        assertThat(rephrased.contextHash()).isEqualTo(first.contextHash());
        assertThat(otherSystem.contextHash()).isNotEqualTo(first.contextHash());
        assertThat(first.prompt()).isEqualTo("What is Kafka?");
    }

    @Test
    void conversationNotEndingWithAUserMessageHasNoPrompt() {
        CacheKey key = CacheKey.of(body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"42\"}]}"), "*");
        assertThat(key.prompt()).isNull();
    }
}
