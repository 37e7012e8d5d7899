package io.llmrouter.streams.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TargetRef;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.RouteDecision;

/**
 * Chooses the deployment for a request: the first available candidate of its route.
 *
 * <p>A virtual model such as {@code auto} follows the route of the request's priority; a concrete
 * model ({@code gpt-4o-mini} or {@code openai/gpt-4o-mini}) is served by the providers that list it.
 */
public final class RoutePlanner {

    private final RouterConfig config;
    private final Set<String> availableProviders;

    public RoutePlanner(RouterConfig config, Set<String> availableProviders) {
        this.config = config;
        this.availableProviders = Set.copyOf(availableProviders);
    }

    /** A decision, or the error to answer with when nothing can serve. */
    public record Plan(RouteDecision decision, ErrorInfo error) {
    }

    /** Plans one request. */
    public Plan plan(LlmRequest request) {
        String model = request.requestedModel();
        List<TargetRef> candidates;
        String reason;
        if (RouterConfig.VIRTUAL_MODELS.contains(model)) {
            String routeName = config.routes().containsKey(request.priority().wireName())
                    ? request.priority().wireName() : RouterConfig.DEFAULT_ROUTE;
            candidates = config.routeFor(request.priority()).candidates();
            reason = "route '" + routeName + "' for model '" + model + "': first available target";
        } else {
            candidates = concreteCandidates(model);
            reason = "model '" + model + "' requested by name";
        }
        if (candidates.isEmpty()) {
            return new Plan(null, ErrorInfo.modelNotFound(model));
        }
        List<String> skipped = new ArrayList<>();
        for (TargetRef candidate : candidates) {
            Optional<LlmRequest.Attempt> failed = request.attempts().stream()
                    .filter(a -> a.provider().equals(candidate.provider()) && a.model().equals(candidate.model()))
                    .findFirst();
            if (failed.isPresent()) {
                skipped.add(candidate + ": failed already (" + failed.get().status() + ")");
            } else if (availableProviders.contains(candidate.provider())) {
                String why = request.attempts().isEmpty() ? reason : reason + ", after " + request.attempts().size()
                        + " failed attempt(s)";
                return new Plan(new RouteDecision(candidate.provider(), candidate.model(), why, skipped), null);
            } else {
                skipped.add(candidate + ": provider off (no API key, or not reachable at start-up)");
            }
        }
        if (!request.attempts().isEmpty()) {
            return new Plan(null, everyCandidateFailed(request.attempts(), skipped));
        }
        return new Plan(null, ErrorInfo.noProvider("No available provider for model '" + model + "'. Skipped: "
                + String.join("; ", skipped)));
    }

    /** The caller's error once failover ran out: the shared status of every attempt, or 502, and what was tried. */
    private static ErrorInfo everyCandidateFailed(List<LlmRequest.Attempt> attempts, List<String> skipped) {
        Set<Integer> statuses = attempts.stream().map(LlmRequest.Attempt::status).collect(Collectors.toSet());
        int status = statuses.size() == 1 ? statuses.iterator().next() : 502;
        String tried = attempts.stream().map(LlmRequest.Attempt::toString).collect(Collectors.joining("; "));
        return new ErrorInfo(status, status == 429 ? "rate_limit_error" : "upstream_error", "all_candidates_failed",
                "Every candidate failed. Tried: " + tried + ". Skipped: " + String.join("; ", skipped), null);
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
