package io.llmrouter.workers.adapters;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.llmrouter.config.ProviderPreset;
import io.llmrouter.workers.ProviderAdapterFactory;

/** The adapters that ship with the router, by kind. */
final class BuiltInAdapters {

    private BuiltInAdapters() {
    }

    static List<ProviderAdapterFactory> factories() {
        return List.of(
                ProviderAdapterFactory.of(openAiCompatibleKinds(), OpenAiCompatibleAdapter::new),
                ProviderAdapterFactory.of(Set.of("anthropic"), AnthropicAdapter::new),
                ProviderAdapterFactory.of(Set.of("azure"), AzureOpenAiAdapter::new),
                ProviderAdapterFactory.of(Set.of("gemini"), GeminiAdapter::new),
                ProviderAdapterFactory.of(Set.of("ollama"), OllamaAdapter::new));
    }

    /** Every preset that speaks OpenAI's Chat Completions format, the simulator included. */
    private static Set<String> openAiCompatibleKinds() {
        Set<String> kinds = new TreeSet<>();
        for (ProviderPreset preset : ProviderPreset.values()) {
            if (preset.openAiCompatible()) {
                kinds.add(preset.kind());
            }
        }
        return kinds;
    }
}
