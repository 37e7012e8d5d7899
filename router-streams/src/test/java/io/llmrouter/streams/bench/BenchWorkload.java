package io.llmrouter.streams.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.QuotaConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.HealthEvent;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RoutingHints;
import io.llmrouter.testsupport.RequestRecords;

/**
 * The routing benchmarks' workload: seven providers, a seven-model default route, two model groups, two policies,
 * and a mix of virtual models, groups, strategies and tool offers over unique prompts (every request misses the
 * exact cache).
 */
final class BenchWorkload {

    static final Set<String> PROVIDERS = Set.of("openai", "azure", "anthropic", "groq", "gemini", "ollama",
            "simulator");

    private static final String CONFIG = """
            kafka: {bootstrap-servers: "%s", streams: {%s}}
            cache: {semantic: {enabled: false}}
            providers:
              openai:
                kind: openai
                models:
                  gpt-4o-mini: {input-price-per-mtok: 0.15, output-price-per-mtok: 0.6, context-window: 128000, capabilities: [vision, tools, json_mode], quality: 0.75}
                  gpt-4o: {input-price-per-mtok: 2.5, output-price-per-mtok: 10, context-window: 128000, capabilities: [vision, tools, json_mode], quality: 0.9, labels: [gpu]}
              azure:
                kind: azure
                base-url: https://example-resource.openai.azure.com
                models:
                  gpt-4o-mini: {input-price-per-mtok: 0.15, output-price-per-mtok: 0.6, context-window: 128000, capabilities: [vision, tools, json_mode], quality: 0.75}
              anthropic:
                kind: anthropic
                models:
                  claude-3-5-haiku-latest: {input-price-per-mtok: 0.8, output-price-per-mtok: 4, context-window: 200000, capabilities: [vision, tools], quality: 0.75}
              groq:
                kind: groq
                models:
                  llama-3.1-8b-instant: {input-price-per-mtok: 0.05, output-price-per-mtok: 0.08, context-window: 131072, capabilities: [tools, json_mode], quality: 0.55, labels: [gpu]}
              gemini:
                kind: gemini
                models:
                  gemini-2.0-flash: {input-price-per-mtok: 0.1, output-price-per-mtok: 0.4, context-window: 1048576, capabilities: [vision, tools, json_mode], quality: 0.7}
              ollama:
                kind: ollama
                models:
                  llama3.2: {context-window: 131072, capabilities: [tools], quality: 0.5}
              simulator:
                kind: simulator
                base-url: http://127.0.0.1:18090/v1
                models:
                  simulator-fast: {context-window: 32768, capabilities: [tools, json_mode], quality: 0.3}
            routes:
              default:
                targets: [openai/gpt-4o-mini, anthropic/claude-3-5-haiku-latest, gemini/gemini-2.0-flash,
                          groq/llama-3.1-8b-instant, ollama/llama3.2, openai/gpt-4o]
                fallbacks: [simulator/simulator-fast]
            routing:
              groups:
                mini-pool: {balance: weighted, members: {openai/gpt-4o-mini: 3, azure/gpt-4o-mini: 1}}
                mini-least: {balance: least-busy, members: {openai/gpt-4o-mini: 1, azure/gpt-4o-mini: 1}}
              policies:
                - name: gpu-business-hours
                - name: deny-models
                  options: {deny: gemini/gemini-2.0-flash}
            """;

    private static final String[] PROMPTS = {
        "What is the capital of France? (%d)",
        "Write a function in Python that merges two sorted lists, variant %d.",
        "Compare Kafka and RabbitMQ for request routing and justify the choice for case %d.",
        "Translate 'good morning number %d' into Spanish.",
        "Why does this fail?\n```java\nint x = list.get(%d);\n```",
    };
    private static final String[] MODELS = {"auto", "auto", "auto", "cheap", "fast", "quality", "mini-pool", "mini-least"};
    private static final String[] STRATEGIES = {null, null, null, "cost", "balanced", "local-first", "latency"};

    private BenchWorkload() {
    }

    /** The routing configuration with the given broker address and no quotas. */
    static RouterConfig config(String bootstrapServers) {
        return config(bootstrapServers, Map.of());
    }

    /** The same with Kafka Streams settings, e.g. {@code num.stream.threads}. */
    static RouterConfig config(String bootstrapServers, Map<String, String> streams) {
        StringBuilder settings = new StringBuilder();
        streams.forEach((key, value) -> settings.append(settings.length() == 0 ? "" : ", ")
                .append(key).append(": \"").append(value).append('"'));
        return ConfigLoader.parse(CONFIG.formatted(bootstrapServers, settings), "bench.yaml", Map.of());
    }

    /**
     * The same with a quota on every provider, so each routed request also passes the quota ledger; the limits are
     * far above what a run spends, so none is refused.
     */
    static RouterConfig withQuotas(RouterConfig config) {
        QuotaConfig generous = new QuotaConfig(1_000_000_000L, 100_000_000L, null, 100_000_000_000L, null, 1e9);
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        config.providers().forEach((id, provider) -> providers.put(id, provider.withQuota(generous)));
        return config.withProviders(providers);
    }

    /** Health reports for every deployment: closed breakers, spread latencies and queue depths. */
    static List<HealthEvent> healthEvents(RouterConfig config, long now) {
        List<HealthEvent> events = new ArrayList<>();
        int i = 0;
        for (var provider : config.providers().entrySet()) {
            for (String model : provider.getValue().models().keySet()) {
                events.add(new HealthEvent(provider.getKey(), model, now, "closed", 300 + 150 * (i % 5), 0.02, 0.01,
                        i % 7));
                i++;
            }
        }
        return events;
    }

    /** Requests numbered {@code from} onwards, each with a prompt of its own. */
    static List<LlmRequest> requests(int from, int count, String replyTo) {
        List<LlmRequest> requests = new ArrayList<>(count);
        for (int n = from; n < from + count; n++) {
            ObjectNode body = RequestRecords.chatBody(MODELS[n % MODELS.length], PROMPTS[n % PROMPTS.length].formatted(n));
            if (n % 10 == 0) {
                body.putArray("tools").addObject().put("type", "function").putObject("function").put("name", "lookup");
            }
            String strategy = "auto".equals(MODELS[n % MODELS.length]) ? STRATEGIES[n % STRATEGIES.length] : null;
            requests.add(LlmRequest.of("bench-" + n, Priority.NORMAL, replyTo, 1L, body,
                    new RoutingHints(strategy, null, null, null)));
        }
        return requests;
    }
}
