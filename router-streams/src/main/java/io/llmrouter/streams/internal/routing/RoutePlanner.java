package io.llmrouter.streams.internal.routing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ModelConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.RoutingStrategy;
import io.llmrouter.config.TargetRef;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.streams.RoutingRequest;

/**
 * Chooses the deployment for a request: resolve the model into tiers of candidates, drop the ones the skip
 * rules rule out, rank the rest by the strategy, let the policies veto or re-order, and take the first (or,
 * for a model group, the member the balancer picks). A later tier is tried only when an earlier one is out.
 * When the prompt fits no window and trimming is on, the oldest turns are dropped and the choice is made again.
 */
public final class RoutePlanner {

    /** The code of an attempt the quota ledger refused, and of the error when every candidate was refused. */
    public static final String QUOTA_EXCEEDED = "quota_exceeded";

    private final RouterConfig config;
    private final HealthBoard health;
    private final Clock clock;
    private final TokenCounter tokens = new TokenCounter();
    private final RouteResolver resolver;
    private final CandidateCheck check;
    private final CandidateScorer scorer;
    private final GroupBalancer balancer;
    private final PolicyChain policies;

    public RoutePlanner(RouterConfig config, Set<String> availableProviders, HealthBoard health, Clock clock) {
        this.config = config;
        this.health = health;
        this.clock = clock;
        this.resolver = new RouteResolver(config, tokens);
        this.check = new CandidateCheck(config, availableProviders, health, tokens);
        this.scorer = new CandidateScorer(config.routing());
        this.balancer = new GroupBalancer(config.routing().groups(), health);
        this.policies = PolicyChain.load(config.routing().policies(), RoutePlanner.class.getClassLoader());
    }

    /** A decision (with the trimmed body when the prompt was trimmed), or the error to answer with. */
    public record Plan(RouteDecision decision, ErrorInfo error, ObjectNode trimmedBody) {
    }

    /** What one pass over the tiers found when nothing could serve. */
    private record Miss(List<String> skipped, List<TargetRef> tooSmall, boolean shapeOnly, boolean contextOnly) {
    }

    /** The outcome of one pass over the tiers: a decision, or the miss. */
    private record Pass(RouteDecision decision, Miss miss) {
    }

    /** Plans one request. */
    public Plan plan(LlmRequest request) {
        PromptShape shape = PromptShape.of(request.body());
        RouteResolver.Resolution resolution = resolver.resolve(request, shape);
        if (resolution.error() != null) {
            return new Plan(null, resolution.error(), null);
        }
        Pass first = choose(request, shape, resolution, 0);
        if (first.decision() == null && overQuotaOnly(request)) {
            first = choose(request, shape, withLocalTier(resolution), 0);
        }
        if (first.decision() != null) {
            return new Plan(first.decision(), null, null);
        }
        Miss miss = first.miss();
        if (config.routing().trimming().enabled() && !miss.tooSmall().isEmpty()) {
            Optional<Plan> trimmed = planTrimmed(request, shape, resolution, miss.tooSmall());
            if (trimmed.isPresent()) {
                return trimmed.get();
            }
        }
        return new Plan(null, failure(request, miss), null);
    }

    private static boolean overQuotaOnly(LlmRequest request) {
        return !request.attempts().isEmpty()
                && request.attempts().stream().allMatch(a -> QUOTA_EXCEEDED.equals(a.code()));
    }

    /** The resolution with every local model not in it yet as a last tier: they serve when the cloud quotas are gone. */
    private RouteResolver.Resolution withLocalTier(RouteResolver.Resolution resolution) {
        Set<TargetRef> listed = resolution.tiers().stream().flatMap(List::stream).collect(Collectors.toSet());
        List<TargetRef> local = new ArrayList<>();
        config.providers().forEach((id, provider) -> {
            if (provider.isLocal()) {
                provider.models().keySet().stream().map(model -> new TargetRef(id, model))
                        .filter(target -> !listed.contains(target)).forEach(local::add);
            }
        });
        if (local.isEmpty()) {
            return resolution;
        }
        List<List<TargetRef>> tiers = new ArrayList<>(resolution.tiers());
        tiers.add(local);
        return new RouteResolver.Resolution(resolution.label(), tiers, resolution.strategy(), resolution.group(),
                resolution.verdict(), resolution.error());
    }

