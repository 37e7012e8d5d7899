package io.llmrouter.streams;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RoutingHints;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.UsageEvent;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.streams.internal.cache.SemanticTier;
import io.llmrouter.streams.internal.cost.CostDimension;
import io.llmrouter.streams.internal.cost.CostQuery;
import io.llmrouter.streams.internal.cost.CostWindow;
import io.llmrouter.testsupport.MutableClock;
import io.llmrouter.testsupport.RequestRecords;
import io.llmrouter.testsupport.TopologyTestProperties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A topology with two cloud providers, openai (gpt-4o-mini limited to one request a minute, then gpt-4o) and
 * anthropic, the caches off; usage events are published as workers publish them, keyed by provider.
 */
final class SpendFixture implements AutoCloseable {

    static final String REPLIES = "llm.results";

    final MutableClock clock = new MutableClock(Instant.parse("2025-01-31T23:58:30Z"));
    final RouterConfig config;
    final SpendStats spend = new SpendStats();
    private final TopologyTestDriver driver;
    private int sent;

    SpendFixture() {
        config = ConfigLoader.parse("""
                kafka:
                  bootstrap-servers: unused:9092
                cache:
                  enabled: false
                providers:
                  openai:
                    kind: openai
                    models:
                      gpt-4o-mini: {input-price-per-mtok: 1000, output-price-per-mtok: 1000, context-window: 128000, quota: {requests-per-minute: 1}}
                      gpt-4o: {input-price-per-mtok: 2000, output-price-per-mtok: 2000, context-window: 128000}
                  anthropic:
                    kind: anthropic
                    models:
                      claude-3-5-haiku-latest: {context-window: 200000}
                routes:
                  default:
                    targets: [openai/gpt-4o-mini]
                    fallbacks: [openai/gpt-4o]
                """, "spend-test.yaml", Map.of());
        driver = new TopologyTestDriver(RouterTopology.build(config, Set.of("openai", "anthropic"), REPLIES::equals,
                clock, SemanticTier.OFF, new CacheStats(), spend), TopologyTestProperties.of("spend-test"));
    }

    /** Publishes the usage of one request served now. */
    void usage(String provider, String model, Priority priority, String apiKeyId, long prompt, long completion,
               double usd) {
        publish(new UsageEvent("u-" + (++sent), clock.millis(), provider, model, priority, apiKeyId, prompt,
                completion, usd, 5));
    }

    /** Publishes the usage event of a cache hit now. */
    void cacheHit(String provider, String model) {
        publish(UsageEvent.cacheHit("u-" + (++sent), clock.millis(), provider, model, Priority.NORMAL, null));
    }

    private void publish(UsageEvent usage) {
        driver.createInputTopic(Topics.USAGE, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(usage.provider(), WireFormat.toBytes(usage), usage.timestamp());
    }

    /** Sends one chat request for {@code auto} with 100 completion tokens. */
    void sendRequest() {
        ObjectNode body = RequestRecords.chatBody("auto", "Say hello.");
        body.put("max_tokens", 100);
        LlmRequest request = LlmRequest.of("r-" + (++sent), Priority.NORMAL, REPLIES, clock.millis(), body,
                RoutingHints.NONE);
        driver.createInputTopic(Priority.NORMAL.requestTopic(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(request.requestId(), WireFormat.toBytes(request));
    }

    /** The cost query over this topology's window stores. */
    CostQuery costs() {
        return costs(List.of());
    }

    /** The cost query over this topology's window stores and other instances at the given base URLs. */
    CostQuery costs(List<URI> peers) {
        return new CostQuery(window -> driver.getWindowStore(window.storeName()), clock, () -> peers);
    }

    /** The totals of a dimension in the window holding {@code at}. */
    List<CostQuery.Row> totals(CostDimension by, CostWindow window, String at) {
        return costs().totals(by, window, Instant.parse(at));
    }

    /** The JSON answer of {@code GET /costs?<query>}. */
    JsonNode answer(String query) {
        return answer(query, List.of());
    }

    /** The JSON answer of {@code GET /costs?<query>} with other instances at the given base URLs. */
    JsonNode answer(String query, List<URI> peers) {
        try {
            return WireFormat.mapper().readTree(costs(peers).answer(query).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
