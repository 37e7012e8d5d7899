package io.llmrouter.workers.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.Secret;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.Test;

class ModelListEndpointTest {

    private static final String KEY = "sk-test-3c9e";

    private static ModelListEndpoint endpoint(String kind, String baseUrl, Map<String, String> options) {
        return ModelListEndpoint.of(new ProviderConfig(kind, baseUrl, Secret.of(KEY), null, false, 5_000L, Map.of(),
                null, options, null));
    }

    private static ModelListEndpoint endpoint(String kind) {
        return endpoint(kind, "http://upstream.test/root/", Map.of());
    }

    private static Buffer body(String json) {
        return Buffer.buffer(json);
    }

    @Test
    void openAiCompatibleKindsAskModelsUnderTheBaseUrlWithABearerKey() {
        RequestOptions request = endpoint("groq").request();

        assertThat(request.getMethod()).isEqualTo(HttpMethod.GET);
        assertThat(request.getURI()).isEqualTo("/root/models");
        assertThat(endpoint("groq").url()).isEqualTo("http://upstream.test/root/models");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void openAiListIsReadFromTheIdsOfData() {
        String answer = """
                {"object":"list","data":[
                  {"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"system"},
                  {"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"}]}""";

        assertThat(endpoint("openai").parse(body(answer))).containsExactly("gpt-4o", "gpt-4o-mini");
    }

    @Test
    void anthropicIsAskedForOneLargePageWithItsKeyAndVersionHeaders() {
        RequestOptions request = endpoint("anthropic").request();

        assertThat(endpoint("anthropic").url()).isEqualTo("http://upstream.test/root/v1/models?limit=1000");
        assertThat(request.getHeaders().get("x-api-key")).isEqualTo(KEY);
        assertThat(request.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.getHeaders().contains("Authorization")).isFalse();
    }

    @Test
    void anthropicListIsReadFromTheIdsOfData() {
        String answer = """
                {"data":[{"type":"model","id":"claude-sonnet-4-20250514","display_name":"Claude Sonnet 4",
                          "created_at":"2025-05-22T00:00:00Z"},
                         {"type":"model","id":"claude-3-5-haiku-20241022","display_name":"Claude Haiku 3.5",
                          "created_at":"2024-10-22T00:00:00Z"}],
                 "has_more":false,"first_id":"claude-sonnet-4-20250514","last_id":"claude-3-5-haiku-20241022"}""";

        assertThat(endpoint("anthropic").parse(body(answer)))
                .containsExactly("claude-sonnet-4-20250514", "claude-3-5-haiku-20241022");
    }

    @Test
    void geminiIsAskedWithItsKeyHeaderAndTheModelsPrefixIsStripped() {
        String answer = """
                {"models":[
                  {"name":"models/gemini-2.0-flash","version":"2.0","displayName":"Gemini 2.0 Flash",
                   "supportedGenerationMethods":["generateContent","countTokens"]},
                  {"name":"models/text-embedding-004","supportedGenerationMethods":["embedContent"]}],
                 "nextPageToken":""}""";

        assertThat(endpoint("gemini").url()).isEqualTo("http://upstream.test/root/v1beta/models?pageSize=1000");
        assertThat(endpoint("gemini").request().getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(endpoint("gemini").parse(body(answer))).containsExactly("gemini-2.0-flash", "text-embedding-004");
    }

    @Test
    void geminiListFollowsTheApiVersionOptionOfTheAdapter() {
        assertThat(endpoint("gemini", "http://g.test", Map.of("api-version", "v1")).url())
                .isEqualTo("http://g.test/v1/models?pageSize=1000");
    }

    @Test
    void ollamaTagsAreReadByName() {
        String answer = """
                {"models":[
                  {"name":"llama3.2:latest","model":"llama3.2:latest","modified_at":"2024-10-01T10:00:00Z",
                   "size":2019393189,"digest":"a80c4f17acd5","details":{"family":"llama"}},
                  {"model":"qwen2.5:7b"}]}""";

        assertThat(endpoint("ollama").url()).isEqualTo("http://upstream.test/root/api/tags");
        assertThat(endpoint("ollama").parse(body(answer))).containsExactly("llama3.2:latest", "qwen2.5:7b");
    }

    @Test
    void azureIsAskedWithItsApiKeyHeaderAndTheConfiguredApiVersion() {
        ModelListEndpoint azure = endpoint("azure", "https://res.openai.azure.com",
                Map.of("api-version", "2025-01-01"));
        String answer = """
                {"data":[{"id":"gpt-4o-2024-08-06","status":"succeeded","capabilities":{"chat_completion":true}}],
                 "object":"list"}""";

        assertThat(azure.url()).isEqualTo("https://res.openai.azure.com/openai/models?api-version=2025-01-01");
        assertThat(azure.request().getHeaders().get("api-key")).isEqualTo(KEY);
        assertThat(azure.request().getHeaders().contains("Authorization")).isFalse();
        assertThat(azure.parse(body(answer))).containsExactly("gpt-4o-2024-08-06");
    }

    @Test
    void azureWithoutTheOptionUsesThePresetApiVersion() {
        assertThat(endpoint("azure", "https://res.openai.azure.com", Map.of()).url())
                .isEqualTo("https://res.openai.azure.com/openai/models?api-version=2024-10-21");
    }

    @Test
    void aPluginKindIsAskedAtModelsWithABearerKey() {
        ModelListEndpoint plugin = endpoint("acme-llm", "https://acme.test/api", Map.of());

        assertThat(plugin.url()).isEqualTo("https://acme.test/api/models");
        assertThat(plugin.request().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(plugin.parse(body("{\"data\":[{\"id\":\"acme-1\"}]}"))).containsExactly("acme-1");
    }

    @Test
    void aProviderWithoutAKeySendsNoAuthHeader() {
        ModelListEndpoint local = ModelListEndpoint.of(ProviderConfig.of("vllm", "http://localhost:8000/v1",
                Secret.empty(), Map.of()));

        assertThat(local.request().getHeaders().contains("Authorization")).isFalse();
    }

    @Test
    void repeatedAndBlankIdsAreDropped() {
        String answer = """
                {"data":[{"id":"a"},{"id":""},{"object":"model"},{"id":"a"},{"id":"b"}]}""";

        assertThat(endpoint("openai").parse(body(answer))).containsExactly("a", "b");
    }

    @Test
    void anEmptyListIsAnEmptyResult() {
        assertThat(endpoint("ollama").parse(body("{\"models\":[]}"))).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsRejected() {
        assertThatThrownBy(() -> endpoint("openai").parse(body("<html>Bad gateway</html>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    }

    @Test
    void aBodyWithoutTheListOfItsKindIsRejected() {
        assertThatThrownBy(() -> endpoint("gemini").parse(body("{\"data\":[{\"id\":\"x\"}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"models\"");
    }
}
