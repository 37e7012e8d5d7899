package io.llmrouter.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.config.CacheSettings;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TopicProvisioner;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.UsageEvent;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.streams.internal.MetricsEndpoint;
import io.llmrouter.testsupport.KafkaTestCluster;
import io.llmrouter.testsupport.TestConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two streams instances split the partitions of llm.usage, so each holds part of a key's usage; GET /costs on either
 * gathers the other's part through the streams metadata and answers the whole.
 */
class TwoInstancesCostIT {

    private static final int PROVIDERS = 12;
    private static final int EVENTS_PER_PROVIDER = 5;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eitherInstanceAnswersTheTotalOfBoth() throws Exception {
        RouterConfig config = TestConfigs.bundled(KafkaTestCluster.bootstrapServers())
                .withCache(new CacheSettings(false, null, null, null, null, null, null));
        new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
        String key = "vk-cost-" + System.nanoTime();
        int firstPort = freePort();
        int secondPort = freePort();

        try (MetricsEndpoint firstEndpoint = MetricsEndpoint.start(firstPort);
             MetricsEndpoint secondEndpoint = MetricsEndpoint.start(secondPort);
             RouterStreamsApp first = RouterStreamsApp.start(config, Set.of("simulator"), stateDir(),
                     "127.0.0.1:" + firstPort);
             RouterStreamsApp second = RouterStreamsApp.start(config, Set.of("simulator"), stateDir(),
                     "127.0.0.1:" + secondPort);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                     KafkaTestCluster.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            firstEndpoint.serveCosts(first.costQuery());
            secondEndpoint.serveCosts(second.costQuery());
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    first.state() == KafkaStreams.State.RUNNING && second.state() == KafkaStreams.State.RUNNING);

            // Twelve providers spread the events over the partitions, and so over both instances.
            for (int p = 0; p < PROVIDERS; p++) {
                for (int i = 0; i < EVENTS_PER_PROVIDER; i++) {
                    UsageEvent usage = new UsageEvent(key + "-" + p + "-" + i, System.currentTimeMillis(),
                            "provider-" + p, "model", Priority.NORMAL, key, 10, 5, 0.001, 100);
                    producer.send(new ProducerRecord<>(Topics.USAGE, usage.provider(), WireFormat.toBytes(usage)));
                }
            }
            producer.flush();
            int all = PROVIDERS * EVENTS_PER_PROVIDER;

            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> requestsOf(firstPort, key, "") == all);

            assertThat(requestsOf(secondPort, key, "")).isEqualTo(all);
            assertThat(requestsOf(firstPort, key, "&scope=local") + requestsOf(secondPort, key, "&scope=local"))
                    .isEqualTo(all);
            assertThat(costs(firstPort, "").path("instances").asInt()).isEqualTo(2);
        }
    }

    private long requestsOf(int port, String key, String extra) throws IOException, InterruptedException {
        for (JsonNode row : costs(port, extra).path("totals")) {
            if (row.path("group").asText().equals(key)) {
                return row.path("requests").asLong();
            }
        }
        return 0;
    }

    private JsonNode costs(int port, String extra) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/costs?by=key&window=day" + extra)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return WireFormat.mapper().readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path stateDir() throws IOException {
        return Files.createTempDirectory("streams-state");
    }
}
