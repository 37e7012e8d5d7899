package io.llmrouter.streams.keys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.KeyHash;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.VirtualKey;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RoutingHints;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.UsageEvent;
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
 * A topology whose route is openai/gpt-4o-mini then openai/gpt-4o, the caches off, and the {@code keys} section
 * each test gives.
 * Requests ask for 100 completion tokens, so each is estimated at about 108 tokens and 0.11 USD.
 */
final class KeyFixture implements AutoCloseable {

    static final String REPLIES = "llm.results";

    final MutableClock clock = new MutableClock();
    private final TopologyTestDriver driver;
    private int sent;

    /** The fixture with this {@code keys:} section (YAML, indented by two spaces under it). */
    KeyFixture(String keysYaml) {
        this(keysYaml, null);
    }

    /** The fixture with this {@code keys:} section and a quota on openai/gpt-4o-mini (a YAML flow map). */
    KeyFixture(String keysYaml, String miniQuota) {
        String yaml = """
                kafka:
                  bootstrap-servers: unused:9092
                cache:
                  enabled: false
                providers:
                  openai:
                    kind: openai
                    models:
                      gpt-4o-mini: {input-price-per-mtok: 1000, output-price-per-mtok: 1000, context-window: 128000 %s}
                      gpt-4o: {input-price-per-mtok: 2000, output-price-per-mtok: 2000, context-window: 128000}
                routes:
                  default:
                    targets: [openai/gpt-4o-mini]
                    fallbacks: [openai/gpt-4o]
                keys:
                """.formatted(miniQuota == null ? "" : ", quota: " + miniQuota) + keysYaml;
        RouterConfig config = ConfigLoader.parse(yaml, "keys-test.yaml", Map.of("ROUTER_ADMIN_KEY", KeyHash.generate()));
        driver = new TopologyTestDriver(RouterTopology.build(config, Set.of("openai"), REPLIES::equals, clock), TopologyTestProperties.of("keys-test"));
    }

    /** Sends one request with the key id, as a bridge would after checking the key; returns its id. */
    String send(String keyId) {
        return send(keyId, "req-" + (++sent));
    }

    /** Sends one request with the key id and the given request id. */
    String send(String keyId, String requestId) {
        ObjectNode body = RequestRecords.chatBody("auto", "Say hello.");
        body.put("max_tokens", 100);
        LlmRequest request = LlmRequest.of(requestId, Priority.NORMAL, REPLIES, clock.millis(), body,
                new RoutingHints(null, null, null, keyId));
        driver.createInputTopic(Priority.NORMAL.requestTopic(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(request.requestId(), WireFormat.toBytes(request));
        return request.requestId();
    }

    /** Publishes a key as the admin endpoint does. */
    void publishKey(String keyId, VirtualKey key) {
        driver.createInputTopic(Topics.KEYS, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(keyId, WireFormat.toBytes(key));
    }

    /** Publishes the usage a worker reports after serving a request, keyed by provider. */
    void usage(String requestId, String keyId, long promptTokens, long completionTokens, double costUsd) {
        UsageEvent usage = new UsageEvent(requestId, clock.millis(), "openai", "gpt-4o-mini", Priority.NORMAL, keyId,
                promptTokens, completionTokens, costUsd, 5);
        driver.createInputTopic(Topics.USAGE, new StringSerializer(), new ByteArraySerializer())
                .pipeInput("openai", WireFormat.toBytes(usage));
    }

    /** Lets time pass, for the clock and for the ledger's periodic clean-up alike. */
    void pass(Duration duration) {
        clock.advance(duration);
        driver.advanceWallClockTime(duration);
    }

    /** Ids of the requests written so far to the normal work topic. */
    List<String> served() {
        return work().stream().map(LlmRequest::requestId).toList();
    }

    /** The requests written so far to the normal work topic. */
    List<LlmRequest> work() {
        List<LlmRequest> records = new ArrayList<>();
        output(Topics.workTopic("openai", Priority.NORMAL)).readValuesToList()
                .forEach(v -> records.add(WireFormat.fromBytes(v, LlmRequest.class)));
        return records;
    }

    /** Every reply written so far. */
    List<LlmReply> replies() {
        return output(REPLIES).readValuesToList().stream().map(v -> WireFormat.fromBytes(v, LlmReply.class)).toList();
    }

    /** Kafka keys of the records written to a topic so far. */
    List<String> keysOn(String topic) {
        return output(topic).readKeyValuesToList().stream().map(kv -> kv.key).toList();
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
