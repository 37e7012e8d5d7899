package io.llmrouter.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Built-in provider kinds with their defaults, so a configuration can say {@code kind: groq} and a key.
 *
 * <p>A kind not listed here may still be served by a plug-in adapter; it must then give its
 * {@code base-url}, and the workers check at start that an adapter for it is on the class path.
 */
public enum ProviderPreset {
    OPENAI("openai", "https://api.openai.com/v1", true, "/models"),
    GROQ("groq", "https://api.groq.com/openai/v1", true, "/models"),
    TOGETHER("together", "https://api.together.xyz/v1", true, "/models"),
    MISTRAL("mistral", "https://api.mistral.ai/v1", true, "/models"),
    DEEPSEEK("deepseek", "https://api.deepseek.com/v1", true, "/models"),
    FIREWORKS("fireworks", "https://api.fireworks.ai/inference/v1", true, "/models"),
    OPENROUTER("openrouter", "https://openrouter.ai/api/v1", true, "/models"),
    XAI("xai", "https://api.x.ai/v1", true, "/models"),
    PERPLEXITY("perplexity", "https://api.perplexity.ai", true, "/models"),
    CEREBRAS("cerebras", "https://api.cerebras.ai/v1", true, "/models"),
    VLLM("vllm", "http://localhost:8000/v1", false, "/models"),
    LMSTUDIO("lmstudio", "http://localhost:1234/v1", false, "/models"),
    ANTHROPIC("anthropic", "https://api.anthropic.com", true, "/v1/models"),
    GEMINI("gemini", "https://generativelanguage.googleapis.com", true, "/v1beta/models"),
    OLLAMA("ollama", "http://localhost:11434", false, "/api/tags"),
    AZURE("azure", null, true, "/openai/models?api-version=2024-10-21"),
    SIMULATOR("simulator", "http://127.0.0.1:18090/v1", false, "/models");

    private final String kind;
    private final String defaultBaseUrl;
    private final boolean cloud;
    private final String modelsPath;

    ProviderPreset(String kind, String defaultBaseUrl, boolean cloud, String modelsPath) {
        this.kind = kind;
        this.defaultBaseUrl = defaultBaseUrl;
        this.cloud = cloud;
        this.modelsPath = modelsPath;
    }

    /** The preset of a kind, if it is built in. */
    public static Optional<ProviderPreset> of(String kind) {
        return Arrays.stream(values()).filter(p -> p.kind.equals(kind)).findFirst();
    }

    /** The {@code kind:} value in the configuration. */
    public String kind() {
        return kind;
    }

    /** The API root used when the configuration gives none; empty where there is no public default (Azure). */
    public Optional<String> defaultBaseUrl() {
        return Optional.ofNullable(defaultBaseUrl);
    }

    /** True for hosted APIs that need a key; false for servers that run locally. */
    public boolean cloud() {
        return cloud;
    }

    /** The path under the base URL that lists models, for discovery and reachability checks. */
    public String modelsPath() {
        return modelsPath;
    }

    /** True when the kind speaks OpenAI's Chat Completions wire format. */
    public boolean openAiCompatible() {
        return this != ANTHROPIC && this != GEMINI && this != OLLAMA && this != AZURE;
    }
}