    private Optional<Plan> planTrimmed(LlmRequest request, PromptShape shape, RouteResolver.Resolution resolution,
                                       List<TargetRef> tooSmall) {
        TargetRef widest = tooSmall.stream()
                .max(Comparator.comparingInt(t -> config.model(t).map(ModelConfig::contextWindow).orElse(0)))
                .orElseThrow();
        ModelConfig model = config.model(widest).orElseThrow();
        int[] counts = tokens.perMessage(shape, config.providers().get(widest.provider()).kind(), widest.model());
        int budget = model.contextWindow() - (shape.maxTokens() == null ? 0 : shape.maxTokens());
        return PromptTrimmer.trim(request.body(), shape, counts, budget).flatMap(trimmed -> {
            LlmRequest shorter = new LlmRequest(request.requestId(), request.priority(), request.replyTo(),
                    request.createdAt(), trimmed.body(), request.hints(), null, request.attempts(), request.cache());
            Pass again = choose(shorter, PromptShape.of(trimmed.body()), resolution, trimmed.dropped());
            return Optional.ofNullable(again.decision()).map(decision -> new Plan(decision, null, trimmed.body()));
        });
    }

    private Pass choose(LlmRequest request, PromptShape shape, RouteResolver.Resolution resolution, int trimmed) {
        long now = clock.millis();
        List<String> skipped = new ArrayList<>();
        List<TargetRef> tooSmall = new ArrayList<>();
        boolean shapeOnly = true;
        boolean contextOnly = true;
        List<List<TargetRef>> tiers = resolution.tiers();
        for (int tier = 0; tier < tiers.size(); tier++) {
            List<Candidate> able = new ArrayList<>();
            for (TargetRef target : tiers.get(tier)) {
                CandidateCheck.Verdict verdict = check.check(target, request, shape, now);
                if (verdict.candidate() != null) {
                    able.add(verdict.candidate());
                    continue;
                }
                skipped.add(verdict.reason());
                shapeOnly &= verdict.fault() != CandidateCheck.Fault.OTHER;
                contextOnly &= verdict.fault() == CandidateCheck.Fault.CONTEXT;
                if (verdict.fault() == CandidateCheck.Fault.CONTEXT) {
                    tooSmall.add(target);
                }
            }
            if (able.isEmpty()) {
                continue;
            }
            RoutingStrategy strategy = resolution.strategy();
            CandidateScorer.Ranking ranking = scorer.rank(able, strategy);
            RoutingRequest asked = new RoutingRequest(request.requestId(), request.priority(), request.requestedModel(),
                    strategy.wireName(), resolution.verdict() != null && resolution.verdict().complex(), clock.instant());
            PolicyChain.Outcome reviewed = policies.apply(asked, ranking.ranked());
            skipped.addAll(reviewed.vetoed());
            if (reviewed.candidates().isEmpty()) {
                shapeOnly = false;
                contextOnly = false;
                continue;
            }
            List<String> notes = new ArrayList<>(reviewed.notes());
            if (ranking.note() != null) {
                notes.add(0, ranking.note());
            }
            Candidate chosen;
            String how;
            if (resolution.group() != null && tier == 0) {
                GroupBalancer.Pick pick = balancer.pick(resolution.group(), reviewed.candidates(), now);
                chosen = pick.chosen();
                how = "member chosen " + pick.how();
            } else {
                chosen = reviewed.candidates().get(0);
                how = strategy == RoutingStrategy.ORDERED ? "first in order that can serve"
                        : "best score of " + reviewed.candidates().size();
            }
            health.noteRouted(chosen.target().provider(), chosen.target().model(), now);
            return new Pass(decision(request, shape, resolution, tier, chosen, how, notes, reviewed.candidates(), skipped,
                    trimmed), null);
        }
        return new Pass(null, new Miss(skipped, tooSmall, shapeOnly, contextOnly));
    }

