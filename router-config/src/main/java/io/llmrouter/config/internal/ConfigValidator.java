package io.llmrouter.config.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.llmrouter.config.BridgeSettings;
import io.llmrouter.config.CacheSettings;
import io.llmrouter.config.KafkaSettings;
import io.llmrouter.config.ModelConfig;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.QuotaConfig;
import io.llmrouter.config.ResilienceConfig;
import io.llmrouter.config.RouteConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TargetRef;
import io.llmrouter.schemas.Priority;

/** Checks a mapped configuration and lists every problem as {@code path: what is wrong}. */
public final class ConfigValidator {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final RouterConfig config;
    private final List<String> problems = new ArrayList<>();

    public ConfigValidator(RouterConfig config) {
        this.config = config;
    }

    /** Every problem found; empty when the configuration is usable. */
    public List<String> problems() {
        problems.clear();
        checkKafka(config.kafka());
        if (config.providers().isEmpty()) {
            problems.add("providers: at least one provider is needed");
        }
        config.providers().forEach(this::checkProvider);
        checkRoutes(config.routes());
        checkBridge(config.bridge());
        check(config.workers().concurrency() >= 1, "workers.concurrency: must be at least 1");
        check(config.workers().commitIntervalMs() >= 0 && config.workers().commitIntervalMs() <= 10_000,
                "workers.commit-interval-ms: must be between 0 and 10000");
        checkCache(config.cache());
        new RoutingChecks(config, problems).check(config.routing());
        new KeyChecks(problems).check(config.keys());
        return List.copyOf(problems);
    }

    private void checkKafka(KafkaSettings kafka) {
        if (kafka == null) {
            problems.add("kafka: missing (bootstrap-servers at least)");
            return;
        }
        check(kafka.bootstrapServers() != null && !kafka.bootstrapServers().isBlank(),
                "kafka.bootstrap-servers: must name at least one broker, e.g. localhost:9092");
        KafkaSettings.TopicSettings topics = kafka.topics();
        check(topics.requestPartitions() >= 1, "kafka.topics.request-partitions: must be at least 1");
        check(topics.workPartitions() >= 1, "kafka.topics.work-partitions: must be at least 1");
        check(topics.replyPartitions() >= 1, "kafka.topics.reply-partitions: must be at least 1");
        check(topics.replicationFactor() >= 1, "kafka.topics.replication-factor: must be at least 1");
        for (int i = 0; i < topics.replyTopics().size(); i++) {
            String topic = topics.replyTopics().get(i);
            check(topic != null && TOPIC.matcher(topic).matches(),
                    "kafka.topics.reply-topics[" + i + "]: '" + topic + "' is not a valid topic name");
        }
    }

    private void checkProvider(String id, ProviderConfig provider) {
        String path = "providers." + id;
        check(ID.matcher(id).matches(), path + ": provider ids use lower-case letters, digits, '-' and '_'");
        if (provider == null) {
            problems.add(path + ": empty");
            return;
        }
        // Kinds beyond the presets come from adapter plug-ins; the workers check those at start.
        check(provider.kind() != null && ID.matcher(provider.kind()).matches(),
                path + ".kind: missing; use a built-in kind such as openai, anthropic, gemini, ollama, azure "
                        + "or simulator, or the kind of an adapter plug-in");
        if (provider.baseUrl() == null || provider.baseUrl().isBlank()) {
            problems.add(path + ".base-url: missing; kind '" + provider.kind() + "' has no default address");
        } else {
            check(isHttpUrl(provider.baseUrl()), path + ".base-url: must be an absolute http(s) URL, got '"
                    + provider.baseUrl() + "'");
        }
        check(provider.timeoutMs() > 0, path + ".timeout-ms: must be positive");
        check(!provider.models().isEmpty(), path + ".models: at least one model is needed");
        provider.models().forEach((name, model) -> checkModel(path + ".models." + name, model));
        checkQuota(path + ".quota", provider.quota());
        ResilienceConfig r = provider.resilience();
        check(r.breakerConsecutiveFailures() >= 1 && r.breakerWindowCalls() >= 1 && r.breakerHalfOpenSuccesses() >= 1,
                path + ".resilience: breaker counts must be at least 1");
        check(r.breakerFailureRatePercent() >= 1 && r.breakerFailureRatePercent() <= 100,
                path + ".resilience.breaker-failure-rate-percent: must be between 1 and 100");
        check(r.retryMaxAttempts() >= 1, path + ".resilience.retry-max-attempts: must be at least 1 (1 means no retry)");
        check(r.maxInFlight() >= 1, path + ".resilience.max-in-flight: must be at least 1");
        check(r.breakerOpenMs() >= 1 && r.retryInitialBackoffMs() >= 1 && r.retryMaxBackoffMs() >= 1,
                path + ".resilience: breaker-open-ms, retry-initial-backoff-ms and retry-max-backoff-ms must be at least 1");
        if (provider.simulation() != null) {
            check("simulator".equals(provider.kind()), path + ".simulation: only for kind 'simulator'");
            ProviderConfig.SimulationConfig sim = provider.simulation();
            check(sim.latencyMs() >= 0 && sim.jitterMs() >= 0, path + ".simulation: latencies must not be negative");
            check(isRate(sim.failureRate()), path + ".simulation.failure-rate: must be between 0 and 1");
            check(isRate(sim.rateLimitRate()), path + ".simulation.rate-limit-rate: must be between 0 and 1");
            ProviderConfig.Faults f = sim.faults();
            double total = sim.failureRate() + sim.rateLimitRate() + f.overloadRate() + f.unauthorizedRate()
                    + f.malformedRate() + f.resetRate() + f.hangRate() + f.stallRate();
            check(total <= 1.0 + 1e-9, path + ".simulation: fault rates add up to " + total + "; at most 1 is possible");
        }
    }

