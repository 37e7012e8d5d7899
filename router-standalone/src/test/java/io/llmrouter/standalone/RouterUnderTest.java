package io.llmrouter.standalone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.KafkaTestCluster;
import io.llmrouter.testsupport.TestConfigs;

/** The whole router on the test cluster, started from the bundled configuration with free ports. */
final class RouterUnderTest implements AutoCloseable {

    private final StandaloneRouter router;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RouterUnderTest(StandaloneRouter router) {
        this.router = router;
    }

    /** The bundled configuration, as on a machine with no keys, on free ports. */
    static RouterConfig defaultConfig() {
        RouterConfig config = TestConfigs.bundled(KafkaTestCluster.bootstrapServers());
        config = TestConfigs.withSimulatorAt(config, "http://127.0.0.1:0/v1");
        return config.withBridge(config.bridge().withPort(0).withInstanceId("it-" + ProcessHandle.current().pid()));
    }

    static RouterUnderTest start() {
        return start(UnaryOperator.identity());
    }

    static RouterUnderTest start(UnaryOperator<RouterConfig> customize) {
        try {
            Path stateDir = Files.createTempDirectory("router-it");
            return new RouterUnderTest(StandaloneRouter.startOn(customize.apply(defaultConfig()), stateDir));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + router.httpPort() + "/v1";
    }

    RouterConfig config() {
        return router.config();
    }

    /** POSTs a JSON body to a path under /v1. */
    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** GETs a path from the root, e.g. {@code /metrics}. */
    HttpResponse<String> getRoot(String path) {
        String root = baseUrl().substring(0, baseUrl().length() - "/v1".length());
        return send(HttpRequest.newBuilder(URI.create(root + path)).GET().build());
    }

    /** GETs a path under /v1. */
    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String chat(String model, String message) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + message + "\"}]}";
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return WireFormat.mapper().readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        router.close();
    }
}
