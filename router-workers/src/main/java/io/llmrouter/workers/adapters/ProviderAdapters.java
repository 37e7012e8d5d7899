package io.llmrouter.workers.adapters;

import java.time.Clock;

import io.llmrouter.config.ProviderConfig;
import io.llmrouter.workers.ProviderAdapter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;

/** Chooses the adapter for a provider's kind, and makes the non-blocking HTTP client they share. */
public final class ProviderAdapters {

    private ProviderAdapters() {
    }

    /**
     * An HTTP/1.1 keep-alive client that can hold {@code concurrency} connections per upstream host,
     * so a slow upstream occupies connections, never threads.
     */
    public static HttpClient httpClient(Vertx vertx, int concurrency) {
        return vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout(10_000)
                .setMaxPoolSize(Math.max(1, concurrency))
                .setTrustAll(false)
                .setVerifyHost(true));
    }

    /** The adapter for one configured provider. */
    public static ProviderAdapter forProvider(String id, ProviderConfig provider, Vertx vertx, HttpClient http,
                                              Clock clock) {
        // Every kind the configuration accepts today speaks the OpenAI wire format.
        return new OpenAiCompatibleAdapter(id, provider, vertx, http, clock);
    }
}
