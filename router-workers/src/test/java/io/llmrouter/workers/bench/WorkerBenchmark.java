package io.llmrouter.workers.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TopicProvisioner;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.schemas.Topics;
import io.llmrouter.simulator.SimulatorServer;
import io.llmrouter.simulator.SimulatorSettings;
import io.llmrouter.testsupport.KafkaTestCluster;
import io.llmrouter.testsupport.RequestRecords;
import io.llmrouter.workers.WorkerPool;
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
 * Worker throughput against the zero-latency simulator, the latency a worker adds to an upstream call,
 * and time to first token through the worker. Run with {@code mvn -B -Pbench verify -pl router-workers -am};
 * results go to stdout and {@code router-workers/target/worker-benchmark.txt}. It measures; it asserts nothing.
 */
class WorkerBenchmark {

    private static final String REPLIES = "bench-replies";
    private static final String PROVIDER = "sim";
    private static final String MODEL = "simulator-fast";

    @Test
    void measure() throws Exception {
        try (SimulatorServer simulator = SimulatorServer.start(SimulatorSettings.defaults()
                .withModels(List.of(MODEL)))) {
            RouterConfig config = ConfigLoader.parse("""
                    kafka:
                      bootstrap-servers: %s
                      topics: {work-partitions: 6, reply-partitions: 6, reply-topics: [%s]}
                      producer: {linger.ms: 0}
                    providers:
                      %s:
                        kind: simulator
                        base-url: %s
                        models:
                          %s: {context-window: 8000}
                    routes:
                      default: {targets: [%s/%s]}
                    """.formatted(KafkaTestCluster.bootstrapServers(), REPLIES, PROVIDER, simulator.baseUrl(), MODEL,
                    PROVIDER, MODEL), "bench.yaml", Map.of());
            new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
            List<String> lines = new ArrayList<>();
            try (Probe probe = new Probe(); WorkerPool pool = WorkerPool.start(config, Set.of(PROVIDER), 64)) {
                probe.sequential(2_000, false);
                long[] latency = probe.sequential(500, false);
                long[] ttft = probe.sequential(300, true);
                long[] direct = DirectCalls.latencies(simulator.baseUrl(), MODEL, 2_500);
                lines.add(String.format("work record -> reply, sequential, n=500: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms",
                        ms(latency, 50), ms(latency, 90), ms(latency, 99)));
                lines.add(String.format("simulator called directly (Vert.x client), n=500: p50 %.2f ms, p99 %.2f ms",
                        ms(direct, 50), ms(direct, 99)));
                lines.add(String.format("worker's added latency (p50 difference, includes two Kafka hops): %.2f ms",
                        ms(latency, 50) - ms(direct, 50)));
                lines.add(String.format("stream: work record -> first chunk on the reply topic, n=300: p50 %.2f ms, p99 %.2f ms",
                        ms(ttft, 50), ms(ttft, 99)));
                for (int round = 0; round < 2; round++) {
                    lines.add(probe.throughput(20_000));
                }
            }
            lines.forEach(System.out::println);
            Files.write(Path.of("target", "worker-benchmark.txt"), lines, StandardCharsets.UTF_8);
        }
    }

    private static double ms(long[] sortedNanos, int percentile) {
        int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1);
        return sortedNanos[index] / 1e6;
    }

    /** Publishes work records and reads the reply topic, timing each answer. */
    private static final class Probe implements AutoCloseable {
        private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", KafkaTestCluster.bootstrapServers(), "linger.ms", 0),
                new StringSerializer(), new ByteArraySerializer());
        private final KafkaConsumer<String, byte[]> consumer;

        Probe() {
            consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", KafkaTestCluster.bootstrapServers()),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(REPLIES).stream()
                    .map(p -> new TopicPartition(REPLIES, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        private LlmRequest request(boolean stream) {
            LlmRequest request = RequestRecords.chat(Priority.NORMAL, REPLIES, MODEL, "bench " + UUID.randomUUID())
                    .routedTo(new RouteDecision(PROVIDER, MODEL, "bench", List.of()));
            if (stream) {
                request.body().put("stream", true);
            }
            return request;
        }

        private void send(LlmRequest request) {
            producer.send(new ProducerRecord<>(Topics.workTopic(PROVIDER, Priority.NORMAL), request.requestId(),
                    RequestRecords.bytes(request)));
        }

        /** Sends one request at a time; returns the sorted times to its first record on the reply topic. */
        long[] sequential(int count, boolean stream) {
            long[] nanos = new long[count];
            for (int i = 0; i < count; i++) {
                LlmRequest request = request(stream);
                long started = System.nanoTime();
                send(request);
                boolean seen = false;
                while (!seen) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        if (!seen && request.requestId().equals(record.key())) {
                            nanos[i] = System.nanoTime() - started;
                            seen = true;
                        }
                    }
                }
            }
            Arrays.sort(nanos);
            return nanos;
        }

        /** Publishes {@code count} requests at once and times until every reply is read. */
        String throughput(int count) {
            Map<String, Boolean> waiting = new ConcurrentHashMap<>();
            List<LlmRequest> requests = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                LlmRequest request = request(false);
                requests.add(request);
                waiting.put(request.requestId(), Boolean.TRUE);
            }
            long started = System.nanoTime();
            requests.forEach(this::send);
            producer.flush();
            while (!waiting.isEmpty()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    waiting.remove(record.key());
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return String.format("throughput: %d requests published at once, all answered in %.2f s: %.0f requests/s",
                    count, seconds, count / seconds);
        }

        @Override
        public void close() {
            producer.close();
            consumer.close();
        }
    }
}
