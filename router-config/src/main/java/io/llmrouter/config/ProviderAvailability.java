package io.llmrouter.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides at start-up which configured providers can serve: a key where one is needed, an answer where asked. */
public final class ProviderAvailability {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderAvailability.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private ProviderAvailability() {
    }

    /** The ids of usable providers, probing the ones marked {@code only-when-reachable} over HTTP. */
    public static Set<String> resolve(RouterConfig config) {
        return resolve(config, ProviderAvailability::answers);
    }

    /** The ids of usable providers, with the given reachability check. */
    public static Set<String> resolve(RouterConfig config, Predicate<ProviderConfig> reachable) {
        Set<String> usable = new LinkedHashSet<>();
        for (Map.Entry<String, ProviderConfig> entry : config.providers().entrySet()) {
            ProviderConfig provider = entry.getValue();
            if (!provider.hasCredentials()) {
                LOG.info("Provider {} is off: its API key is not set", entry.getKey());
            } else if (provider.onlyWhenReachable() && !reachable.test(provider)) {
                LOG.info("Provider {} is off: nothing answers at {}", entry.getKey(), provider.baseUrl());
            } else {
                usable.add(entry.getKey());
            }
        }
        LOG.info("Providers in use: {}", usable);
        return Set.copyOf(usable);
    }

    private static boolean answers(ProviderConfig provider) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
        String modelsPath = ProviderPreset.of(provider.kind()).map(ProviderPreset::modelsPath).orElse("/models");
        HttpRequest probe = HttpRequest.newBuilder(URI.create(provider.baseUrl().replaceAll("/+$", "") + modelsPath))
                .timeout(PROBE_TIMEOUT).GET().build();
        try {
            return client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
