package io.llmrouter.workers.discovery;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.ProviderPreset;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.workers.adapters.AnthropicAdapter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Where a provider lists its models, with the auth headers its adapter sends, and how to read the answer.
 *
 * <p>OpenAI-compatible kinds, Anthropic and Azure answer {@code {"data":[{"id":...}]}}; Gemini answers
 * {@code {"models":[{"name":"models/..."}]}}; Ollama's {@code /api/tags} answers {@code {"models":[{"name":...}]}}.
 * A kind that is not built in is asked at {@code /models} with a Bearer key.
 */
public final class ModelListEndpoint {

    /** How the answer names its models. */
    enum Shape {
        /** {@code {"data":[{"id":"gpt-4o"}]}}. */
        DATA_IDS,
        /** {@code {"models":[{"name":"models/gemini-2.0-flash"}]}}. */
        GEMINI,
        /** {@code {"models":[{"name":"llama3.2:latest","model":"llama3.2:latest"}]}}. */
        OLLAMA
    }

    // Anthropic pages by 20 and Gemini by 50 unless asked for more; 1000 is the most both allow, so one page suffices.
    private static final String ANTHROPIC_PAGE = "?limit=1000";
    private static final String GEMINI_PAGE = "?pageSize=1000";

    private final String url;
    private final Map<String, String> headers;
    private final Shape shape;
    private final long timeoutMs;

    private ModelListEndpoint(String url, Map<String, String> headers, Shape shape, long timeoutMs) {
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.shape = shape;
        this.timeoutMs = timeoutMs;
    }

    /** The endpoint of a configured provider, chosen by its kind. */
    public static ModelListEndpoint of(ProviderConfig provider) {
        String base = provider.baseUrl().replaceAll("/+$", "");
        Optional<ProviderPreset> preset = ProviderPreset.of(provider.kind());
        String path = preset.map(ProviderPreset::modelsPath).orElse("/models");
        String key = provider.apiKey().isEmpty() ? null : provider.apiKey().reveal();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        Shape shape = Shape.DATA_IDS;
        switch (preset.orElse(ProviderPreset.OPENAI)) {
            case ANTHROPIC -> {
                path = path + ANTHROPIC_PAGE;
                headers.put("anthropic-version",
                        provider.options().getOrDefault("anthropic-version", AnthropicAdapter.DEFAULT_VERSION));
                putIfSet(headers, "x-api-key", key);
            }
            case GEMINI -> {
                // The adapter's api-version option moves chat calls to another API version; the list follows.
                String version = provider.options().get("api-version");
                path = (version == null ? path : "/" + version + "/models") + GEMINI_PAGE;
                shape = Shape.GEMINI;
                putIfSet(headers, "x-goog-api-key", key);
            }
            case AZURE -> {
                String version = provider.options().get("api-version");
                path = version == null ? path
                        : "/openai/models?api-version=" + URLEncoder.encode(version, StandardCharsets.UTF_8);
                putIfSet(headers, "api-key", key);
            }
            case OLLAMA -> {
                shape = Shape.OLLAMA;
                putIfSet(headers, "Authorization", key == null ? null : "Bearer " + key);
            }
            default -> putIfSet(headers, "Authorization", key == null ? null : "Bearer " + key);
        }
        return new ModelListEndpoint(base + path, headers, shape, provider.timeoutMs());
    }

    private static void putIfSet(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }

    /** The absolute URL asked, e.g. {@code https://api.openai.com/v1/models}. */
    public String url() {
        return url;
    }

    /** The shape the answer is read in. */
    Shape shape() {
        return shape;
    }

    /** The GET request, auth headers included; never log it. */
    public RequestOptions request() {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(url)
                .setIdleTimeout(timeoutMs);
        headers.forEach(options::putHeader);
        return options;
    }

    /**
     * The model ids of a 200 answer, in the upstream's order without repeats.
     *
     * @throws IllegalArgumentException when the body is not JSON or has no model list
     */
    public List<String> parse(Buffer body) {
        JsonNode root;
        try {
            root = WireFormat.mapper().readTree(body.getBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("the model list is not JSON");
        }
        String listField = shape == Shape.DATA_IDS ? "data" : "models";
        JsonNode entries = root == null ? null : root.get(listField);
        if (entries == null || !entries.isArray()) {
            throw new IllegalArgumentException("the answer has no \"" + listField + "\" list");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode entry : entries) {
            String id = idOf(entry);
            if (id != null && !id.isBlank()) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    private String idOf(JsonNode entry) {
        return switch (shape) {
            case DATA_IDS -> entry.path("id").asText(null);
            case GEMINI -> {
                String name = entry.path("name").asText(null);
                yield name != null && name.startsWith("models/") ? name.substring("models/".length()) : name;
            }
            case OLLAMA -> entry.hasNonNull("name") ? entry.get("name").asText() : entry.path("model").asText(null);
        };
    }
}
