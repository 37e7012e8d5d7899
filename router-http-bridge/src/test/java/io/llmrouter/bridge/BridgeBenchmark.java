package io.llmrouter.bridge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.bridge.internal.ReplyListener;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TopicProvisioner;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.KafkaTestCluster;
import io.llmrouter.testsupport.TestConfigs;
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
 * The bridge alone: a stand-in answers every request record at once, so the latency is the bridge's HTTP handling
 * plus its two Kafka hops (request topic out, reply topic back), with no streams app, worker or upstream.
 * Prints figures; never fails on time.
 */
class BridgeBenchmark {

    private static final int RATE = 200;
    private static final int WARMUP_SECONDS = 20;
    private static final int MEASURED_SECONDS = 30;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).build();

    @Test
    void bridgeWithAnInstantRouter() throws Exception {
        RouterConfig config = TestConfigs.bundled(KafkaTestCluster.bootstrapServers());
        config = config.withBridge(config.bridge().withPort(0).withInstanceId("bridge-benchmark"));
        new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
        AtomicBoolean running = new AtomicBoolean(true);
        Thread echo = new Thread(() -> echo(KafkaTestCluster.bootstrapServers(), running), "instant-router");
        echo.start();
        try (RouterBridge bridge = RouterBridge.start(config, Set.of("simulator"))) {
            String url = "http://127.0.0.1:" + bridge.port() + "/v1/chat/completions";
            openLoop(url, WARMUP_SECONDS);
            long[] sorted = openLoop(url, MEASURED_SECONDS);
            System.out.printf("bridge with an instant router, open loop %d/s, n=%d: p50 %.2f ms, p90 %.2f ms, "
                    + "p99 %.2f ms, max %.2f ms%n", RATE, sorted.length, pct(sorted, 50), pct(sorted, 90),
                    pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
            for (int callers : new int[] {16, 64, 256}) {
                closedLoop(url, callers, 15);
            }
        } finally {
            running.set(false);
            echo.join();
        }
    }

    /** Answers each request record on its reply topic as soon as it is read. */
    private static void echo(String bootstrap, AtomicBoolean running) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                     "linger.ms", 0), new StringSerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Priority.NORMAL.requestTopic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    LlmRequest request = WireFormat.fromBytes(record.value(), LlmRequest.class);
                    ObjectNode completion = OpenAiChunks.completion(request.requestId(), "ok", 5, 1);
                    ProducerRecord<String, byte[]> reply = new ProducerRecord<>(request.replyTo(), request.requestId(),
                            WireFormat.toBytes(new LlmReply(request.requestId(), LlmReply.Status.OK, "simulator",
                                    OpenAiChunks.MODEL, completion, null, null, null)));
                    reply.headers().add(ReplyListener.TYPE_HEADER, ReplyListener.REPLY.getBytes(StandardCharsets.UTF_8));
                    producer.send(reply);
                }
            }
        }
    }

    private static HttpRequest call(String url, String prompt) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"" + prompt + "\"}]}")).build();
    }

    /** One call every 1/RATE s; each latency counts from when its call was due, so a stall is not hidden. */
    private static long[] openLoop(String url, int seconds) throws Exception {
        int count = RATE * seconds;
        long period = 1_000_000_000L / RATE;
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> calls = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(Math.max(1, (due - System.nanoTime()) / 2));
            }
            calls.add(HTTP.sendAsync(call(url, "probe " + i), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(response -> {
                        if (response.statusCode() == 200) {
                            nanos.add(System.nanoTime() - due);
                        }
                    }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        if (sorted.length < count) {
            System.out.printf("%d of %d calls were not answered 200%n", count - sorted.length, count);
        }
        return sorted;
    }

    private static void closedLoop(String url, int callers, int seconds) throws Exception {
        AtomicLong answered = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            loops.add(loop(url, c, end, answered));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get();
        System.out.printf("%d callers, closed loop: %.0f answers/s%n", callers,
                answered.get() / ((System.nanoTime() - started) / 1e9));
    }

    private static CompletableFuture<Void> loop(String url, int caller, long end, AtomicLong answered) {
        if (System.nanoTime() >= end) {
            return CompletableFuture.completedFuture(null);
        }
        return HTTP.sendAsync(call(url, "caller " + caller), HttpResponse.BodyHandlers.ofString())
                .thenCompose(response -> {
                    if (response.statusCode() == 200) {
                        answered.incrementAndGet();
                    }
                    return loop(url, caller, end, answered);
                });
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
