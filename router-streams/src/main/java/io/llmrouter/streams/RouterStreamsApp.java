package io.llmrouter.streams;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.llmrouter.config.RouterConfig;
import io.llmrouter.streams.CacheStats;
import io.llmrouter.streams.internal.cache.CacheStores;
import io.llmrouter.streams.internal.cache.SemanticTier;
import io.llmrouter.streams.internal.cache.SemanticTiers;
import io.llmrouter.streams.internal.ReplyTopicDirectory;
import io.llmrouter.streams.internal.cost.CostQuery;
import io.llmrouter.streams.internal.cost.CostWindow;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running router-streams application: the topology on a {@link KafkaStreams} instance. */
public final class RouterStreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouterStreamsApp.class);
    /** Application id shared by every streams instance, so they split the partitions between them. */
    public static final String APPLICATION_ID = "llm-router-streams";

    private final KafkaStreams streams;
    private final ReplyTopicDirectory topics;
    private final CacheStats cacheStats;
    private final SemanticTier semantic;
    private final SpendStats spendStats;
    private final RouterConfig config;
    private final Clock clock;
    private final String queryEndpoint;

    private RouterStreamsApp(KafkaStreams streams, ReplyTopicDirectory topics, CacheStats cacheStats,
                             SemanticTier semantic, SpendStats spendStats, RouterConfig config, Clock clock,
                             String queryEndpoint) {
        this.streams = streams;
        this.topics = topics;
        this.cacheStats = cacheStats;
        this.semantic = semantic;
        this.spendStats = spendStats;
        this.config = config;
        this.clock = clock;
        this.queryEndpoint = queryEndpoint;
    }

    /** Starts the topology and waits until it is processing. */
    public static RouterStreamsApp start(RouterConfig config, Set<String> availableProviders, Path stateDir) {
        return start(config, availableProviders, stateDir, null);
    }

    /**
     * Starts the topology, telling the other instances where this one answers queries of its stores.
     *
     * @param queryEndpoint {@code host:port} of this instance's {@code GET /costs}, or null for none
     */
    public static RouterStreamsApp start(RouterConfig config, Set<String> availableProviders, Path stateDir,
                                         String queryEndpoint) {
        Clock clock = Clock.systemUTC();
        ReplyTopicDirectory topics = new ReplyTopicDirectory(config.kafka().adminProperties(), clock);
        CacheStats cacheStats = new CacheStats();
        SpendStats spendStats = new SpendStats();
        // Shared by every run on the machine: the model files never change, and unpacking them takes a while.
        SemanticTier semantic = SemanticTiers.from(config.cache(), clock,
                Path.of(System.getProperty("java.io.tmpdir"), "llm-router-models"));
        Properties props = properties(config, stateDir);
        if (queryEndpoint != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, queryEndpoint);
        }
        KafkaStreams streams = new KafkaStreams(
                RouterTopology.build(config, availableProviders, topics::exists, clock, semantic, cacheStats,
                        spendStats),
                props);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            LOG.debug("Streams state {} -> {}", before, now);
        });
        streams.start();
        try {
            if (!running.await(60, TimeUnit.SECONDS)) {
                LOG.warn("Streams application not running after 60 s; it keeps trying in the background");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("router-streams running with providers {}", availableProviders);
        return new RouterStreamsApp(streams, topics, cacheStats, semantic, spendStats, config, clock, queryEndpoint);
    }

    /** The Kafka Streams state, e.g. RUNNING. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** True when this instance holds a live cached answer under the exact-cache key. */
    public boolean holdsCachedAnswer(String cacheKey) {
        ReadOnlyKeyValueStore<String, byte[]> entries = streams.store(StoreQueryParameters.fromNameAndType(
                CacheStores.ENTRIES, QueryableStoreTypes.<String, byte[]>keyValueStore()));
        return entries.get(cacheKey) != null;
    }

    /** Registers this instance's cache, cost and quota meters with a registry. */
    public void bindMeters(MeterRegistry registry) {
        CacheMeters.bind(registry, cacheStats, semantic);
        SpendMeters.bind(registry, spendStats, config, clock);
    }

    /**
     * The cost aggregates: this instance's partitions of {@code llm.usage}, read from its window stores, plus what
     * the other instances that host the stores answer.
     */
    CostQuery costQuery() {
        return new CostQuery(window -> streams.store(StoreQueryParameters.fromNameAndType(window.storeName(),
                QueryableStoreTypes.<String, byte[]>windowStore())), clock, this::costPeers);
    }

    /** The query endpoints of the other instances that host the cost stores, from the group's metadata. */
    private List<URI> costPeers() {
        if (queryEndpoint == null) {
            return List.of();
        }
        return streams.streamsMetadataForStore(CostWindow.DAY.storeName()).stream()
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !(host.host() + ":" + host.port()).equals(queryEndpoint))
                .map(host -> URI.create("http://" + host.host() + ":" + host.port()))
                .distinct().toList();
    }

    /** Hits, misses and evictions of the caches in this instance. */
    public CacheStats cacheStats() {
        return cacheStats;
    }

    static Properties properties(RouterConfig config, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // At-least-once on the request path: exactly-once would hold every hop back by a commit interval.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.producerPrefix("linger.ms"), "0");
        // The ledgers, the cache keeper and the cost aggregates write their stores on every request; their caches
        // fold those writes into one per key and commit, instead of a RocksDB write and a changelog record each.
        // Processors forward on their own, so a cache never holds a request back.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, String.valueOf(32L * 1024 * 1024));
        // Requests need no ordering across the four priority topics, so a task never waits to align their timestamps.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // The partition assignor rebuilds a StreamsConfig from the main consumer's settings and warns that the
        // handler is off unless they carry the flag too: a false alarm at every start.
        props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, io.llmrouter.schemas.Topics.DEAD_LETTER);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // Workers hand failed requests back in transactions; an aborted hand-back must not be routed.
        props.put(StreamsConfig.consumerPrefix("isolation.level"), "read_committed");
        Map<String, Object> configured = config.kafka().streamsProperties();
        configured.forEach(props::put);
        return props;
    }

    @Override
    public void close() {
        // Leaving the group lets the partitions move at once instead of after a session timeout.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        topics.close();
        semantic.close();
        LOG.info("router-streams stopped");
    }
}
