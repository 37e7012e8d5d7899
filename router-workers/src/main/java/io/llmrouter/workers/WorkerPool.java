package io.llmrouter.workers;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.workers.adapters.ProviderAdapters;
import io.llmrouter.workers.discovery.ModelDiscovery;
import io.llmrouter.workers.internal.HealthReporter;
import io.llmrouter.workers.internal.ProviderWorker;
import io.llmrouter.workers.internal.WorkHandler;
import io.llmrouter.workers.resilience.ResilientAdapter;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Worker pools for a set of providers: one consumer group per provider, so more processes mean more capacity. */
public final class WorkerPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final long HEALTH_PERIOD_MS = 5_000;

    private final List<ProviderWorker> workers;
    private final List<Thread> threads;
    private final KafkaProducer<String, byte[]> sharedProducer;
    private final ScheduledExecutorService scheduler;
    private final Vertx vertx;
    private final ModelDiscovery discovery;

    private WorkerPool(List<ProviderWorker> workers, List<Thread> threads, KafkaProducer<String, byte[]> sharedProducer,
                       ScheduledExecutorService scheduler, Vertx vertx, ModelDiscovery discovery) {
        this.workers = workers;
        this.threads = threads;
        this.sharedProducer = sharedProducer;
        this.scheduler = scheduler;
        this.vertx = vertx;
        this.discovery = discovery;
    }

    /** The consumer group of a provider's pool. */
    public static String groupId(String provider) {
        return "llm-workers-" + provider;
    }

    /** Starts one pool per provider, each with at most {@code concurrency} upstream calls in flight. */
    public static WorkerPool start(RouterConfig config, Set<String> providers, int concurrency) {
        ProviderAdapters adapters = ProviderAdapters.discover();
        for (String id : providers) {
            if (!config.providers().containsKey(id)) {
                throw new IllegalArgumentException("Provider '" + id + "' is not in the configuration; configured: "
                        + config.providers().keySet());
            }
        }
        Clock clock = Clock.systemUTC();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        HttpClient http = ProviderAdapters.httpClient(vertx, concurrency);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "worker-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        KafkaProducer<String, byte[]> shared = new KafkaProducer<>(producerProperties(config, null),
                new StringSerializer(), new ByteArraySerializer());
        List<ProviderWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<ResilientAdapter> guarded = new ArrayList<>();
        List<AdapterContext> contexts = new ArrayList<>();
        for (String id : providers) {
            ProviderConfig provider = config.providers().get(id);
            AdapterContext context = new AdapterContext(id, provider, vertx, http, clock);
            contexts.add(context);
            ResilientAdapter adapter = new ResilientAdapter(id, adapters.create(context), provider.resilience(),
                    scheduler, clock);
            guarded.add(adapter);
            WorkHandler handler = new WorkHandler(config, adapter, shared, clock);
            ProviderWorker worker = new ProviderWorker(id,
                    new KafkaConsumer<>(consumerProperties(config, id, concurrency), new StringDeserializer(),
                            new ByteArrayDeserializer()),
                    new KafkaProducer<>(producerProperties(config, "llm-workers-" + id + "-" + UUID.randomUUID()),
                            new StringSerializer(), new ByteArraySerializer()),
                    handler, concurrency, clock, config.workers().commitIntervalMs());
            Thread thread = new Thread(worker, "worker-" + id);
            thread.start();
            workers.add(worker);
            threads.add(thread);
        }
        scheduler.scheduleAtFixedRate(new HealthReporter(guarded, shared, clock), HEALTH_PERIOD_MS, HEALTH_PERIOD_MS,
                TimeUnit.MILLISECONDS);
        ModelDiscovery discovery = new ModelDiscovery(contexts, shared);
        discovery.start(scheduler);
        LOG.info("router-workers serving {} with up to {} calls in flight each", providers, concurrency);
        return new WorkerPool(workers, threads, shared, scheduler, vertx, discovery);
    }

    private static Map<String, Object> producerProperties(RouterConfig config, String transactionalId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(config.kafka().producerProperties());
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            // A killed worker's open transaction blocks read_committed readers until it times out.
            props.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
            // Adding offsets to a transaction is refused while the previous one's markers are still being
            // written, which takes a few milliseconds; the default 100 ms before retrying was most of the
            // worker's latency under load.
            props.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 2);
        }
        return props;
    }

    private static Map<String, Object> consumerProperties(RouterConfig config, String provider, int concurrency) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A worker that dies hands its partitions over within this, not the default 45 s.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        props.putAll(config.kafka().consumerProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(provider));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, concurrency);
        return props;
    }

    @Override
    public void close() {
        discovery.close();
        // All at once: each worker may wait a few seconds for its calls in flight.
        workers.forEach(ProviderWorker::requestStop);
        workers.forEach(ProviderWorker::awaitStopped);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        scheduler.shutdownNow();
        sharedProducer.close();
        vertx.close();
        LOG.info("router-workers stopped");
    }
}
