package io.llmrouter.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.RouterConfig;

/** Router configurations for tests: the bundled file, pointed at the test broker and at local upstreams. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** The bundled configuration with no keys set, as on a fresh machine, on the given brokers. */
    public static RouterConfig bundled(String bootstrapServers) {
        RouterConfig config = ConfigLoader.loadBundled(Map.of());
        return config.withKafka(config.kafka().withBootstrapServers(bootstrapServers));
    }

    /** The bundled configuration with the simulator provider served at {@code baseUrl}. */
    public static RouterConfig withSimulatorAt(RouterConfig config, String baseUrl) {
        return withProviderUrl(config, "simulator", baseUrl);
    }

    /** The configuration with one provider's base URL replaced, e.g. by an HTTP fake's. */
    public static RouterConfig withProviderUrl(RouterConfig config, String providerId, String baseUrl) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>(config.providers());
        ProviderConfig old = providers.get(providerId);
        providers.put(providerId, old.withBaseUrl(baseUrl));
        return config.withProviders(providers);
    }
}
