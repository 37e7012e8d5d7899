package io.llmrouter.streams.routing;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.HealthEvent;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.schemas.RoutingHints;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.streams.RouterTopology;
import io.llmrouter.testsupport.MutableClock;
import io.llmrouter.testsupport.RequestRecords;
import io.llmrouter.testsupport.TopologyTestProperties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A topology with a routing configuration made for the routing tests: known prices, windows, capabilities and
 * qualities, every provider on, the caches off. Each test reads the route of the one work record it causes.
 */
final class RoutingFixture implements AutoCloseable {

    static final String REPLIES = "llm.results";
    static final Set<String> ALL = Set.of("openai", "azure", "groq", "ollama", "simulator");

    private static final String PROVIDERS = """
            kafka:
              bootstrap-servers: unused:9092
            cache:
              enabled: false
            providers:
              openai:
                kind: openai
                models:
                  gpt-4o-mini: {input-price-per-mtok: 0.15, output-price-per-mtok: 0.60, context-window: 128000,
                                capabilities: [vision, tools, json_mode], quality: 0.75}
                  gpt-4o: {input-price-per-mtok: 2.50, output-price-per-mtok: 10.00, context-window: 128000,
                           capabilities: [vision, tools, json_mode], quality: 0.95, labels: [gpu]}
              azure:
                kind: azure
                base-url: https://example-resource.openai.azure.com
                models:
                  gpt-4o-mini: {input-price-per-mtok: 0.15, output-price-per-mtok: 0.60, context-window: 128000,
                                capabilities: [vision, tools, json_mode], quality: 0.75}
              groq:
                kind: groq
                models:
                  llama-3.1-8b-instant: {input-price-per-mtok: 0.05, output-price-per-mtok: 0.08, context-window: 8192,
                                         capabilities: [tools, json_mode], quality: 0.55}
              ollama:
                kind: ollama
                models:
                  llama3.2: {context-window: 4096, quality: 0.5}
              simulator:
                kind: simulator
                base-url: http://127.0.0.1:18090/v1
                models:
                  simulator-fast: {context-window: 32768, capabilities: [tools, json_mode], quality: 0.3}
            routes:
              default:
                targets: [openai/gpt-4o-mini, openai/gpt-4o, groq/llama-3.1-8b-instant]
                fallbacks: [simulator/simulator-fast]
              high:
                targets: [openai/gpt-4o-mini, openai/gpt-4o, ollama/llama3.2]
                fallbacks: [simulator/simulator-fast]
              low:
                targets: [ollama/llama3.2]
            """;

    final MutableClock clock;
    final RouterConfig config;
    private final TopologyTestDriver driver;

    /** The fixture with the given {@code routing:} section (YAML, may be empty) at a weekday morning. */
    RoutingFixture(String routingYaml) {
        this(routingYaml, new MutableClock());
    }

    RoutingFixture(String routingYaml, MutableClock clock) {
        this.clock = clock;
        this.config = ConfigLoader.parse(PROVIDERS + routingYaml, "routing-test.yaml", Map.of());
        Properties props = TopologyTestProperties.of("routing-test");
        driver = new TopologyTestDriver(RouterTopology.build(config, ALL, REPLIES::equals, clock), props);
    }

    /** A request for one user message. */
    static LlmRequest request(Priority priority, String model, String text) {
        return request(priority, RequestRecords.chatBody(model, text), null);
    }

    /** A request with the given body and strategy hint (may be null). */
    static LlmRequest request(Priority priority, ObjectNode body, String strategy) {
        return LlmRequest.of("req-" + java.util.UUID.randomUUID(), priority, REPLIES, 1L, body,
                new RoutingHints(strategy, null, null, null));
    }

    /** Sends a request to its priority's topic. */
    void send(LlmRequest request) {
        driver.createInputTopic(request.priority().requestTopic(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(request.requestId(), WireFormat.toBytes(request));
    }

    /** Sends a request handed back by a worker. */
    void sendFailover(LlmRequest request) {
        driver.createInputTopic(Topics.FAILOVER, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(request.requestId(), WireFormat.toBytes(request));
    }

    /** Publishes a health event as a worker would, stamped now. */
    void health(String provider, String model, String breaker, double latencyMs, double errorRate, double rateLimited,
                int inFlight) {
        HealthEvent event = new HealthEvent(provider, model, clock.millis(), breaker, latencyMs, errorRate, rateLimited,
                inFlight);
        driver.createInputTopic(Topics.HEALTH, new StringSerializer(), new ByteArraySerializer())
                .pipeInput("*".equals(model) ? provider : provider + "/" + model, WireFormat.toBytes(event));
    }

    /** A healthy deployment with the given latency. */
    void latency(String provider, String model, double latencyMs) {
        health(provider, model, "closed", latencyMs, 0, 0, 0);
    }

    /** The one work record the last request produced, whichever provider's topic it went to. */
    LlmRequest routed(Priority priority) {
        for (String provider : ALL) {
            TestOutputTopic<String, byte[]> work = output(Topics.workTopic(provider, priority));
            if (!work.isEmpty()) {
                return WireFormat.fromBytes(work.readValue(), LlmRequest.class);
            }
        }
        throw new AssertionError("no work record; replies: " + replies());
    }

    /** Sends a request and returns its route. */
    RouteDecision route(LlmRequest request) {
        send(request);
        return routed(request.priority()).route();
    }

    /** Every reply written so far. */
    List<LlmReply> replies() {
        return output(REPLIES).readValuesToList().stream().map(v -> WireFormat.fromBytes(v, LlmReply.class)).toList();
    }

    /** The one reply written so far. */
    LlmReply reply() {
        List<LlmReply> replies = replies();
        if (replies.size() != 1) {
            throw new AssertionError("expected one reply, got " + replies);
        }
        return replies.get(0);
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
