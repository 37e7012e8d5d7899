package io.llmrouter.workers.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.llmrouter.config.ConfigException;
import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.ModelConfig;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.Secret;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.testsupport.RequestRecords;
import io.llmrouter.workers.AdapterContext;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.adapters.ProviderAdapters;
import org.junit.jupiter.api.Test;

class ProviderAdapterPluginTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T10:00:00Z"), ZoneOffset.UTC);

    /** The echo adapter makes no calls, so it gets no event loops or HTTP client. */
    private static AdapterContext context(String providerId, String kind) {
        ProviderConfig provider = ProviderConfig.of(kind, "http://127.0.0.1:1/v1", Secret.empty(),
                Map.of("m", new ModelConfig(0, 0, 1000, null, null, null)));
        return new AdapterContext(providerId, provider, null, null, CLOCK);
    }

    private static LlmRequest conversation() {
        LlmRequest request = RequestRecords.chat(Priority.NORMAL, "llm.replies.test", "m", "first question");
        ArrayNode messages = (ArrayNode) request.body().get("messages");
        messages.addObject().put("role", "assistant").put("content", "first answer");
        messages.addObject().put("role", "user").put("content", "echo this");
        return request.routedTo(new RouteDecision("mine", "m", "test", List.of()));
    }

    @Test
    void discoveryListsThePluginKindBesideTheBuiltInKinds() {
        assertThat(ProviderAdapters.discover().kinds())
                .contains(EchoTestAdapterFactory.KIND, "openai", "anthropic", "gemini", "ollama", "azure");
    }

    @Test
    void aProviderOfThePluginKindGetsThePluginAdapter() {
        ProviderAdapter adapter = ProviderAdapters.discover().create(context("mine", EchoTestAdapterFactory.KIND));

        assertThat(adapter).isInstanceOf(EchoTestAdapter.class);
        assertThat(((EchoTestAdapter) adapter).context().providerId()).isEqualTo("mine");
    }

    @Test
    void thePluginAdapterAnswersWithAChatCompletion() {
        ProviderAdapter adapter = ProviderAdapters.discover().create(context("mine", EchoTestAdapterFactory.KIND));

        UpstreamResult result = adapter.complete(conversation()).join();

        assertThat(result.isSuccess()).isTrue();
        JsonNode completion = result.response();
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("model").asText()).isEqualTo("m");
        assertThat(completion.path("choices").path(0).path("message").path("content").asText()).isEqualTo("echo this");
    }

    @Test
    void anUnknownKindFailsNamingTheSettingAndTheAvailableKinds() {
        ProviderAdapters adapters = ProviderAdapters.discover();

        assertThatThrownBy(() -> adapters.create(context("mine", "no-such-kind")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("providers.mine.kind")
                .hasMessageContaining("'no-such-kind'")
                .hasMessageContaining(EchoTestAdapterFactory.KIND)
                .hasMessageContaining("openai")
                .hasMessageContaining("anthropic");
    }

    @Test
    void aConfigurationNamingThePluginKindLoads() {
        RouterConfig config = ConfigLoader.parse("""
                kafka:
                  bootstrap-servers: localhost:9092
                providers:
                  mine:
                    kind: echo-test
                    base-url: http://127.0.0.1:1/v1
                    models:
                      m: {context-window: 1000}
                routes:
                  default:
                    targets: [mine/m]
                """, "plugin.yaml", Map.of());

        ProviderConfig provider = config.providers().get("mine");
        assertThat(provider.kind()).isEqualTo(EchoTestAdapterFactory.KIND);
        assertThat(ProviderAdapters.discover().create(new AdapterContext("mine", provider, null, null, CLOCK)))
                .isInstanceOf(EchoTestAdapter.class);
    }

    @Test
    void aConfigurationNamingThePluginKindNeedsABaseUrl() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                kafka:
                  bootstrap-servers: localhost:9092
                providers:
                  mine:
                    kind: echo-test
                    models:
                      m: {context-window: 1000}
                routes:
                  default:
                    targets: [mine/m]
                """, "plugin.yaml", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("providers.mine.base-url");
    }
}