    private void checkModel(String path, ModelConfig model) {
        if (model == null) {
            problems.add(path + ": empty, give at least context-window");
            return;
        }
        check(model.inputPricePerMtok() >= 0, path + ".input-price-per-mtok: must not be negative");
        check(model.outputPricePerMtok() >= 0, path + ".output-price-per-mtok: must not be negative");
        check(model.contextWindow() > 0, path + ".context-window: must be positive");
        check(isRate(model.quality()), path + ".quality: must be between 0 and 1");
        checkQuota(path + ".quota", model.quota());
        for (String capability : model.capabilities()) {
            check(ModelConfig.KNOWN_CAPABILITIES.contains(capability), path + ".capabilities: unknown capability '"
                    + capability + "', use " + new TreeSet<>(ModelConfig.KNOWN_CAPABILITIES));
        }
    }

    private void checkQuota(String path, QuotaConfig quota) {
        checkPositive(path + ".tokens-per-minute", quota.tokensPerMinute());
        checkPositive(path + ".requests-per-minute", quota.requestsPerMinute());
        checkPositive(path + ".tokens-per-day", quota.tokensPerDay());
        checkPositive(path + ".tokens-per-month", quota.tokensPerMonth());
        checkPositive(path + ".usd-per-day", quota.usdPerDay());
        checkPositive(path + ".usd-per-month", quota.usdPerMonth());
    }

    private void checkPositive(String path, Number limit) {
        check(limit == null || limit.doubleValue() > 0, path + ": must be positive (leave it out for no limit)");
    }

    private void checkRoutes(Map<String, RouteConfig> routes) {
        Set<String> names = new TreeSet<>(Set.of(RouterConfig.DEFAULT_ROUTE));
        for (Priority priority : Priority.values()) {
            names.add(priority.wireName());
        }
        routes.forEach((name, route) -> {
            String path = "routes." + name;
            if (!names.contains(name)) {
                problems.add(path + ": unknown route, use one of " + names);
                return;
            }
            if (route == null || route.candidates().isEmpty()) {
                problems.add(path + ": needs at least one target");
                return;
            }
            checkTargets(path + ".targets", route.targets());
            checkTargets(path + ".fallbacks", route.fallbacks());
        });
        for (Priority priority : Priority.values()) {
            check(routes.containsKey(priority.wireName()) || routes.containsKey(RouterConfig.DEFAULT_ROUTE),
                    "routes: no route for priority '" + priority.wireName() + "' and no 'default' route");
        }
    }

    /** Checks targets named elsewhere (the routing section) and adds the problems to the given list. */
    void checkTargetsInto(String path, List<TargetRef> targets, List<String> into) {
        problems.clear();
        checkTargets(path, targets);
        into.addAll(problems);
    }

    private void checkTargets(String path, List<TargetRef> targets) {
        for (int i = 0; i < targets.size(); i++) {
            TargetRef target = targets.get(i);
            ProviderConfig provider = config.providers().get(target.provider());
            if (provider == null) {
                problems.add(path + "[" + i + "]: '" + target + "' names provider '" + target.provider()
                        + "', which is not configured");
            } else if (!provider.models().containsKey(target.model())) {
                problems.add(path + "[" + i + "]: '" + target + "' names model '" + target.model()
                        + "', which provider '" + target.provider() + "' does not list");
            }
        }
    }

    private void checkCache(CacheSettings cache) {
        check(cache.maxTemperature() >= 0 && cache.maxTemperature() <= 2, "cache.max-temperature: must be between 0 and 2");
        check(cache.absentTemperature() >= 0 && cache.absentTemperature() <= 2,
                "cache.absent-temperature: must be between 0 and 2");
        check(cache.ttlMs() > 0, "cache.ttl-ms: must be positive");
        check(cache.maxEntries() > 0, "cache.max-entries: must be positive");
        checkThreshold(cache.semantic().threshold(), "cache.semantic.threshold");
        cache.semantic().groupThresholds().forEach((group, threshold) ->
                checkThreshold(threshold, "cache.semantic.group-thresholds." + group));
    }

    private void checkThreshold(Double threshold, String path) {
        check(threshold != null && threshold > 0 && threshold <= 1, path + ": must be above 0 and at most 1");
    }

    private void checkBridge(BridgeSettings bridge) {
        check(bridge.port() >= 0 && bridge.port() <= 65_535, "bridge.port: must be between 0 and 65535");
        check(bridge.instanceId() != null && TOPIC.matcher(bridge.instanceId()).matches(),
                "bridge.instance-id: must be usable in a topic name (letters, digits, '.', '_', '-')");
        check(bridge.requestTimeoutMs() > 0, "bridge.request-timeout-ms: must be positive");
        check(bridge.maxPending() > 0, "bridge.max-pending: must be positive");
    }

    private void check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static boolean isRate(double value) {
        return value >= 0 && value <= 1;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
