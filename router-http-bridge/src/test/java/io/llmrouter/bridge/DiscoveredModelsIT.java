package io.llmrouter.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TopicProvisioner;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.KafkaTestCluster;
import io.llmrouter.testsupport.TestConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Model lists published on llm.models, as the workers publish them, show in {@code GET /v1/models}. */
class DiscoveredModelsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static RouterBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        RouterConfig config = TestConfigs.bundled(KafkaTestCluster.bootstrapServers());
        config = config.withBridge(config.bridge().withPort(0).withInstanceId("models-it"));
        new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
        publish("openai", List.of("gpt-4o-mini", "gpt-early-bird"), null);
        bridge = RouterBridge.start(config, Set.of("simulator", "openai"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    /** Publishes a provider's list in the workers' JSON shape. */
    private static void publish(String provider, List<String> models, String error) throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("provider", provider);
        value.put("fetched_at", System.currentTimeMillis());
        value.put("models", models);
        value.put("configured", List.of());
        value.put("error", error);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                KafkaTestCluster.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.MODELS, provider, WireFormat.toBytes(value))).get();
        }
    }

    private static JsonNode models() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + bridge.port() + "/v1/models")).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return WireFormat.mapper().readTree(response.body());
    }

    private static List<String> ids(JsonNode list) {
        return StreamSupport.stream(list.path("data").spliterator(), false).map(model -> model.path("id").asText())
                .toList();
    }

    /** Waits until the listing satisfies {@code condition}, and returns it. */
    private static JsonNode awaitListing(Predicate<List<String>> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            last.set(models());
            return condition.test(ids(last.get()));
        });
        return last.get();
    }

    @Test
    void aListPublishedBeforeTheBridgeStartedIsListed() {
        JsonNode listing = awaitListing(ids -> ids.contains("openai/gpt-early-bird"));

        assertThat(ids(listing)).containsOnlyOnce("openai/gpt-4o-mini");
        JsonNode early = StreamSupport.stream(listing.path("data").spliterator(), false)
                .filter(model -> model.path("id").asText().equals("openai/gpt-early-bird")).findFirst().orElseThrow();
        assertThat(early.path("object").asText()).isEqualTo("model");
        assertThat(early.path("owned_by").asText()).isEqualTo("openai");
    }

    @Test
    void aDiscoveredModelAppearsNextToTheConfiguredOnesAndANewerListReplacesIt() throws Exception {
        publish("simulator", List.of("simulator-fast", "simulator-ultra"), null);

        JsonNode listing = awaitListing(ids -> ids.contains("simulator/simulator-ultra"));

        assertThat(listing.path("object").asText()).isEqualTo("list");
        assertThat(ids(listing)).contains("auto", "simulator/simulator-smart")
                .containsOnlyOnce("simulator/simulator-fast");

        publish("simulator", List.of(), "HTTP 503: unavailable");

        assertThat(ids(awaitListing(ids -> !ids.contains("simulator/simulator-ultra"))))
                .contains("simulator/simulator-fast", "simulator/simulator-smart");
    }
}
