package io.llmrouter.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the route step chooses a deployment: strategies and their weights, virtual models, model groups,
 * the complexity classifier, health, context-window trimming and routing policies.
 *
 * @param defaultStrategy          the strategy of a request that names none and whose model implies none
 * @param weights                  price, quality and latency weights per strategy; missing ones take the defaults
 * @param localFirst               the {@code local-first} strategy
 * @param expectedCompletionTokens completion tokens assumed for the cost estimate when a request sets no {@code max_tokens}
 * @param virtualModels            {@code fast}, {@code cheap}, {@code quality} and {@code auto}
 * @param groups                   named model groups: callers ask for the group, the router spreads load over its members
 * @param classifier               the prompt complexity classifier behind {@code auto}
 * @param health                   how worker health events steer routing
 * @param trimming                 trimming of prompts that fit no candidate's context window
 * @param policies                 routing policies (plug-ins) applied in order after scoring
 */
public record RoutingSettings(
        @JsonProperty("default-strategy") RoutingStrategy defaultStrategy,
        @JsonProperty("weights") Map<RoutingStrategy, Weights> weights,
        @JsonProperty("local-first") LocalFirst localFirst,
        @JsonProperty("expected-completion-tokens") Integer expectedCompletionTokens,
        @JsonProperty("virtual-models") VirtualModels virtualModels,
        @JsonProperty("groups") Map<String, ModelGroup> groups,
        @JsonProperty("classifier") ClassifierSettings classifier,
        @JsonProperty("health") HealthSettings health,
        @JsonProperty("trimming") Trimming trimming,
        @JsonProperty("policies") List<PolicyRef> policies) {

    /** Weights used for strategies the configuration leaves out. */
    public static final Map<RoutingStrategy, Weights> DEFAULT_WEIGHTS = Map.of(
            RoutingStrategy.COST, new Weights(0.8, 0.1, 0.1),
            RoutingStrategy.QUALITY, new Weights(0.1, 0.8, 0.1),
            RoutingStrategy.LATENCY, new Weights(0.1, 0.1, 0.8),
            RoutingStrategy.BALANCED, new Weights(0.34, 0.33, 0.33),
            RoutingStrategy.LOCAL_FIRST, new Weights(0.34, 0.33, 0.33),
            RoutingStrategy.ORDERED, new Weights(0.34, 0.33, 0.33));

    /** Every default: balanced, classifier on, health on, no trimming, no policies. */
    public static final RoutingSettings DEFAULTS = new RoutingSettings(null, null, null, null, null, null, null, null,
            null, null);

    public RoutingSettings {
        defaultStrategy = defaultStrategy == null ? RoutingStrategy.BALANCED : defaultStrategy;
        Map<RoutingStrategy, Weights> merged = new EnumMap<>(DEFAULT_WEIGHTS);
        if (weights != null) {
            merged.putAll(weights);
        }
        weights = Collections.unmodifiableMap(merged);
        localFirst = localFirst == null ? LocalFirst.DEFAULTS : localFirst;
        expectedCompletionTokens = expectedCompletionTokens == null ? 256 : expectedCompletionTokens;
        virtualModels = virtualModels == null ? VirtualModels.DEFAULTS : virtualModels;
        groups = groups == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        classifier = classifier == null ? ClassifierSettings.DEFAULTS : classifier;
        health = health == null ? HealthSettings.DEFAULTS : health;
        trimming = trimming == null ? Trimming.DEFAULTS : trimming;
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /** The weights of a strategy. */
    public Weights weightsOf(RoutingStrategy strategy) {
        return weights.get(strategy);
    }

    /**
     * How much price, quality and latency count in a strategy's composite score; they need not add up to 1.
     *
     * @param price   weight of the estimated price of the request (input and output tokens)
     * @param quality weight of the model's configured quality
     * @param latency weight of the live latency from health events
     */
    public record Weights(@JsonProperty("price") double price, @JsonProperty("quality") double quality,
                          @JsonProperty("latency") double latency) {

        /** The sum of the three weights. */
        public double total() {
            return price + quality + latency;
        }
    }

    /**
     * The {@code local-first} strategy: score as {@code base} does, then take the best local model whose score
     * is at least {@code share} of the best score.
     *
     * @param share      the share of the best score a local model needs, 0 to 1
     * @param base       the strategy whose weights score the candidates
     * @param localKinds provider kinds that run on the router's own machines
     */
    public record LocalFirst(@JsonProperty("share") Double share, @JsonProperty("base") RoutingStrategy base,
                             @JsonProperty("local-kinds") Set<String> localKinds) {

        /** 70 % of the best balanced score; Ollama, vLLM and LM Studio are local. */
        public static final LocalFirst DEFAULTS = new LocalFirst(null, null, null);

        public LocalFirst {
            share = share == null ? 0.7 : share;
            base = base == null ? RoutingStrategy.BALANCED : base;
            localKinds = localKinds == null ? Set.of("ollama", "vllm", "lmstudio") : Set.copyOf(localKinds);
        }
    }

    /**
     * The virtual models besides concrete ones.
     *
     * @param fast    latency first
     * @param cheap   cost first
     * @param quality quality first
     * @param auto    the classifier picks {@code simple} or {@code complex}
     */
    public record VirtualModels(@JsonProperty("fast") VirtualModel fast, @JsonProperty("cheap") VirtualModel cheap,
                                @JsonProperty("quality") VirtualModel quality, @JsonProperty("auto") Auto auto) {

        /** fast = latency, cheap = cost, quality = quality, each over the priority's route. */
        public static final VirtualModels DEFAULTS = new VirtualModels(null, null, null, null);

        public VirtualModels {
            fast = fast == null ? new VirtualModel(RoutingStrategy.LATENCY, null) : fast;
            cheap = cheap == null ? new VirtualModel(RoutingStrategy.COST, null) : cheap;
            quality = quality == null ? new VirtualModel(RoutingStrategy.QUALITY, null) : quality;
            auto = auto == null ? Auto.DEFAULTS : auto;
        }

        /** The settings of {@code fast}, {@code cheap} or {@code quality}; null for any other name. */
        public VirtualModel named(String name) {
            return switch (name) {
                case "fast" -> fast;
                case "cheap" -> cheap;
                case "quality" -> quality;
                default -> null;
            };
        }
    }

    /**
     * A virtual model: a strategy over a route.
     *
     * @param strategy how its candidates are ranked
     * @param route    its own targets and fallbacks; absent means the route of the request's priority
     */
    public record VirtualModel(@JsonProperty("strategy") RoutingStrategy strategy,
                               @JsonProperty("route") RouteConfig route) {
    }

    /**
     * The virtual model {@code auto}.
     *
     * @param simple  the virtual model a simple prompt is served as
     * @param complex the virtual model a hard prompt (code, multi-step reasoning, long context) is served as
     */
    public record Auto(@JsonProperty("simple") String simple, @JsonProperty("complex") String complex) {

        /** Simple prompts go cheap, hard ones go to quality. */
        public static final Auto DEFAULTS = new Auto(null, null);

        public Auto {
            simple = simple == null ? "cheap" : simple;
            complex = complex == null ? "quality" : complex;
        }
    }
}
