package io.llmrouter.streams;

import java.util.List;
import java.util.Map;

/**
 * A custom routing rule, plugged in through {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.llmrouter.streams.RoutingPolicy} and name it under {@code routing.policies}.
 *
 * <p>The route step calls {@link #review} after it has dropped the candidates that cannot serve (provider
 * off, breaker open, queue full, context window or capability) and ranked the rest by the request's strategy.
 * One instance serves every stream thread, so implementations must be thread-safe.
 */
public interface RoutingPolicy {

    /** The name the configuration gives under {@code routing.policies[].name}. */
    String name();

    /** Receives the policy's {@code options} from the configuration once, before the first request. */
    default void configure(Map<String, String> options) {
    }

    /**
     * Returns the candidates in the order to try them; a candidate left out is vetoed for this request.
     *
     * @param request what is being routed, and the time
     * @param ranked  the candidates that can serve, best first; never empty
     */
    List<RouteCandidate> review(RoutingRequest request, List<RouteCandidate> ranked);
}
