package io.llmrouter.streams.internal.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import io.llmrouter.config.PolicyRef;
import io.llmrouter.streams.RouteCandidate;
import io.llmrouter.streams.RoutingPolicy;
import io.llmrouter.streams.RoutingRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The configured {@link RoutingPolicy} plug-ins, found with {@link ServiceLoader} and applied in order. */
final class PolicyChain {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyChain.class);

    private final List<RoutingPolicy> policies;

    private PolicyChain(List<RoutingPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    /** Loads and configures the named policies; an unknown name stops the start with the names on offer. */
    static PolicyChain load(List<PolicyRef> refs, ClassLoader loader) {
        if (refs.isEmpty()) {
            return new PolicyChain(List.of());
        }
        Map<String, RoutingPolicy> found = new LinkedHashMap<>();
        ServiceLoader.load(RoutingPolicy.class, loader).forEach(policy -> found.put(policy.name(), policy));
        List<RoutingPolicy> chosen = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            RoutingPolicy policy = found.get(refs.get(i).name());
            if (policy == null) {
                throw new IllegalArgumentException("routing.policies[" + i + "].name: no routing policy named '"
                        + refs.get(i).name() + "' on the class path; found " + found.keySet());
            }
            policy.configure(refs.get(i).options());
            chosen.add(policy);
        }
        return new PolicyChain(chosen);
    }

    /** The candidates after every policy, and what the policies did. */
    record Outcome(List<Candidate> candidates, List<String> vetoed, List<String> notes) {
    }

    Outcome apply(RoutingRequest request, List<Candidate> ranked) {
        List<Candidate> current = ranked;
        List<String> vetoed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (RoutingPolicy policy : policies) {
            if (current.isEmpty()) {
                break;
            }
            List<RouteCandidate> reviewed;
            try {
                reviewed = policy.review(request, current.stream().map(Candidate::toApi).toList());
            } catch (RuntimeException e) {
                // A broken plug-in must not fail requests: its opinion is left out.
                LOG.warn("Routing policy {} failed; ignoring it for request {}", policy.name(), request.requestId(), e);
                continue;
            }
            Map<String, Candidate> byTarget = new HashMap<>();
            current.forEach(c -> byTarget.put(c.target().toString(), c));
            List<Candidate> next = new ArrayList<>();
            for (RouteCandidate c : reviewed == null ? List.<RouteCandidate>of() : reviewed) {
                Candidate known = byTarget.remove(c.target());
                if (known != null) {
                    next.add(known);
                }
            }
            byTarget.keySet().forEach(target -> vetoed.add(target + ": vetoed by policy '" + policy.name() + "'"));
            if (!next.isEmpty() && !next.equals(current.stream().filter(next::contains).toList())) {
                notes.add("re-ordered by policy '" + policy.name() + "'");
            }
            current = next;
        }
        return new Outcome(current, vetoed, notes);
    }
}
