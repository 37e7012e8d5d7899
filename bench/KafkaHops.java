import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.llmrouter.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.LoggerFactory;

/**
 * The floor of the router's request path on this machine: three bare Kafka hops (produce, consume and produce again,
 * twice, then consume) through the embedded broker, with the router's producer settings and nothing else running in
 * the chain. Open loop at RATE records/s, latency counted from when each record was due. HOPS (default 3) is the
 * number of topics a record crosses; up to 2026-12-07 this program crossed one topic more than it said (four).
 * Usage (with the standalone jar's lib/ on the class path):
 * java @config/jvm.options -cp 'router-standalone/target/lib/*' bench/KafkaHops.java RATE SECONDS WARMUP_SECONDS ROUNDS [PARTITIONS [HOPS]]
 */
public final class KafkaHops {

    private static final int VALUE_BYTES = 512;

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int partitions = args.length > 4 ? Integer.parseInt(args[4]) : 6;
        int hops = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        Path data = Files.createTempDirectory("kafka-hops");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.BrokerSettings.ephemeral(data))) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                List<NewTopic> topics = new ArrayList<>();
                // One topic per hop, as on the router's path: request, work and reply topics.
                for (int hop = 0; hop < hops; hop++) {
                    topics.add(new NewTopic("hop." + hop, partitions, (short) 1));
                }
                admin.createTopics(topics).all().get();
            }
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int hop = 0; hop < hops - 1; hop++) {
                threads.add(relay(bootstrap, "hop." + hop, "hop." + (hop + 1), partitions, running));
            }
            threads.add(sink(bootstrap, "hop." + (hops - 1), partitions, running, arrivals));
            threads.forEach(Thread::start);
            Thread.sleep(2_000);
            try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                send(producer, rate, warmup, arrivals);
                List<double[]> results = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    long[] before = cpuTimes();
                    long[] latencies = send(producer, rate, seconds, arrivals);
                    long[] after = cpuTimes();
                    double[] row = {pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), latencies[latencies.length - 1] / 1e6};
                    results.add(row);
                    System.out.printf("round %d: %d hops @%d/s n=%d p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms  stolen %.1f%%%n",
                            round, hops, rate, latencies.length, row[0], row[1], row[2], row[3],
                            100.0 * (after[0] - before[0]) / Math.max(1, after[1] - before[1]));
                }
                System.out.printf("median over %d rounds: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n", rounds,
                        medianOf(results, 0), medianOf(results, 1), medianOf(results, 2));
            }
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    /** Sends one record per 1/rate s for the given time and returns the sorted latencies of those that came through. */
    private static long[] send(KafkaProducer<byte[], byte[]> producer, int rate, int seconds, ConcurrentLinkedQueue<Long> arrivals)
            throws InterruptedException {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long count = (long) rate * seconds;
        for (long i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            byte[] value = new byte[VALUE_BYTES];
            ByteBuffer.wrap(value).putLong(due);
            producer.send(new ProducerRecord<>("hop.0", Long.toString(i).getBytes(), value));
        }
        Thread.sleep(1_000);
        List<Long> taken = new ArrayList<>();
        for (Long latency; (latency = arrivals.poll()) != null; ) {
            taken.add(latency);
        }
        return taken.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static Thread relay(String bootstrap, String from, String to, int partitions, AtomicBoolean running) {
        return new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, from, partitions);
                 KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        producer.send(new ProducerRecord<>(to, record.key(), record.value()));
                    }
                }
            }
        }, "relay-" + from);
    }

    private static Thread sink(String bootstrap, String topic, int partitions, AtomicBoolean running,
                               ConcurrentLinkedQueue<Long> arrivals) {
        return new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, topic, partitions)) {
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        arrivals.add(System.nanoTime() - ByteBuffer.wrap(record.value()).getLong());
                    }
                }
            }
        }, "sink");
    }

    /** The router's producer settings: no lingering, acks from the broker, idempotent. */
    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", 0, "acks", "all",
                "enable.idempotence", true), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String topic, int partitions) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> assigned = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            assigned.add(new TopicPartition(topic, partition));
        }
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        return consumer;
    }

    /** Steal and total CPU time of the machine so far (/proc/stat): time the hypervisor gave other guests. */
    private static long[] cpuTimes() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= 8; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new long[] {Long.parseLong(fields[8]), total};
    }

    private static double medianOf(List<double[]> rounds, int column) {
        double[] values = rounds.stream().mapToDouble(row -> row[column]).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
