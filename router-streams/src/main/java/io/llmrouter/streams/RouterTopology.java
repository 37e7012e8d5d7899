package io.llmrouter.streams;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.Topics;
import io.llmrouter.streams.internal.Outbound;
import io.llmrouter.streams.internal.RequestIntake;
import io.llmrouter.streams.internal.RequestValidator;
import io.llmrouter.streams.internal.RouteSelector;
import io.llmrouter.streams.internal.cache.CacheEntryLoader;
import io.llmrouter.streams.internal.cache.CacheKeeper;
import io.llmrouter.streams.internal.cache.CacheLookup;
import io.llmrouter.streams.internal.cache.CacheRules;
import io.llmrouter.streams.internal.cache.CacheStores;
import io.llmrouter.streams.internal.cache.SemanticTier;
import io.llmrouter.streams.internal.cost.CostAggregator;
import io.llmrouter.streams.internal.cost.CostStores;
import io.llmrouter.streams.internal.cost.CostWindow;
import io.llmrouter.streams.internal.keys.KeyDirectoryLoader;
import io.llmrouter.streams.internal.keys.KeyLedger;
import io.llmrouter.streams.internal.keys.KeyUsageForwarder;
import io.llmrouter.streams.internal.keys.VirtualKeys;
import io.llmrouter.streams.internal.quota.QuotaLedger;
import io.llmrouter.streams.internal.quota.Quotas;
import io.llmrouter.streams.internal.routing.HealthBoard;
import io.llmrouter.streams.internal.routing.HealthLoader;
import io.llmrouter.streams.internal.routing.RoutePlanner;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The router's Kafka Streams topology, wired in one place.
 *
 * <pre>
 * llm.requests.{critical,high,normal,low}, llm.failover (requests handed back after a failed call)
 *   -> validate      (poison records: llm.dlq plus an error reply)
 *   -> cache-lookup  (exact, then semantic hit: reply_to, a use on llm.cache.events, usage on llm.usage)
 *   -> route         (resolve the model: virtual (auto through the complexity classifier), group or concrete;
 *                     skip what failed already, is off, has an open breaker or a full queue, is rate-limited,
 *                     lacks a capability or a big enough window; rank by strategy; policies; targets before fallbacks)
 *   -> dispatch      (llm.work.&lt;provider&gt;.&lt;priority&gt;, or reply_to for routing errors; a deployment with a quota
 *                     goes to llm.quota.requests keyed by provider instead)
 *
 * llm.usage (keyed by provider)
 *   -> cost-aggregates (requests, tokens, cost and cache hits per provider, model, priority and virtual key, over
 *                     the minute, day and month: window stores cost-minute, cost-day, cost-month)
 *
 * llm.quota.requests + llm.usage (both keyed by provider; only when a quota is configured)
 *   -> quota-ledger  (token buckets and day/month budgets per provider and model, in a logged store: reserve the
 *                     estimate and send to llm.work.&lt;provider&gt;.&lt;priority&gt;, or hand back on llm.failover with a
 *                     429 quota_exceeded attempt; usage events replace the estimate by the actual spend)
 *
 * llm.keys.requests + llm.keys.usage (keyed by key id, or all by one scope under a global budget; only with keys)
 *   -> key-ledger    (per-minute buckets and monthly budgets per key and of all keys, in a logged store: reserve the
 *                     estimate and send on to llm.quota.requests or the work topic, or answer 429 to reply_to;
 *                     usage of llm.usage that names a key is re-keyed onto llm.keys.usage and settles the estimate)
 * llm.keys (compacted, keys created through the admin endpoint) -> global store virtual-keys on every instance
 *
 * llm.cache.events (fills from workers, uses from cache-lookup; partitioned by cache key)
 *   -> cache-keeper  (TTL and LRU per key, in a logged store) -> llm.cache (answers and tombstones)
 *
 * llm.cache (compacted) -> global store cache-entries on every instance, and the semantic index beside it
 *
 * llm.health (workers, every 5 s) -> global store health on every instance, and the health board beside it
 *                                    that the route step reads
 * </pre>
 */
public final class RouterTopology {

    static final String SOURCE = "requests";
    static final String VALIDATE = "validate";
    static final String CACHE_LOOKUP = "cache-lookup";
    static final String ROUTE = "route";
    static final String DISPATCH = "dispatch";
    static final String CACHE_EVENTS_SOURCE = "cache-events";
    static final String CACHE_KEEPER = "cache-keeper";
    static final String CACHE_SINK = "cache-publish";
    static final String CACHE_SOURCE = "cache";
    static final String CACHE_LOADER = "cache-loader";
    static final String HEALTH_SOURCE = "health";
    static final String HEALTH_LOADER = "health-loader";
    static final String QUOTA_SOURCE = "quota-input";
    static final String QUOTA_LEDGER = "quota-ledger";
    static final String QUOTA_SINK = "quota-dispatch";
    static final String USAGE_SOURCE = "usage";
    static final String COST_AGGREGATOR = "cost-aggregates";
    static final String KEY_SOURCE = "key-input";
    static final String KEY_LEDGER = "key-ledger";
    static final String KEY_USAGE = "key-usage";
    static final String KEY_SINK = "key-dispatch";
    static final String KEY_USAGE_SINK = "key-usage-publish";
    static final String KEYS_SOURCE = "keys";
    static final String KEYS_LOADER = "keys-loader";

    private RouterTopology() {
    }

    private static String[] sources() {
        List<String> topics = new ArrayList<>(Topics.requestTopics());
        topics.add(Topics.FAILOVER);
        return topics.toArray(String[]::new);
    }

