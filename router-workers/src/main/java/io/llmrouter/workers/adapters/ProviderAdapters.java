package io.llmrouter.workers.adapters;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

import io.llmrouter.workers.AdapterContext;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.ProviderAdapterFactory;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;

/** Finds the adapter for a provider's kind: the built-in ones, then plug-ins found with {@link ServiceLoader}. */
public final class ProviderAdapters {

    private final List<ProviderAdapterFactory> factories;

    private ProviderAdapters(List<ProviderAdapterFactory> factories) {
        this.factories = List.copyOf(factories);
    }

    /** The built-in adapters plus every plug-in on the class path. */
    public static ProviderAdapters discover() {
        List<ProviderAdapterFactory> factories = new ArrayList<>(BuiltInAdapters.factories());
        ServiceLoader.load(ProviderAdapterFactory.class).forEach(factories::add);
        return new ProviderAdapters(factories);
    }

    /** Every kind some adapter serves. */
    public Set<String> kinds() {
        Set<String> kinds = new TreeSet<>();
        factories.forEach(factory -> kinds.addAll(factory.kinds()));
        return kinds;
    }

    /** The adapter for one provider; a clear error naming the provider when no adapter serves its kind. */
    public ProviderAdapter create(AdapterContext context) {
        String kind = context.provider().kind();
        for (ProviderAdapterFactory factory : factories) {
            if (factory.kinds().contains(kind)) {
                return factory.create(context);
            }
        }
        throw new IllegalArgumentException("providers." + context.providerId() + ".kind: no adapter for kind '" + kind
                + "'; kinds with an adapter: " + kinds() + " (plug-ins add kinds with a jar on the class path)");
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
                .setVerifyHost(true));
    }
}
