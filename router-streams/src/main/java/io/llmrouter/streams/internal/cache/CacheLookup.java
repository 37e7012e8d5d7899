package io.llmrouter.streams.internal.cache;

import java.time.Clock;
import java.util.Optional;

import io.llmrouter.cache.CacheKey;
import io.llmrouter.cache.SemanticHit;
import io.llmrouter.cache.VectorCodec;
import io.llmrouter.schemas.CacheDirective;
import io.llmrouter.schemas.CacheEntry;
import io.llmrouter.schemas.CacheEvent;
import io.llmrouter.schemas.CacheInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.UsageEvent;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.streams.CacheStats;
import io.llmrouter.streams.internal.Outbound;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers repeated requests from the caches before they are routed: the exact tier first, then the semantic
 * tier. A hit goes straight to {@code reply_to}; a miss goes on to routing marked with what was looked up,
 * so the worker that answers it fills the caches.
 *
 * <p>Both tiers read the global store of cached answers, which every instance holds whole: a repeat is
 * found whichever request topic, partition or instance it arrives on.
 */
public final class CacheLookup implements Processor<String, LlmRequest, String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(CacheLookup.class);

    private final String routeChild;
    private final String dispatchChild;
    private final CacheRules rules;
    private final SemanticTier semantic;
    private final CacheStats stats;
    private final Clock clock;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> entries;

    public CacheLookup(String routeChild, String dispatchChild, CacheRules rules, SemanticTier semantic,
                       CacheStats stats, Clock clock) {
        this.routeChild = routeChild;
        this.dispatchChild = dispatchChild;
        this.rules = rules;
        this.semantic = semantic;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.entries = context.getStateStore(CacheStores.ENTRIES);
    }

    @Override
    public void process(Record<String, LlmRequest> record) {
        LlmRequest request = record.value();
        if (request.cache() != null || !request.attempts().isEmpty()) {
            // Handed back after a failed call: it was looked up on its first pass.
            context.forward(record, routeChild);
            return;
        }
        if (!rules.isCacheable(request)) {
            stats.countBypass();
            context.forward(record, routeChild);
            return;
        }
        String tenant = rules.tenant(request);
        CacheKey key = CacheKey.of(request.body(), tenant);
        long now = clock.millis();
        Optional<CacheEntry> exact = live(key.exact(), now);
        if (exact.isPresent()) {
            stats.countExactHit();
            answer(record, exact.get(), CacheInfo.EXACT_HIT, now);
            return;
        }
        SemanticTier.Lookup lookup = semanticLookup(key, tenant);
        Optional<SemanticHit> hit = lookup.hit();
        if (hit.isPresent()) {
            Optional<CacheEntry> similar = live(hit.get().key(), now);
            if (similar.isPresent()) {
                stats.countSemanticHit();
                answer(record, similar.get(), CacheInfo.semanticHit(hit.get().similarity()), now);
                return;
            }
        }
        stats.countMiss();
        CacheDirective directive = new CacheDirective(key.exact(), tenant, key.modelGroup(), key.contextHash(),
                lookup.vector() == null ? null : key.prompt(),
                lookup.vector() == null ? null : VectorCodec.encode(lookup.vector()));
        context.forward(record.withValue(request.withCache(directive)), routeChild);
    }

    private SemanticTier.Lookup semanticLookup(CacheKey key, String tenant) {
        if (!semantic.enabled() || key.prompt() == null || key.prompt().isEmpty()) {
            return new SemanticTier.Lookup(null, Optional.empty());
        }
        try {
            return semantic.lookup(key.scope(tenant), key.prompt());
        } catch (RuntimeException e) {
            // A broken embedding must never fail a request: it is served as a miss, uncached by meaning.
            LOG.warn("Semantic lookup failed; treating as a miss", e);
            return new SemanticTier.Lookup(null, Optional.empty());
        }
    }

    private Optional<CacheEntry> live(String key, long now) {
        byte[] value = entries.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            CacheEntry entry = WireFormat.fromBytes(value, CacheEntry.class);
            return entry.isExpired(now) ? Optional.empty() : Optional.of(entry);
        } catch (RuntimeException e) {
            LOG.warn("Unreadable cache entry {}; treating as a miss", key, e);
            return Optional.empty();
        }
    }

    private void answer(Record<String, LlmRequest> record, CacheEntry entry, CacheInfo info, long now) {
        LlmRequest request = record.value();
        RouteDecision route = new RouteDecision(entry.provider(), entry.model(), "cache " + info.status().wireName(),
                java.util.List.of());
        LlmReply reply = new LlmReply(request.requestId(), LlmReply.Status.OK, entry.provider(), entry.model(),
                entry.response(), null, route, new LlmReply.Timings(request.createdAt(), now, 0, now), info, 0.0);
        String requestId = request.requestId();
        context.forward(record.withKey(requestId).withValue(Outbound.of(request.replyTo(), reply)), dispatchChild);
        context.forward(record.withKey(entry.directive().key())
                .withValue(Outbound.of(Topics.CACHE_EVENTS, CacheEvent.use(entry.directive().key(), now))), dispatchChild);
        // Keyed by provider like every usage event, so each lands with that provider's quota ledger.
        context.forward(record.withKey(entry.provider()).withValue(Outbound.of(Topics.USAGE, UsageEvent.cacheHit(requestId, now,
                entry.provider(), entry.model(), request.priority(), request.hints().apiKeyId()))), dispatchChild);
    }
}
