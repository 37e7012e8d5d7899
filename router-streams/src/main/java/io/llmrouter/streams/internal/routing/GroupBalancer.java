package io.llmrouter.streams.internal.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.llmrouter.config.ModelGroup;
import io.llmrouter.config.TargetRef;

/**
 * Spreads a model group's requests over its members: weighted (a smooth weighted round robin, so members with
 * weights 3 and 1 serve 3 of every 4 requests, interleaved) or least-busy (fewest calls in flight as last
 * reported, plus the requests routed there since).
 */
final class GroupBalancer {

    private final Map<String, ModelGroup> groups;
    private final HealthBoard health;
    private final Map<String, List<TargetRef>> schedules = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();

    GroupBalancer(Map<String, ModelGroup> groups, HealthBoard health) {
        this.groups = groups;
        this.health = health;
    }

    /** The member to serve from the ones that can, and how it was chosen. */
    record Pick(Candidate chosen, String how) {
    }

    Pick pick(String groupName, List<Candidate> able, long now) {
        ModelGroup group = groups.get(groupName);
        if (group.balance() == ModelGroup.Balance.LEAST_BUSY) {
            Candidate least = able.stream().min(Comparator.comparingInt((Candidate c) -> busy(c, now))
                    .thenComparing(c -> -group.members().getOrDefault(c.target(), 1))).orElseThrow();
            return new Pick(least, "least busy of " + able.size() + " (" + busy(least, now) + " in flight)");
        }
        List<TargetRef> schedule = schedules.computeIfAbsent(groupName, name -> schedule(group.members()));
        long turn = turns.computeIfAbsent(groupName, name -> new AtomicLong()).getAndIncrement();
        for (int step = 0; step < schedule.size(); step++) {
            TargetRef next = schedule.get((int) ((turn + step) % schedule.size()));
            for (Candidate c : able) {
                if (c.target().equals(next)) {
                    return new Pick(c, "weighted turn " + (turn % schedule.size() + 1) + " of " + schedule.size());
                }
            }
        }
        return new Pick(able.get(0), "weighted: no member in turn could serve");
    }

    private int busy(Candidate c, long now) {
        return health.statusOf(c.target().provider(), c.target().model(), now)
                .map(s -> s.inFlight() + s.routedSince().get()).orElse(0);
    }

    /** One round of the smooth weighted round robin: each member appears as often as its weight, spread out. */
    static List<TargetRef> schedule(Map<TargetRef, Integer> weights) {
        List<TargetRef> members = new ArrayList<>(weights.keySet());
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int[] current = new int[members.size()];
        List<TargetRef> order = new ArrayList<>(total);
        for (int round = 0; round < total; round++) {
            int best = 0;
            for (int i = 0; i < members.size(); i++) {
                current[i] += weights.get(members.get(i));
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            order.add(members.get(best));
        }
        return List.copyOf(order);
    }
}
