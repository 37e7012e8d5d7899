package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.KeyHash;
import io.llmrouter.config.ModelConfig;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.Secret;
import org.junit.jupiter.api.Test;

class ModelsHandlerTest {

    private final ModelCatalog catalog = new ModelCatalog();
    private final RouterConfig config = config();

    private static RouterConfig config() {
        Map<String, ModelConfig> openaiModels = new LinkedHashMap<>();
        openaiModels.put("gpt-4o-mini", model(null));
        openaiModels.put("fast", model("gpt-4.1-nano"));
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        providers.put("openai", ProviderConfig.of("openai", null, Secret.of("k"), openaiModels));
        providers.put("ollama", ProviderConfig.of("ollama", null, Secret.empty(), Map.of("llama3.2", model(null))));
        providers.put("groq", ProviderConfig.of("groq", null, Secret.of("k"),
                Map.of("llama-3.1-8b-instant", model(null))));
        return new RouterConfig(null, providers, null, null, null, null, null);
    }

    private static ModelConfig model(String upstreamName) {
        return new ModelConfig(0, 0, 8000, null, null, upstreamName);
    }

    private static DiscoveredModels listed(String provider, String... models) {
        return new DiscoveredModels(provider, 1_735_689_600_000L, List.of(models), List.of(), null);
    }

    private ObjectNode list(Set<String> available) {
        return new ModelsHandler(config, available, catalog).list();
    }

    private static List<String> ids(ObjectNode list) {
        return StreamSupport.stream(list.path("data").spliterator(), false).map(entry -> entry.path("id").asText())
                .toList();
    }

    private static JsonNode entry(ObjectNode list, String id) {
        return StreamSupport.stream(list.path("data").spliterator(), false)
                .filter(entry -> entry.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void withoutDiscoveredListsTheVirtualAndConfiguredModelsAreListed() {
        ObjectNode list = list(Set.of("openai", "ollama"));

        assertThat(list.path("object").asText()).isEqualTo("list");
        assertThat(ids(list)).containsExactly("auto", "cheap", "fast", "quality", "openai/gpt-4o-mini", "openai/fast", "ollama/llama3.2");
        assertThat(entry(list, "auto").path("owned_by").asText()).isEqualTo("llm-router");
    }

    @Test
    void modelGroupsAreListedAfterTheVirtualModels() {
        RouterConfig withGroup = ConfigLoader.parse("""
                kafka: {bootstrap-servers: unused:9092}
                providers:
                  openai:
                    kind: openai
                    api-key: ${OPENAI_API_KEY}
                    models:
                      gpt-4o-mini: {context-window: 8000}
                routes:
                  default: {targets: [openai/gpt-4o-mini]}
                routing:
                  groups:
                    mini-pool: {members: {openai/gpt-4o-mini: 1}}
                """, "test.yaml", Map.of("OPENAI_API_KEY", KeyHash.generate()));

        ObjectNode list = new ModelsHandler(withGroup, Set.of("openai"), catalog).list();

        assertThat(ids(list)).containsExactly("auto", "cheap", "fast", "quality", "mini-pool", "openai/gpt-4o-mini");
        assertThat(entry(list, "mini-pool").path("owned_by").asText()).isEqualTo("llm-router");
    }

    @Test
    void discoveredModelsFollowTheirProvidersConfiguredOnesOwnedByTheProvider() {
        catalog.update("openai", listed("openai", "o3", "gpt-4o"));

        ObjectNode list = list(Set.of("openai", "ollama"));

        assertThat(ids(list)).containsExactly("auto", "cheap", "fast", "quality", "openai/gpt-4o-mini", "openai/fast", "openai/gpt-4o",
                "openai/o3", "ollama/llama3.2");
        JsonNode discovered = entry(list, "openai/o3");
        assertThat(discovered.path("object").asText()).isEqualTo("model");
        assertThat(discovered.path("owned_by").asText()).isEqualTo("openai");
        assertThat(discovered.has("created")).isTrue();
    }

    @Test
    void aDiscoveredModelThatIsConfiguredIsListedOnceUnderItsConfiguredName() {
        catalog.update("openai", listed("openai", "gpt-4o-mini", "gpt-4.1-nano", "gpt-4o"));

        assertThat(ids(list(Set.of("openai")))).containsExactly("auto", "cheap", "fast", "quality", "openai/gpt-4o-mini", "openai/fast",
                "openai/gpt-4o");
    }

    @Test
    void listsOfProvidersThisBridgeDoesNotUseAreLeftOut() {
        catalog.update("groq", listed("groq", "llama-3.3-70b-versatile"));
        catalog.update("retired", listed("retired", "old-model"));

        assertThat(ids(list(Set.of("openai")))).containsExactly("auto", "cheap", "fast", "quality", "openai/gpt-4o-mini", "openai/fast");
    }

    @Test
    void aFailedFetchAddsNothing() {
        catalog.update("ollama", new DiscoveredModels("ollama", 1L, List.of(), List.of("llama3.2"), "HTTP 500"));

        assertThat(ids(list(Set.of("ollama")))).containsExactly("auto", "cheap", "fast", "quality", "ollama/llama3.2");
    }

    @Test
    void theListFollowsTheCatalogFromOneCallToTheNext() {
        ModelsHandler handler = new ModelsHandler(config, Set.of("ollama"), catalog);
        assertThat(ids(handler.list())).doesNotContain("ollama/qwen2.5:7b");

        catalog.update("ollama", listed("ollama", "qwen2.5:7b"));

        assertThat(ids(handler.list())).contains("ollama/qwen2.5:7b");
    }

    @Test
    void embeddingModelsAreListedLast() {
        ObjectNode list = new ModelsHandler(config, Set.of("ollama"), catalog, List.of("all-minilm-l6-v2")).list();

        assertThat(ids(list)).containsExactly("auto", "cheap", "fast", "quality", "ollama/llama3.2", "all-minilm-l6-v2");
        assertThat(entry(list, "all-minilm-l6-v2").path("owned_by").asText()).isEqualTo("llm-router");
    }
}
