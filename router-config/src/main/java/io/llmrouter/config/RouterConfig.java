package io.llmrouter.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.llmrouter.schemas.Priority;

/**
 * The whole router configuration, read from one YAML file and validated once at start-up.
 *
 * @param kafka      brokers, topics and client settings
 * @param providers  upstream providers by id
 * @param routes     routes by priority name, plus {@code default} for priorities without their own
 * @param bridge     the HTTP bridge
 * @param workers    the worker pools
 * @param standalone standalone mode
 * @param cache      the exact and semantic answer caches
 * @param routing    strategies, virtual models, model groups, health and policies of the route step
 * @param keys       virtual API keys, their limits and the global budget
 */
public record RouterConfig(
        @JsonProperty("kafka") KafkaSettings kafka,
        @JsonProperty("providers") Map<String, ProviderConfig> providers,
        @JsonProperty("routes") Map<String, RouteConfig> routes,
        @JsonProperty("bridge") BridgeSettings bridge,
        @JsonProperty("workers") WorkerSettings workers,
        @JsonProperty("standalone") StandaloneSettings standalone,
        @JsonProperty("cache") CacheSettings cache,
        @JsonProperty("routing") RoutingSettings routing,
        @JsonProperty("keys") KeysConfig keys) {

    /** Model names that mean "let the router choose by the route of the request's priority". */
    public static final Set<String> VIRTUAL_MODELS = Set.of("auto");
    /** Virtual models that name a strategy over the route of the request's priority (routing.virtual-models). */
    public static final Set<String> STRATEGY_MODELS = Set.of("fast", "cheap", "quality");
    /** The route used by priorities that have none of their own. */
    public static final String DEFAULT_ROUTE = "default";

    public RouterConfig {
        providers = providers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        routes = routes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(routes));
        bridge = bridge == null ? BridgeSettings.DEFAULTS : bridge;
        workers = workers == null ? WorkerSettings.DEFAULTS : workers;
        standalone = standalone == null ? StandaloneSettings.DEFAULTS : standalone;
        cache = cache == null ? CacheSettings.DEFAULTS : cache;
        routing = routing == null ? RoutingSettings.DEFAULTS : routing;
        keys = keys == null ? KeysConfig.NONE : keys;
    }

    /** A configuration with the default routing settings and no virtual keys. */
    public RouterConfig(KafkaSettings kafka, Map<String, ProviderConfig> providers, Map<String, RouteConfig> routes,
                        BridgeSettings bridge, WorkerSettings workers, StandaloneSettings standalone,
                        CacheSettings cache) {
        this(kafka, providers, routes, bridge, workers, standalone, cache, null, null);
    }

    /** The route for a priority: its own, or the default one. */
    public RouteConfig routeFor(Priority priority) {
        RouteConfig own = routes.get(priority.wireName());
        return own != null ? own : routes.getOrDefault(DEFAULT_ROUTE, new RouteConfig(null, null));
    }

    /** The configuration of a deployment, if both its provider and its model are configured. */
    public Optional<ModelConfig> model(TargetRef target) {
        ProviderConfig provider = providers.get(target.provider());
        return provider == null ? Optional.empty() : Optional.ofNullable(provider.models().get(target.model()));
    }

    /** The same configuration with other Kafka settings, e.g. pointed at an embedded broker. */
    public RouterConfig withKafka(KafkaSettings newKafka) {
        return new RouterConfig(newKafka, providers, routes, bridge, workers, standalone, cache, routing, keys);
    }

    /** The same configuration with other providers. */
    public RouterConfig withProviders(Map<String, ProviderConfig> newProviders) {
        return new RouterConfig(kafka, newProviders, routes, bridge, workers, standalone, cache, routing, keys);
    }

    /** The same configuration with other bridge settings. */
    public RouterConfig withBridge(BridgeSettings newBridge) {
        return new RouterConfig(kafka, providers, routes, newBridge, workers, standalone, cache, routing, keys);
    }

    /** The same configuration with other cache settings. */
    public RouterConfig withCache(CacheSettings newCache) {
        return new RouterConfig(kafka, providers, routes, bridge, workers, standalone, newCache, routing, keys);
    }

    /** The same configuration with other routing settings. */
    public RouterConfig withRouting(RoutingSettings newRouting) {
        return new RouterConfig(kafka, providers, routes, bridge, workers, standalone, cache, newRouting, keys);
    }

    /** The same configuration with other virtual keys. */
    public RouterConfig withKeys(KeysConfig newKeys) {
        return new RouterConfig(kafka, providers, routes, bridge, workers, standalone, cache, routing, newKeys);
    }

    /** The same configuration with other standalone settings. */
    public RouterConfig withStandalone(StandaloneSettings newStandalone) {
        return new RouterConfig(kafka, providers, routes, bridge, workers, newStandalone, cache, routing, keys);
    }
}
