package io.llmrouter.streams.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.HealthEvent;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.streams.RouterTopology;
import io.llmrouter.streams.internal.routing.HealthBoard;
import io.llmrouter.streams.internal.routing.RoutePlanner;
import io.llmrouter.testsupport.MutableClock;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Routing decisions per second through the whole topology (validate, exact-cache lookup that misses, route,
 * dispatch) with every routing rule on: classifier, token counts, capabilities, health from llm.health for
 * every deployment, local-first, model groups and a policy plug-in. Runs in one TopologyTestDriver on one
 * thread; then the routing decision alone (the route step's planner) on the same requests. Run with {@code mvn -B -Pbench verify -pl router-streams -am -Dit.test=RoutingBenchmark}; it prints
 * figures to stdout and {@code router-streams/target/routing-benchmark.txt} and asserts nothing.
 */
class RoutingBenchmark {

    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 50_000;
    @Test
    void measure() throws Exception {
        MutableClock clock = new MutableClock();
        RouterConfig config = BenchWorkload.config("unused:9092");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "routing-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        double twoThreads = twoDrivers(config, clock);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                RouterTopology.build(config, BenchWorkload.PROVIDERS, "llm.results"::equals, clock), props)) {
            publishHealth(driver, config, clock.millis());
            TestInputTopic<String, byte[]> input = driver.createInputTopic(Priority.NORMAL.requestTopic(),
                    new StringSerializer(), new ByteArraySerializer());
            List<LlmRequest> warmUp = requests(0, WARM_UP);
            List<LlmRequest> measured = requests(WARM_UP, MEASURED);
            pipe(input, warmUp);
            List<TestRecord<String, byte[]>> records = measured.stream()
                    .map(r -> new TestRecord<>(r.requestId(), WireFormat.toBytes(r))).toList();
            long start = System.nanoTime();
            for (int i = 0; i < records.size(); i += 1_000) {
                input.pipeRecordList(records.subList(i, Math.min(records.size(), i + 1_000)));
            }
            double topologySeconds = (System.nanoTime() - start) / 1e9;

            RoutePlanner planner = new RoutePlanner(config, BenchWorkload.PROVIDERS, health(config, clock.millis()), clock);
            warmUp.forEach(planner::plan);
            start = System.nanoTime();
            measured.forEach(planner::plan);
            double plannerSeconds = (System.nanoTime() - start) / 1e9;

            String report = String.format(Locale.ROOT, "Through the topology (TopologyTestDriver, one thread, validate "
                    + "+ exact-cache miss + route + dispatch, every rule on): %,d requests in %.2f s = %,.0f requests/s, "
                    + "%.1f us each%nRouting decision alone (RoutePlanner.plan, one thread): %,.0f decisions/s, %.1f us "
                    + "each%nThrough the topology on two threads (two drivers, as two stream threads): %,.0f requests/s%n",
                    MEASURED, topologySeconds, MEASURED / topologySeconds, topologySeconds * 1e6 / MEASURED,
                    MEASURED / plannerSeconds, plannerSeconds * 1e6 / MEASURED, twoThreads);
            System.out.print(report);
            Files.writeString(Path.of("target", "routing-benchmark.txt"), report, StandardCharsets.UTF_8);
        }
    }

    private static void publishHealth(TopologyTestDriver driver, RouterConfig config, long now) {
        TestInputTopic<String, byte[]> health = driver.createInputTopic(Topics.HEALTH, new StringSerializer(),
                new ByteArraySerializer());
        for (HealthEvent event : BenchWorkload.healthEvents(config, now)) {
            health.pipeInput(event.provider() + "/" + event.model(), WireFormat.toBytes(event));
        }
    }

    /** Two drivers on two threads, each with its own half of the requests: the topology on both cores. */
    private static double twoDrivers(RouterConfig config, MutableClock clock) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Double>> halves = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                halves.add(() -> {
                    Properties props = new Properties();
                    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "routing-bench-" + thread);
                    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
                    try (TopologyTestDriver driver = new TopologyTestDriver(
                            RouterTopology.build(config, BenchWorkload.PROVIDERS, "llm.results"::equals, clock), props)) {
                        publishHealth(driver, config, clock.millis());
                        TestInputTopic<String, byte[]> input = driver.createInputTopic(Priority.NORMAL.requestTopic(),
                                new StringSerializer(), new ByteArraySerializer());
                        pipe(input, requests(thread * 1_000_000, WARM_UP));
                        List<TestRecord<String, byte[]>> records = requests(thread * 1_000_000 + WARM_UP, MEASURED / 2)
                                .stream().map(r -> new TestRecord<>(r.requestId(), WireFormat.toBytes(r))).toList();
                        long start = System.nanoTime();
                        input.pipeRecordList(records);
                        return (System.nanoTime() - start) / 1e9;
                    }
                });
            }
            double slowest = 0;
            for (Future<Double> half : threads.invokeAll(halves)) {
                slowest = Math.max(slowest, half.get());
            }
            return MEASURED / slowest;
        } finally {
            threads.shutdown();
        }
    }

    private static HealthBoard health(RouterConfig config, long now) {
        HealthBoard board = new HealthBoard(config.routing().health());
        BenchWorkload.healthEvents(config, now).forEach(board::report);
        return board;
    }

    private static void pipe(TestInputTopic<String, byte[]> input, List<LlmRequest> requests) {
        for (LlmRequest request : requests) {
            input.pipeInput(request.requestId(), WireFormat.toBytes(request));
        }
    }

    private static List<LlmRequest> requests(int from, int count) {
        return BenchWorkload.requests(from, count, "llm.results");
    }
}