    private RouteDecision decision(LlmRequest request, PromptShape shape, RouteResolver.Resolution resolution, int tier,
                                   Candidate chosen, String how, List<String> notes, List<Candidate> ranked,
                                   List<String> skipped, int trimmed) {
        StringBuilder reason = new StringBuilder(resolution.label()).append("; ");
        if (tier > 0) {
            reason.append("no target could serve, fallback ");
        }
        reason.append(how);
        notes.forEach(note -> reason.append("; ").append(note));
        if (trimmed > 0) {
            reason.append("; prompt trimmed by ").append(trimmed).append(" message(s) to fit");
        }
        if (!request.attempts().isEmpty()) {
            reason.append(", after ").append(request.attempts().size()).append(" failed attempt(s)");
        }
        int completion = shape.maxTokens() == null ? config.routing().expectedCompletionTokens() : shape.maxTokens();
        return new RouteDecision(chosen.target().provider(), chosen.target().model(), reason.toString(), skipped,
                resolution.strategy().wireName(), round(chosen.score(), 1e3),
                ranked.stream().map(Candidate::describe).toList(),
                resolution.verdict() == null ? null : resolution.verdict().describe(), chosen.promptTokens(),
                completion, round(chosen.costUsd(), 1e9), trimmed > 0 ? trimmed : null);
    }

    /**
     * Milliseconds until the first refused deployment has capacity again, or null when no refusal said. Each refusal
     * counts from its own moment; they are milliseconds apart on the failover path, so the earliest is a fair hint.
     */
    private static Long earliestCapacity(List<LlmRequest.Attempt> attempts) {
        return attempts.stream().map(LlmRequest.Attempt::retryAfterMs).filter(Objects::nonNull)
                .min(Long::compare).orElse(null);
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }

    private static ErrorInfo failure(LlmRequest request, Miss miss) {
        String skipped = String.join("; ", miss.skipped());
        if (!request.attempts().isEmpty()) {
            return everyCandidateFailed(request.attempts(), skipped);
        }
        if (!miss.skipped().isEmpty() && miss.contextOnly()) {
            return new ErrorInfo(400, "invalid_request_error", "context_length_exceeded",
                    "The prompt fits no candidate's context window. Skipped: " + skipped, "messages");
        }
        if (!miss.skipped().isEmpty() && miss.shapeOnly()) {
            return new ErrorInfo(400, "invalid_request_error", "no_capable_model",
                    "No candidate supports what the request needs. Skipped: " + skipped, null);
        }
        return ErrorInfo.noProvider("No available provider for model '" + request.requestedModel() + "'. Skipped: "
                + skipped);
    }

    /** The caller's error once failover ran out: the shared status of every attempt, or 502, and what was tried. */
    private static ErrorInfo everyCandidateFailed(List<LlmRequest.Attempt> attempts, String skipped) {
        Set<Integer> statuses = attempts.stream().map(LlmRequest.Attempt::status).collect(Collectors.toSet());
        int status = statuses.size() == 1 ? statuses.iterator().next() : 502;
        String tried = attempts.stream().map(LlmRequest.Attempt::toString).collect(Collectors.joining("; "));
        if (attempts.stream().allMatch(a -> QUOTA_EXCEEDED.equals(a.code()))) {
            return ErrorInfo.overQuota(QUOTA_EXCEEDED,
                    "Every candidate is over its quota. Tried: " + tried + ". Skipped: " + skipped,
                    earliestCapacity(attempts));
        }
        return new ErrorInfo(status, status == 429 ? "rate_limit_error" : "upstream_error", "all_candidates_failed",
                "Every candidate failed. Tried: " + tried + ". Skipped: " + skipped, null);
    }
}
