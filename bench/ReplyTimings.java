import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Where a reply's time went, from the milestones every worker reply carries and the time the streams app wrote
 * each work record, read off a bridge's reply topic and the work topics while load runs.
 * Usage (with the standalone jar's lib/ on the class path):
 * java -cp 'router-standalone/target/lib/*' bench/ReplyTimings.java BOOTSTRAP REPLY_TOPIC WORK_TOPIC_PREFIX SECONDS
 */
public final class ReplyTimings {

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<long[]> rows = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", args[0]),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(args[1], args[2] + "critical", args[2] + "high", args[2] + "normal", args[2] + "low")) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            Map<String, Long> routed = new HashMap<>();
            long end = System.currentTimeMillis() + Long.parseLong(args[3]) * 1000;
            while (System.currentTimeMillis() < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long seen = System.currentTimeMillis();
                    if (!record.topic().equals(args[1])) {
                        routed.put(record.key(), record.timestamp());
                        continue;
                    }
                    Long workWritten = routed.remove(record.key());
                    JsonNode timings = json.readTree(record.value()).path("timings");
                    if (workWritten == null || timings.path("upstream_ms").isMissingNode()
                            || timings.path("routed_at").asLong() == 0) {
                        continue;
                    }
                    long created = timings.path("received_at").asLong();
                    long started = timings.path("routed_at").asLong();
                    long completed = timings.path("completed_at").asLong();
                    rows.add(new long[] {workWritten - created, started - workWritten, timings.path("upstream_ms").asLong(),
                            completed - started, record.timestamp() - completed, seen - record.timestamp()});
                }
            }
        }
        String[] names = {"bridge publish -> streams wrote work record", "work record -> worker starts the call",
                "upstream call", "worker start -> reply ready",
                "reply ready -> reply sent (worker loop)", "reply sent -> read here"};
        System.out.printf("%d replies%n", rows.size());
        for (int column = 0; column < names.length; column++) {
            int c = column;
            long[] values = rows.stream().mapToLong(row -> row[c]).sorted().toArray();
            if (values.length > 0) {
                System.out.printf("%-42s p50 %4d ms  p90 %4d ms  p99 %4d ms%n", names[c], values[values.length / 2],
                        values[(int) (values.length * 0.9)], values[Math.min(values.length - 1, (int) (values.length * 0.99))]);
            }
        }
    }
}
