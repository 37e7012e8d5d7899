package io.llmrouter.workers;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.workers.adapters.ProviderAdapters;
import io.llmrouter.workers.internal.ProviderWorker;
import io.llmrouter.workers.internal.ReplyWriter;
import io.llmrouter.workers.internal.WorkHandler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Worker pools for a set of providers: one consumer group per provider, so more processes mean more capacity. */
public final class WorkerPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final List<ProviderWorker> workers;
    private final List<Thread> threads;
    private final KafkaProducer<String, byte[]> producer;
    private final Vertx vertx;

    private WorkerPool(List<ProviderWorker> workers, List<Thread> threads, KafkaProducer<String, byte[]> producer,
                       Vertx vertx) {
        this.workers = workers;
        this.threads = threads;
        this.producer = producer;
        this.vertx = vertx;
    }

    /** The consumer group of a provider's pool. */
    public static String groupId(String provider) {
        return "llm-workers-" + provider;
    }

    /** Starts one pool per provider, each with at most {@code concurrency} upstream calls in flight. */
    public static WorkerPool start(RouterConfig config, Set<String> providers, int concurrency) {
        for (String id : providers) {
            if (!config.providers().containsKey(id)) {
                throw new IllegalArgumentException("Provider '" + id + "' is not in the configuration; configured: "
                        + config.providers().keySet());
            }
        }
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(config),
                new StringSerializer(), new ByteArraySerializer());
        ReplyWriter writer = new ReplyWriter(producer);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        HttpClient http = ProviderAdapters.httpClient(vertx, concurrency);
        ProviderAdapters adapters = ProviderAdapters.discover();
        Clock clock = Clock.systemUTC();
        List<ProviderWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (String id : providers) {
            ProviderConfig provider = config.providers().get(id);
            WorkHandler handler = new WorkHandler(config,
                    adapters.create(new AdapterContext(id, provider, vertx, http, clock)), writer, clock);
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(config, id, concurrency),
                    new StringDeserializer(), new ByteArrayDeserializer());
            ProviderWorker worker = new ProviderWorker(id, consumer, handler, concurrency);
            Thread thread = new Thread(worker, "worker-" + id);
            thread.start();
            workers.add(worker);
            threads.add(thread);
        }
        LOG.info("router-workers serving {} with up to {} calls in flight each", providers, concurrency);
        return new WorkerPool(workers, threads, producer, vertx);
    }

    private static Map<String, Object> producerProperties(RouterConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put("linger.ms", 0);
        props.put("acks", "all");
        props.putAll(config.kafka().producerProperties());
        return props;
    }

    private static Map<String, Object> consumerProperties(RouterConfig config, String provider, int concurrency) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putAll(config.kafka().consumerProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(provider));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, concurrency);
        return props;
    }

    @Override
    public void close() {
        workers.forEach(ProviderWorker::stop);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close();
        vertx.close();
        LOG.info("router-workers stopped");
    }
}
