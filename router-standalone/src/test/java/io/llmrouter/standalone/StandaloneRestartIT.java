package io.llmrouter.standalone;

import static io.llmrouter.standalone.RouterUnderTest.chat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.StandaloneSettings;
import io.llmrouter.testsupport.TestConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standalone mode with its own embedded broker: answers, stops cleanly, keeps its data across a restart, takes broker settings. */
class StandaloneRestartIT {

    @TempDir
    Path dataDir;

    private RouterConfig config() {
        return config(Map.of());
    }

    private RouterConfig config(Map<String, String> brokerSettings) {
        RouterConfig config = TestConfigs.withSimulatorAt(ConfigLoader.loadBundled(Map.of()), "http://127.0.0.1:0/v1");
        return config.withBridge(config.bridge().withPort(0))
                .withStandalone(new StandaloneSettings(dataDir.toString(), 0, 0, brokerSettings));
    }

    private static int ask(StandaloneRouter router, String question) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.httpPort()
                + "/v1/chat/completions")).POST(HttpRequest.BodyPublishers.ofString(chat("auto", question))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void secondStartReusesTheDataOfTheFirst() throws Exception {
        String clusterId;
        try (StandaloneRouter first = StandaloneRouter.start(config())) {
            assertThat(ask(first, "before restart")).isEqualTo(200);
            clusterId = clusterId(first);
        }
        try (StandaloneRouter second = StandaloneRouter.start(config())) {
            assertThat(ask(second, "after restart")).isEqualTo(200);
            assertThat(clusterId(second)).isEqualTo(clusterId);
        }
    }

    @Test
    void embeddedBrokerRunsWithTheStandaloneBrokerSettings() throws Exception {
        try (StandaloneRouter router = StandaloneRouter.start(config(Map.of("num.io.threads", "3")));
             Admin admin = Admin.create(router.config().kafka().adminProperties())) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER,
                    String.valueOf(admin.describeCluster().controller().get().id()));
            Config settings = admin.describeConfigs(List.of(broker)).all().get().get(broker);

            assertThat(settings.get("num.io.threads").value()).isEqualTo("3");
        }
    }

    private static String clusterId(StandaloneRouter router) throws Exception {
        try (Admin admin = Admin.create(router.config().kafka().adminProperties())) {
            return admin.describeCluster().clusterId().get();
        }
    }
}
