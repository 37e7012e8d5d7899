package io.llmrouter.streams.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.RouterConfig;
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
 * A topology whose default route is openai/gpt-4o-mini then openai/gpt-4o, with a local ollama model outside the
 * route, the caches off and the quotas each test gives. Requests ask for 100 completion tokens.
 */
final class QuotaFixture implements AutoCloseable {

    static final String REPLIES = "llm.results";
    static final Set<String> ALL = Set.of("openai", "ollama");

    final MutableClock clock = new MutableClock();
    final RouterConfig config;
    private final TopologyTestDriver driver;
    private int sent;

    /**
     * The fixture with the given quotas, as YAML flow maps (null for none).
     *
     * @param providerQuota the quota of provider openai
     * @param miniQuota     the quota of openai/gpt-4o-mini
     * @param available     the providers that are on
     */
    QuotaFixture(String providerQuota, String miniQuota, Set<String> available) {
        this(providerQuota, miniQuota, null, available);
    }

    /**
     * The fixture with a quota on openai/gpt-4o too.
     *
     * @param bigQuota the quota of openai/gpt-4o
     */
    QuotaFixture(String providerQuota, String miniQuota, String bigQuota, Set<String> available) {
        String yaml = """
                kafka:
                  bootstrap-servers: unused:9092
                cache:
                  enabled: false
                providers:
                  openai:
                    kind: openai
                    %s
                    models:
                      gpt-4o-mini: {input-price-per-mtok: 1000, output-price-per-mtok: 1000, context-window: 128000 %s}
                      gpt-4o: {input-price-per-mtok: 2000, output-price-per-mtok: 2000, context-window: 128000 %s}
                  ollama:
                    kind: ollama
                    models:
                      llama3.2: {context-window: 4096}
                routes:
                  default:
                    targets: [openai/gpt-4o-mini]
                    fallbacks: [openai/gpt-4o]
                """.formatted(providerQuota == null ? "" : "quota: " + providerQuota,
                miniQuota == null ? "" : ", quota: " + miniQuota, bigQuota == null ? "" : ", quota: " + bigQuota);
        config = ConfigLoader.parse(yaml, "quota-test.yaml", Map.of());
        driver = new TopologyTestDriver(RouterTopology.build(config, available, REPLIES::equals, clock), TopologyTestProperties.of("quota-test"));
    }

    QuotaFixture(String providerQuota, String miniQuota) {
        this(providerQuota, miniQuota, ALL);
    }

    /** Sends one request with a short prompt and {@code max_tokens} 100; returns its id. */
    String send() {
        return send("req-" + (++sent));
    }

    /** Sends one request with the given id. */
    String send(String requestId) {
        ObjectNode body = RequestRecords.chatBody("auto", "Say hello.");
        body.put("max_tokens", 100);
        LlmRequest request = LlmRequest.of(requestId, Priority.NORMAL, REPLIES, clock.millis(), body,
                RoutingHints.NONE);
        driver.createInputTopic(Priority.NORMAL.requestTopic(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(request.requestId(), WireFormat.toBytes(request));
        return request.requestId();
    }

    /** Lets time pass, for the clock and for the ledger's periodic clean-up alike. */
    void pass(Duration duration) {
        clock.advance(duration);
        driver.advanceWallClockTime(duration);
    }

    /** Publishes the usage a worker reports after serving a request. */
    void usage(String requestId, String model, long promptTokens, long completionTokens, double costUsd) {
        publish(new UsageEvent(requestId, clock.millis(), "openai", model, Priority.NORMAL, null, promptTokens,
                completionTokens, costUsd, 5));
    }

    /** Publishes a usage event as a worker would, keyed by provider. */
    void publish(UsageEvent usage) {
        driver.createInputTopic(Topics.USAGE, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(usage.provider(), WireFormat.toBytes(usage));
    }

    /** Hands a routed request back as a worker does after a failed call. */
    void failOver(LlmRequest routed, int status, String code) {
        LlmRequest back = routed.failedOver(new LlmRequest.Attempt(routed.route().provider(), routed.route().model(),
                status, code, "failed upstream"));
        driver.createInputTopic(Topics.FAILOVER, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(back.requestId(), WireFormat.toBytes(back));
    }

    /** Every work record written so far to the provider's normal work topic. */
    List<LlmRequest> work(String provider) {
        List<LlmRequest> records = new ArrayList<>();
        output(Topics.workTopic(provider, Priority.NORMAL)).readValuesToList()
                .forEach(v -> records.add(WireFormat.fromBytes(v, LlmRequest.class)));
        return records;
    }

    /** Every reply written so far. */
    List<LlmReply> replies() {
        return output(REPLIES).readValuesToList().stream().map(v -> WireFormat.fromBytes(v, LlmReply.class)).toList();
    }

    /** Keys of the records written to {@code llm.quota.requests} so far. */
    List<String> quotaRequestKeys() {
        return output(Topics.QUOTA_REQUESTS).readKeyValuesToList().stream().map(kv -> kv.key).toList();
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
