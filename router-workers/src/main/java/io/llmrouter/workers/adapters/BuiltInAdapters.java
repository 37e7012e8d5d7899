package io.llmrouter.workers.adapters;

import java.util.List;

import io.llmrouter.workers.ProviderAdapterFactory;

/** The adapters that ship with the router. */
final class BuiltInAdapters {

    private BuiltInAdapters() {
    }

    static List<ProviderAdapterFactory> factories() {
        return List.of(new OpenAiCompatibleAdapter.Factory(),
                new AnthropicAdapter.Factory(),
                new AzureOpenAiAdapter.Factory(),
                new GeminiAdapter.Factory(),
                new OllamaAdapter.Factory());
    }
}
