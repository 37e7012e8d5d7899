package io.llmrouter.streams.internal.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.llmrouter.config.ModelGroup;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.RouteConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.RoutingSettings;
import io.llmrouter.config.RoutingStrategy;
import io.llmrouter.config.TargetRef;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmRequest;

/**
 * Turns the model a request names into tiers of candidates (targets, then fallbacks) and a strategy:
 * a virtual model ({@code fast}, {@code cheap}, {@code quality}, or {@code auto} through the classifier),
 * a model group, or a concrete model ({@code gpt-4o-mini} or {@code openai/gpt-4o-mini}).
 */
final class RouteResolver {

    private final RouterConfig config;
    private final RoutingSettings routing;
    private final ComplexityClassifier classifier;
    private final TokenCounter tokens;

    RouteResolver(RouterConfig config, TokenCounter tokens) {
        this.config = config;
        this.routing = config.routing();
        this.classifier = new ComplexityClassifier(routing.classifier());
        this.tokens = tokens;
    }

    /**
     * Where a request may go.
     *
     * @param label    how the model was understood, for the explanation
     * @param tiers    candidates in tiers: a later tier is tried only when no candidate of an earlier one can serve
     * @param strategy how each tier is ranked
     * @param group    the model group's name, when the model is one
     * @param verdict  the classifier's verdict, for {@code auto}
     * @param error    set when the request cannot be routed at all
     */
    record Resolution(String label, List<List<TargetRef>> tiers, RoutingStrategy strategy, String group,
                      ComplexityClassifier.Verdict verdict, ErrorInfo error) {
        static Resolution failed(ErrorInfo error) {
            return new Resolution(null, List.of(), null, null, null, error);
        }
    }

    Resolution resolve(LlmRequest request, PromptShape shape) {
        String model = request.requestedModel();
        String hint = request.hints().strategy();
        Optional<RoutingStrategy> asked = RoutingStrategy.find(hint);
        if (hint != null && asked.isEmpty()) {
            return Resolution.failed(ErrorInfo.invalidRequest("Unknown routing strategy '" + hint + "'; use one of "
                    + RoutingStrategy.names(), "strategy"));
        }
        RoutingStrategy chosen = asked.orElse(routing.defaultStrategy());
        String by = asked.isPresent() ? "strategy asked for" : "default strategy";
        if ("auto".equals(model)) {
            return auto(request, shape, asked);
        }
        if (RouterConfig.STRATEGY_MODELS.contains(model)) {
            RoutingSettings.VirtualModel virtual = routing.virtualModels().named(model);
            return viaRoute(request, virtual.route(), virtual.strategy(), "virtual model '" + model + "'", null);
        }
        ModelGroup group = routing.groups().get(model);
        if (group != null) {
            return new Resolution("model group '" + model + "' (" + group.balance().wireName() + "), " + by + " "
                    + chosen.wireName(), tiers(List.copyOf(group.members().keySet()), group.fallbacks()), chosen,
                    model, null, null);
        }
        List<TargetRef> concrete = concreteCandidates(model);
        if (concrete.isEmpty()) {
            return Resolution.failed(ErrorInfo.modelNotFound(model));
        }
        return new Resolution("model '" + model + "' requested by name, " + by + " " + chosen.wireName(),
                List.of(concrete), chosen, null, null, null);
    }

    private Resolution auto(LlmRequest request, PromptShape shape, Optional<RoutingStrategy> asked) {
        if (asked.isPresent()) {
            return viaRoute(request, null, asked.get(), "model 'auto' with strategy asked for", null);
        }
        if (!routing.classifier().enabled()) {
            return viaRoute(request, null, routing.defaultStrategy(), "model 'auto', default strategy", null);
        }
        ComplexityClassifier.Verdict verdict = classifier.classify(shape.lastUserText(), tokens.reference(shape));
        String servedAs = verdict.complex() ? routing.virtualModels().auto().complex()
                : routing.virtualModels().auto().simple();
        RoutingSettings.VirtualModel virtual = routing.virtualModels().named(servedAs);
        return viaRoute(request, virtual.route(), virtual.strategy(), "model 'auto' classified "
                + (verdict.complex() ? "complex" : "simple") + ", served as '" + servedAs + "'", verdict);
    }

    private Resolution viaRoute(LlmRequest request, RouteConfig own, RoutingStrategy strategy, String label,
                                ComplexityClassifier.Verdict verdict) {
        String routeName = own != null ? "its own route"
                : "route '" + (config.routes().containsKey(request.priority().wireName())
                        ? request.priority().wireName() : RouterConfig.DEFAULT_ROUTE) + "'";
        RouteConfig route = own != null ? own : config.routeFor(request.priority());
        return new Resolution(label + ": strategy " + strategy.wireName() + " over " + routeName,
                tiers(route.targets(), route.fallbacks()), strategy, null, verdict, null);
    }

    private static List<List<TargetRef>> tiers(List<TargetRef> first, List<TargetRef> then) {
        List<List<TargetRef>> tiers = new ArrayList<>();
        if (!first.isEmpty()) {
            tiers.add(first);
        }
        if (!then.isEmpty()) {
            tiers.add(then);
        }
        return tiers;
    }

    private List<TargetRef> concreteCandidates(String model) {
        int slash = model.indexOf('/');
        if (slash > 0) {
            TargetRef target = new TargetRef(model.substring(0, slash), model.substring(slash + 1));
            if (config.model(target).isPresent()) {
                return List.of(target);
            }
        }
        List<TargetRef> candidates = new ArrayList<>();
        for (Map.Entry<String, ProviderConfig> provider : config.providers().entrySet()) {
            if (provider.getValue().models().containsKey(model)) {
                candidates.add(new TargetRef(provider.getKey(), model));
            }
        }
        return candidates;
    }
}
