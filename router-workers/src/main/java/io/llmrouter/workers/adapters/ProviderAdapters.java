package io.llmrouter.workers.adapters;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import io.llmrouter.config.ProviderConfig;
import io.llmrouter.workers.ProviderAdapter;

/** Chooses the adapter for a provider's kind. */
public final class ProviderAdapters {

    private ProviderAdapters() {
    }

    /** A new HTTP client for upstream calls: HTTP/1.1, since most LLM APIs stream over it. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** The adapter for one configured provider. */
    public static ProviderAdapter forProvider(String id, ProviderConfig provider, HttpClient http, Clock clock) {
        // Every kind the configuration accepts today speaks the OpenAI wire format.
        return new OpenAiCompatibleAdapter(id, provider, http, clock);
    }
}
