package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;

import io.llmrouter.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ModelListListenerTest {

    private final ModelCatalog catalog = new ModelCatalog();
    private final ModelListListener listener = new ModelListListener(catalog);

    private long offset;

    private ConsumerRecord<String, byte[]> record(String key, String json) {
        return new ConsumerRecord<>(Topics.MODELS, 0, offset++, key,
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    private static String list(String provider, String models, String error) {
        return """
                {"provider":"%s","fetched_at":1735689600000,"models":[%s],"configured":["m1"],"error":%s}"""
                .formatted(provider, models, error == null ? "null" : "\"" + error + "\"");
    }

    @Test
    void aRecordGivesItsProviderThatList() {
        listener.apply(record("openai", list("openai", "\"gpt-4o\",\"o3\"", null)));

        assertThat(catalog.models("openai")).containsExactly("gpt-4o", "o3");
        assertThat(catalog.latest("openai")).hasValueSatisfying(latest -> {
            assertThat(latest.fetchedAt()).isEqualTo(1_735_689_600_000L);
            assertThat(latest.configured()).containsExactly("m1");
            assertThat(latest.error()).isNull();
        });
    }

    @Test
    void theNewestRecordOfAProviderReplacesTheOlderOne() {
        listener.apply(record("openai", list("openai", "\"gpt-4o\"", null)));
        listener.apply(record("openai", list("openai", "\"o3\"", null)));

        assertThat(catalog.models("openai")).containsExactly("o3");
    }

    @Test
    void aFailedFetchLeavesTheProviderWithoutModels() {
        listener.apply(record("openai", list("openai", "\"gpt-4o\"", null)));
        listener.apply(record("openai", list("openai", "", "HTTP 401: Incorrect API key provided")));

        assertThat(catalog.models("openai")).isEmpty();
        assertThat(catalog.latest("openai")).hasValueSatisfying(latest ->
                assertThat(latest.error()).startsWith("HTTP 401"));
    }

    @Test
    void aTombstoneForgetsTheProvider() {
        listener.apply(record("openai", list("openai", "\"gpt-4o\"", null)));
        listener.apply(record("openai", null));

        assertThat(catalog.latest("openai")).isEmpty();
    }

    @Test
    void theRecordKeyNamesTheProvider() {
        listener.apply(record("groq", list("something-else", "\"llama\"", null)));

        assertThat(catalog.models("groq")).containsExactly("llama");
    }

    @Test
    void anUnreadableRecordIsSkippedAndTheNextOneStillCounts() {
        assertThatCode(() -> listener.apply(record("openai", "not json"))).doesNotThrowAnyException();
        listener.apply(record("ollama", list("ollama", "\"llama3.2:latest\"", null)));

        assertThat(catalog.latest("openai")).isEmpty();
        assertThat(catalog.models("ollama")).containsExactly("llama3.2:latest");
    }
}
