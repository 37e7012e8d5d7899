package io.llmrouter.streams.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TopicProvisioner;
import io.llmrouter.schemas.HealthEvent;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.UsageEvent;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.streams.RouterStreamsApp;
import io.llmrouter.testsupport.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Requests per second through the router's topology on a real broker, every rule on: the routing workload of
 * {@link BenchWorkload} (classifier, token counts, capabilities, health, groups, policies, strategies), the exact
 * cache looked up and missed, and a quota on every provider so each routed request also passes the quota ledger
 * (an extra topic hop). With every request goes one usage event on {@code llm.usage}, as the workers send for
 * each answer, so the cost aggregates and the quota ledger's settlement take their share of the same threads.
 * One streams instance with two stream threads, the broker, the load producer and the work-topic reader share the
 * machine. Run with
 * {@code mvn -B -Pbench verify -pl router-streams -am -Dit.test=TopologyThroughputBenchmark}; it prints figures to
 * stdout and {@code router-streams/target/topology-throughput.txt} and asserts nothing.
 */
class TopologyThroughputBenchmark {

    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 100_000;
    private static final String REPLIES = "throughput-bench-replies";

    @Test
    void measure() throws Exception {
        String bootstrap = KafkaTestCluster.bootstrapServers();
        RouterConfig config = BenchWorkload.withQuotas(BenchWorkload.config(bootstrap, Map.of(
                "num.stream.threads", "2")));
        new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
        KafkaTestCluster.createTopics(1, List.of(REPLIES));
        publishHealth(config, bootstrap);

        try (RouterStreamsApp app = RouterStreamsApp.start(config, BenchWorkload.PROVIDERS,
                Files.createTempDirectory("throughput-bench-state"));
             WorkCounter routed = new WorkCounter(bootstrap, config);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                     "linger.ms", "5", "batch.size", "262144"), new StringSerializer(), new ByteArraySerializer())) {
            routed.start();
            send(producer, encode(BenchWorkload.requests(0, WARM_UP, REPLIES)));
            routed.awaitAtLeast(WARM_UP);

            List<ProducerRecord<String, byte[]>> records = encode(BenchWorkload.requests(WARM_UP, MEASURED, REPLIES));
            long start = System.nanoTime();
            send(producer, records);
            routed.awaitAtLeast(WARM_UP + MEASURED);
            double seconds = (System.nanoTime() - start) / 1e9;

            String report = String.format(Locale.ROOT, "Through the topology on the broker (one instance, two stream "
                            + "threads; validate + exact-cache miss + route + quota ledger + dispatch, every rule on, "
                            + "one usage event per request): %,d requests in %.2f s = %,.0f requests/s; error "
                            + "replies: %d%n",
                    MEASURED, seconds, MEASURED / seconds, routed.errors());
            System.out.print(report);
            Files.writeString(Path.of("target", "topology-throughput.txt"), report, StandardCharsets.UTF_8);
        }
    }

    private static final String[][] SERVED = {{"openai", "gpt-4o-mini"}, {"anthropic", "claude-3-5-haiku-latest"},
        {"groq", "llama-3.1-8b-instant"}, {"gemini", "gemini-2.0-flash"}, {"openai", "gpt-4o"}};

    /** Each request, and the usage event of an earlier answer, as the workers would publish it. */
    private static List<ProducerRecord<String, byte[]>> encode(List<LlmRequest> requests) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(requests.size() * 2);
        long now = System.currentTimeMillis();
        int n = 0;
        for (LlmRequest request : requests) {
            records.add(new ProducerRecord<>(Priority.NORMAL.requestTopic(), request.requestId(),
                    WireFormat.toBytes(request)));
            String[] served = SERVED[n % SERVED.length];
            UsageEvent usage = new UsageEvent("served-" + request.requestId(), now, served[0], served[1],
                    Priority.NORMAL, n % 3 == 0 ? "team-" + n % 7 : null, 120 + n % 50, 200, 0.0004, 350);
            records.add(new ProducerRecord<>(Topics.USAGE, served[0], WireFormat.toBytes(usage)));
            n++;
        }
        return records;
    }

    private static void send(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records) {
        records.forEach(producer::send);
        producer.flush();
    }

    private static void publishHealth(RouterConfig config, String bootstrap) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (HealthEvent event : BenchWorkload.healthEvents(config, System.currentTimeMillis())) {
                producer.send(new ProducerRecord<>(Topics.HEALTH, event.provider() + "/" + event.model(),
                        WireFormat.toBytes(event)));
            }
        }
    }

    /** Counts the records on every provider's normal work topic, and the error replies, on a thread of its own. */
    private static final class WorkCounter implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final AtomicLong seen = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::run, "work-counter");

        WorkCounter(String bootstrap, RouterConfig config) {
            consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "fetch.max.bytes", "52428800",
                    "max.poll.records", "5000"), new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            List<String> topics = new ArrayList<>();
            config.providers().keySet().forEach(p -> topics.add(Topics.workTopic(p, Priority.NORMAL)));
            topics.add(REPLIES);
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        void start() {
            thread.start();
        }

        private void run() {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (REPLIES.equals(record.topic())) {
                        errors.incrementAndGet();
                    }
                    seen.incrementAndGet();
                }
            }
        }

        void awaitAtLeast(long count) throws InterruptedException {
            while (seen.get() < count) {
                Thread.sleep(5);
            }
        }

        long errors() {
            return errors.get();
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumer.close();
        }
    }
}
