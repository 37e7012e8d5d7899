package io.llmrouter.config.internal;

import java.util.List;
import java.util.Map;

import io.llmrouter.config.ModelGroup;
import io.llmrouter.config.PolicyRef;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.RouteConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.RoutingSettings;
import io.llmrouter.config.RoutingStrategy;

/** Checks the {@code routing} section and adds each problem as {@code routing.path: what is wrong}. */
final class RoutingChecks {

    private final RouterConfig config;
    private final List<String> problems;
    private final ConfigValidator targets;

    RoutingChecks(RouterConfig config, List<String> problems) {
        this.config = config;
        this.problems = problems;
        this.targets = new ConfigValidator(config);
    }

    void check(RoutingSettings routing) {
        routing.weights().forEach((strategy, w) -> {
            String path = "routing.weights." + strategy.wireName();
            if (w == null) {
                problems.add(path + ": empty, give price, quality and latency");
                return;
            }
            check(w.price() >= 0 && w.quality() >= 0 && w.latency() >= 0, path + ": weights must not be negative");
            check(w.total() > 0, path + ": at least one weight must be above 0");
        });
        RoutingSettings.LocalFirst localFirst = routing.localFirst();
        check(localFirst.share() > 0 && localFirst.share() <= 1,
                "routing.local-first.share: must be above 0 and at most 1");
        check(localFirst.base() != RoutingStrategy.LOCAL_FIRST && localFirst.base() != RoutingStrategy.ORDERED,
                "routing.local-first.base: must be cost, quality, latency or balanced");
        check(routing.expectedCompletionTokens() >= 0, "routing.expected-completion-tokens: must not be negative");
        checkVirtualModels(routing.virtualModels());
        routing.groups().forEach(this::checkGroup);
        check(routing.classifier().threshold() >= 1, "routing.classifier.threshold: must be at least 1");
        check(routing.classifier().longPromptTokens() >= 1,
                "routing.classifier.long-prompt-tokens: must be at least 1");
        checkHealth(routing);
        for (int i = 0; i < routing.policies().size(); i++) {
            PolicyRef policy = routing.policies().get(i);
            check(policy != null && policy.name() != null && !policy.name().isBlank(),
                    "routing.policies[" + i + "].name: missing; name a routing policy on the class path");
        }
    }

    private void checkVirtualModels(RoutingSettings.VirtualModels virtual) {
        for (String name : List.of("fast", "cheap", "quality")) {
            RoutingSettings.VirtualModel model = virtual.named(name);
            String path = "routing.virtual-models." + name;
            check(model.strategy() != null, path + ".strategy: missing; use one of " + RoutingStrategy.names());
            if (model.route() != null) {
                checkRoute(path + ".route", model.route());
            }
        }
        List<String> servable = List.of("fast", "cheap", "quality");
        check(servable.contains(virtual.auto().simple()),
                "routing.virtual-models.auto.simple: must be one of " + servable);
        check(servable.contains(virtual.auto().complex()),
                "routing.virtual-models.auto.complex: must be one of " + servable);
    }

    private void checkRoute(String path, RouteConfig route) {
        if (route.candidates().isEmpty()) {
            problems.add(path + ": needs at least one target");
        }
        targets.checkTargetsInto(path + ".targets", route.targets(), problems);
        targets.checkTargetsInto(path + ".fallbacks", route.fallbacks(), problems);
    }

    private void checkGroup(String name, ModelGroup group) {
        String path = "routing.groups." + name;
        boolean taken = RouterConfig.VIRTUAL_MODELS.contains(name) || RouterConfig.STRATEGY_MODELS.contains(name);
        if (taken || servedByName(name)) {
            problems.add(path + ": the name is taken by a virtual or configured model");
        }
        if (group == null || group.members().isEmpty()) {
            problems.add(path + ".members: at least one member is needed");
            return;
        }
        group.members().forEach((target, weight) -> check(weight != null && weight >= 1,
                path + ".members." + target + ": the weight must be a whole number of at least 1"));
        targets.checkTargetsInto(path + ".members", List.copyOf(group.members().keySet()), problems);
        targets.checkTargetsInto(path + ".fallbacks", group.fallbacks(), problems);
    }

    private boolean servedByName(String model) {
        for (Map.Entry<String, ProviderConfig> provider : config.providers().entrySet()) {
            if (provider.getValue() != null && provider.getValue().models().containsKey(model)) {
                return true;
            }
        }
        return false;
    }

    private void checkHealth(RoutingSettings routing) {
        var health = routing.health();
        check(health.maxAgeMs() > 0, "routing.health.max-age-ms: must be positive");
        check(health.assumedLatencyMs() > 0, "routing.health.assumed-latency-ms: must be positive");
        check(health.latencySmoothing() > 0 && health.latencySmoothing() <= 1,
                "routing.health.latency-smoothing: must be above 0 and at most 1");
        check(health.skipRateLimitedRate() > 0 && health.skipRateLimitedRate() <= 1,
                "routing.health.skip-rate-limited-rate: must be above 0 and at most 1");
        check(health.halfOpenFactor() >= 0 && health.halfOpenFactor() <= 1,
                "routing.health.half-open-factor: must be between 0 and 1");
    }

    private void check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
