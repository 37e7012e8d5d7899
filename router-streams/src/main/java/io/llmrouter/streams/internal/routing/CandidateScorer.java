package io.llmrouter.streams.internal.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.llmrouter.config.RoutingSettings;
import io.llmrouter.config.RoutingStrategy;

/**
 * Scores and ranks the candidates of one tier under a strategy.
 *
 * <p>Each part is scaled to 0..1 within the tier: price as {@code 1 - cost / highest cost} (free is 1), quality
 * as configured, latency as {@code lowest latency / latency}. The composite is the weighted mean of the three,
 * times the health factor. {@code ordered} keeps the configured order; {@code local-first} scores with its
 * base strategy and moves the best local model to the front when it reaches the configured share of the best.
 */
final class CandidateScorer {

    private final RoutingSettings settings;

    CandidateScorer(RoutingSettings settings) {
        this.settings = settings;
    }

    /** The candidates ranked, and a note when the ranking needs one (local-first). */
    record Ranking(List<Candidate> ranked, String note) {
    }

    Ranking rank(List<Candidate> tier, RoutingStrategy strategy) {
        RoutingStrategy weighting = strategy == RoutingStrategy.LOCAL_FIRST ? settings.localFirst().base() : strategy;
        List<Candidate> scored = score(tier, settings.weightsOf(weighting));
        if (strategy == RoutingStrategy.ORDERED) {
            return new Ranking(scored, null);
        }
        List<Candidate> ranked = new ArrayList<>(scored);
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        if (strategy != RoutingStrategy.LOCAL_FIRST || ranked.isEmpty()) {
            return new Ranking(ranked, null);
        }
        return preferLocal(ranked);
    }

    private Ranking preferLocal(List<Candidate> ranked) {
        Candidate best = ranked.get(0);
        Candidate local = ranked.stream().filter(Candidate::local).findFirst().orElse(null);
        if (local == null) {
            return new Ranking(ranked, "local-first: no local model can serve");
        }
        double share = best.score() == 0 ? 1 : local.score() / best.score();
        String figures = String.format(Locale.ROOT, "%s scores %.3f, %.0f%% of the best (%s), needs %.0f%%",
                local.target(), local.score(), share * 100, best.target(), settings.localFirst().share() * 100);
        if (local == best || share < settings.localFirst().share()) {
            return new Ranking(ranked, "local-first: " + figures + (local == best ? "" : "; not preferred"));
        }
        List<Candidate> reordered = new ArrayList<>(ranked);
        reordered.remove(local);
        reordered.add(0, local);
        return new Ranking(reordered, "local-first: " + figures + "; preferred");
    }

    private static List<Candidate> score(List<Candidate> tier, RoutingSettings.Weights weights) {
        double maxCost = tier.stream().mapToDouble(Candidate::costUsd).max().orElse(0);
        double minLatency = tier.stream().mapToDouble(Candidate::latencyMs).min().orElse(1);
        List<Candidate> scored = new ArrayList<>(tier.size());
        for (Candidate c : tier) {
            double price = maxCost > 0 ? 1 - c.costUsd() / maxCost : 1;
            double latency = c.latencyMs() > 0 ? minLatency / c.latencyMs() : 1;
            double composite = (weights.price() * price + weights.quality() * c.model().quality()
                    + weights.latency() * latency) / weights.total();
            scored.add(c.withScore(composite * c.healthFactor()));
        }
        return scored;
    }
}