    /**
     * Builds the topology.
     *
     * @param config             the router configuration
     * @param availableProviders providers that can serve now
     * @param topicExists        tells whether a reply topic exists
     * @param clock              the time source
     */
    public static Topology build(RouterConfig config, Set<String> availableProviders,
                                 Predicate<String> topicExists, Clock clock) {
        return build(config, availableProviders, topicExists, clock, SemanticTier.OFF, new CacheStats());
    }

    /**
     * Builds the topology with a semantic tier.
     *
     * @param semantic the semantic cache of this instance, shared by its stream threads
     * @param stats    where the caches count hits, misses and evictions
     */
    public static Topology build(RouterConfig config, Set<String> availableProviders, Predicate<String> topicExists,
                                 Clock clock, SemanticTier semantic, CacheStats stats) {
        return build(config, availableProviders, topicExists, clock, semantic, stats, new SpendStats());
    }

    /**
     * Builds the topology with a semantic tier and the spend figures of this instance.
     *
     * @param spend where the cost aggregates and the quota ledger count spend and refusals, for the meters
     */
    public static Topology build(RouterConfig config, Set<String> availableProviders, Predicate<String> topicExists,
                                 Clock clock, SemanticTier semantic, CacheStats stats, SpendStats spend) {
        HealthBoard health = new HealthBoard(config.routing().health());
        RoutePlanner planner = new RoutePlanner(config, availableProviders, health, clock);
        CacheRules rules = new CacheRules(config.cache());
        int keeperShare = Math.max(1, (int) Math.ceil(
                config.cache().maxEntries() / (double) config.kafka().topics().requestPartitions()));
        Quotas quotas = new Quotas(config);
        VirtualKeys keys = new VirtualKeys(config.keys());
        AtomicBoolean indexFilled = new AtomicBoolean();
        Topology topology = new Topology()
                .addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), sources())
                .addProcessor(VALIDATE, () -> new RequestIntake(CACHE_LOOKUP, DISPATCH, new RequestValidator(),
                        topicExists, clock), SOURCE)
                .addProcessor(CACHE_LOOKUP, () -> new CacheLookup(ROUTE, DISPATCH, rules, semantic, stats, clock),
                        VALIDATE)
                .addProcessor(ROUTE, () -> new RouteSelector(planner, clock, quotas, keys), CACHE_LOOKUP)
                .addSink(DISPATCH, Outbound.TOPIC, new StringSerializer(), Outbound.SERIALIZER,
                        VALIDATE, CACHE_LOOKUP, ROUTE)
                .addSource(CACHE_EVENTS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                        Topics.CACHE_EVENTS)
                .addProcessor(CACHE_KEEPER, () -> new CacheKeeper(keeperShare, stats, clock), CACHE_EVENTS_SOURCE)
                .addStateStore(CacheStores.keeper(), CACHE_KEEPER)
                .addSink(CACHE_SINK, Outbound.TOPIC, new StringSerializer(), Outbound.SERIALIZER, CACHE_KEEPER)
                .addGlobalStore(CacheStores.entries(), CACHE_SOURCE, new StringDeserializer(),
                        new ByteArrayDeserializer(), Topics.CACHE, CACHE_LOADER,
                        () -> new CacheEntryLoader(semantic, clock, indexFilled))
                .addGlobalStore(HealthLoader.store(), HEALTH_SOURCE, new StringDeserializer(),
                        new ByteArrayDeserializer(), Topics.HEALTH, HEALTH_LOADER, () -> new HealthLoader(health));
        topology.addSource(USAGE_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.USAGE)
                .addProcessor(COST_AGGREGATOR, () -> new CostAggregator(spend), USAGE_SOURCE);
        for (CostWindow window : CostWindow.values()) {
            topology.addStateStore(CostStores.of(window), COST_AGGREGATOR);
        }
        if (quotas.any()) {
            topology.addSource(QUOTA_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                            Topics.QUOTA_REQUESTS)
                    .addProcessor(QUOTA_LEDGER, () -> new QuotaLedger(quotas, clock, spend), QUOTA_SOURCE,
                            USAGE_SOURCE)
                    .addStateStore(Quotas.store(), QUOTA_LEDGER)
                    .addSink(QUOTA_SINK, Outbound.TOPIC, new StringSerializer(), Outbound.SERIALIZER, QUOTA_LEDGER);
        }
        if (keys.active()) {
            addKeyLedger(topology, keys, quotas, clock);
        }
        return topology;
    }

    private static void addKeyLedger(Topology topology, VirtualKeys keys, Quotas quotas, Clock clock) {
        // llm.usage can have one source only: the forwarder shares it with the cost aggregates and the quota ledger.
        // Sinks of their own, so the ledger's sub-topology stays apart from the one reading llm.usage.
        topology.addProcessor(KEY_USAGE, () -> new KeyUsageForwarder(keys), USAGE_SOURCE)
                .addSink(KEY_USAGE_SINK, Outbound.TOPIC, new StringSerializer(), Outbound.SERIALIZER, KEY_USAGE)
                .addSource(KEY_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                        Topics.KEY_REQUESTS, Topics.KEY_USAGE)
                .addProcessor(KEY_LEDGER, () -> new KeyLedger(keys, quotas, clock), KEY_SOURCE)
                .addStateStore(VirtualKeys.ledgerStore(), KEY_LEDGER)
                .addSink(KEY_SINK, Outbound.TOPIC, new StringSerializer(), Outbound.SERIALIZER, KEY_LEDGER)
                .addGlobalStore(VirtualKeys.directoryStore(), KEYS_SOURCE, new StringDeserializer(),
                        new ByteArrayDeserializer(), Topics.KEYS, KEYS_LOADER, KeyDirectoryLoader::new);
    }
}
