package io.llmrouter.streams.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.HealthEvent;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RoutingHints;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.streams.RouterTopology;
import io.llmrouter.streams.internal.routing.HealthBoard;
import io.llmrouter.streams.internal.routing.RoutePlanner;
import io.llmrouter.testsupport.MutableClock;
import io.llmrouter.testsupport.RequestRecords;
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
    private static final Set<String> ALL = Set.of("openai", "azure", "anthropic", "groq", "gemini", "ollama", "simulator");

    private static final String CONFIG = """
            kafka: {bootstrap-servers: unused:9092}
            cache: {semantic: {enabled: false}}
            providers:
              openai:
                kind: openai
                models:
                  gpt-4o-mini: {input-price-per-mtok: 0.15, output-price-per-mtok: 0.6, context-window: 128000, capabilities: [vision, tools, json_mode], quality: 0.75}
                  gpt-4o: {input-price-per-mtok: 2.5, output-price-per-mtok: 10, context-window: 128000, capabilities: [vision, tools, json_mode], quality: 0.9, labels: [gpu]}
              azure:
                kind: azure
                base-url: https://example-resource.openai.azure.com
                models:
                  gpt-4o-mini: {input-price-per-mtok: 0.15, output-price-per-mtok: 0.6, context-window: 128000, capabilities: [vision, tools, json_mode], quality: 0.75}
              anthropic:
                kind: anthropic
                models:
                  claude-3-5-haiku-latest: {input-price-per-mtok: 0.8, output-price-per-mtok: 4, context-window: 200000, capabilities: [vision, tools], quality: 0.75}
              groq:
                kind: groq
                models:
                  llama-3.1-8b-instant: {input-price-per-mtok: 0.05, output-price-per-mtok: 0.08, context-window: 131072, capabilities: [tools, json_mode], quality: 0.55, labels: [gpu]}
              gemini:
                kind: gemini
                models:
                  gemini-2.0-flash: {input-price-per-mtok: 0.1, output-price-per-mtok: 0.4, context-window: 1048576, capabilities: [vision, tools, json_mode], quality: 0.7}
              ollama:
                kind: ollama
                models:
                  llama3.2: {context-window: 131072, capabilities: [tools], quality: 0.5}
              simulator:
                kind: simulator
                base-url: http://127.0.0.1:18090/v1
                models:
                  simulator-fast: {context-window: 32768, capabilities: [tools, json_mode], quality: 0.3}
            routes:
              default:
                targets: [openai/gpt-4o-mini, anthropic/claude-3-5-haiku-latest, gemini/gemini-2.0-flash,
                          groq/llama-3.1-8b-instant, ollama/llama3.2, openai/gpt-4o]
                fallbacks: [simulator/simulator-fast]
            routing:
              groups:
                mini-pool: {balance: weighted, members: {openai/gpt-4o-mini: 3, azure/gpt-4o-mini: 1}}
                mini-least: {balance: least-busy, members: {openai/gpt-4o-mini: 1, azure/gpt-4o-mini: 1}}
              policies:
                - name: gpu-business-hours
                - name: deny-models
                  options: {deny: gemini/gemini-2.0-flash}
            """;

    private static final String[] PROMPTS = {
        "What is the capital of France? (%d)",
        "Write a function in Python that merges two sorted lists, variant %d.",
        "Compare Kafka and RabbitMQ for request routing and justify the choice for case %d.",
        "Translate 'good morning number %d' into Spanish.",
        "Why does this fail?\n```java\nint x = list.get(%d);\n```",
    };
    private static final String[] MODELS = {"auto", "auto", "auto", "cheap", "fast", "quality", "mini-pool", "mini-least"};
    private static final String[] STRATEGIES = {null, null, null, "cost", "balanced", "local-first", "latency"};

    @Test
    void measure() throws Exception {
        MutableClock clock = new MutableClock();
        RouterConfig config = ConfigLoader.parse(CONFIG, "bench.yaml", Map.of());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "routing-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        double twoThreads = twoDrivers(config, clock);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                RouterTopology.build(config, ALL, "llm.results"::equals, clock), props)) {
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

            RoutePlanner planner = new RoutePlanner(config, ALL, health(config, clock.millis()), clock);
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
        for (HealthEvent event : healthEvents(config, now)) {
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
                            RouterTopology.build(config, ALL, "llm.results"::equals, clock), props)) {
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
        healthEvents(config, now).forEach(board::report);
        return board;
    }

    private static List<HealthEvent> healthEvents(RouterConfig config, long now) {
        List<HealthEvent> events = new ArrayList<>();
        int i = 0;
        for (var provider : config.providers().entrySet()) {
            for (String model : provider.getValue().models().keySet()) {
                events.add(new HealthEvent(provider.getKey(), model, now, "closed", 300 + 150 * (i % 5), 0.02, 0.01,
                        i % 7));
                i++;
            }
        }
        return events;
    }

    private static void pipe(TestInputTopic<String, byte[]> input, List<LlmRequest> requests) {
        for (LlmRequest request : requests) {
            input.pipeInput(request.requestId(), WireFormat.toBytes(request));
        }
    }

    private static List<LlmRequest> requests(int from, int count) {
        List<LlmRequest> requests = new ArrayList<>(count);
        for (int n = from; n < from + count; n++) {
            ObjectNode body = RequestRecords.chatBody(MODELS[n % MODELS.length], PROMPTS[n % PROMPTS.length].formatted(n));
            if (n % 10 == 0) {
                body.putArray("tools").addObject().put("type", "function").putObject("function").put("name", "lookup");
            }
            String strategy = "auto".equals(MODELS[n % MODELS.length]) ? STRATEGIES[n % STRATEGIES.length] : null;
            requests.add(LlmRequest.of("bench-" + n, Priority.NORMAL, "llm.results", 1L, body,
                    new RoutingHints(strategy, null, null, null)));
        }
        return requests;
    }
}
