package io.llmrouter.streams.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.UsageEvent;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.streams.RouterTopology;
import io.llmrouter.testsupport.MutableClock;
import io.llmrouter.testsupport.TopologyTestProperties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Usage events per second through the cost aggregates (four dimensions, three window stores in RocksDB) in one
 * TopologyTestDriver on one thread, with five deployments, four priorities and twenty keys, one event every 5 ms of
 * event time. Run with {@code mvn -B -Pbench verify -pl router-streams -am -Dit.test=CostAggregatesBenchmark}; it
 * prints figures to stdout and {@code router-streams/target/cost-aggregates-benchmark.txt} and asserts nothing.
 */
class CostAggregatesBenchmark {

    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 100_000;
    private static final String[][] DEPLOYMENTS = {{"openai", "gpt-4o-mini"}, {"openai", "gpt-4o"},
            {"anthropic", "claude-3-5-haiku-latest"}, {"groq", "llama-3.1-8b-instant"}, {"ollama", "llama3.2"}};

    @Test
    void usageEventsPerSecond() throws Exception {
        RouterConfig config = ConfigLoader.parse("""
                kafka: {bootstrap-servers: unused:9092}
                cache: {enabled: false}
                providers:
                  simulator:
                    kind: simulator
                    models:
                      simulator-fast: {context-window: 32768}
                routes:
                  default: {targets: [simulator/simulator-fast]}
                """, "cost-benchmark.yaml", Map.of());
        MutableClock clock = new MutableClock();
        try (TopologyTestDriver driver = new TopologyTestDriver(RouterTopology.build(config, Set.of("simulator"),
                topic -> true, clock), TopologyTestProperties.of("cost-benchmark"))) {
            TestInputTopic<String, byte[]> usage = driver.createInputTopic(Topics.USAGE, new StringSerializer(),
                    new ByteArraySerializer());
            long start = Instant.parse("2025-01-15T10:00:00Z").toEpochMilli();
            usage.pipeRecordList(events(0, WARM_UP, start));
            List<TestRecord<String, byte[]>> measured = events(WARM_UP, MEASURED, start);
            long began = System.nanoTime();
            usage.pipeRecordList(measured);
            double seconds = (System.nanoTime() - began) / 1e9;
            String report = String.format(Locale.ROOT, "cost aggregates: %,d usage events in %.2f s = %,.0f events/s "
                    + "(%.1f us each; 12 window-store updates per event)%n", MEASURED, seconds, MEASURED / seconds,
                    seconds * 1e6 / MEASURED);
            System.out.print(report);
            Files.writeString(Path.of("target", "cost-aggregates-benchmark.txt"), report, StandardCharsets.UTF_8);
        }
    }

    private static List<TestRecord<String, byte[]>> events(int from, int count, long start) {
        List<TestRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            String[] deployment = DEPLOYMENTS[i % DEPLOYMENTS.length];
            long at = start + i * 5L;
            UsageEvent event = new UsageEvent("req-" + i, at, deployment[0], deployment[1],
                    Priority.values()[i % 4], "vk-" + (i % 20), 120, 80, 0.0001, 300);
            records.add(new TestRecord<>(deployment[0], WireFormat.toBytes(event), Instant.ofEpochMilli(at)));
        }
        return records;
    }
}
