package io.llmrouter.standalone;

import static io.llmrouter.standalone.RouterUnderTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.llmrouter.bridge.RouterBridge;
import io.llmrouter.config.RouterConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two bridge instances share the topology; each reads only its own reply topic, so no caller gets another's answer. */
class TwoBridgesIT {

    private static final int CALLS_PER_BRIDGE = 60;

    private static RouterUnderTest router;
    private static RouterBridge second;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        router = RouterUnderTest.start();
        RouterConfig config = router.config();
        second = RouterBridge.start(config.withBridge(config.bridge().withPort(0)
                .withInstanceId(config.bridge().instanceId() + "-second")), Set.of("simulator"));
    }

    @AfterAll
    static void stop() {
        second.close();
        router.close();
    }

    @Test
    void concurrentCallsOnTwoBridgesEachGetTheAnswerToTheirOwnPrompt() {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < CALLS_PER_BRIDGE; i++) {
            calls.add(call(router.baseUrl().replace("/v1", ""), "first", i));
            calls.add(call("http://127.0.0.1:" + second.port(), "second", i));
        }

        for (Call call : calls) {
            HttpResponse<String> response = call.response().join();
            assertThat(response.statusCode()).as(call.prompt()).isEqualTo(200);
            assertThat(json(response).path("choices").get(0).path("message").path("content").asText())
                    .contains(call.prompt());
        }
        assertThat(calls.stream().map(call -> call.response().join().headers().firstValue("X-Request-Id").orElseThrow())
                .distinct()).hasSize(calls.size());
    }

    @Test
    void eachBridgeCountsOnlyTheCallsItAnswered() {
        int before = stats(second.port());
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(call("http://127.0.0.1:" + second.port(), "counted", i));
        }
        calls.forEach(call -> assertThat(call.response().join().statusCode()).isEqualTo(200));

        assertThat(stats(second.port()) - before).isEqualTo(10);
    }

    private static int stats(int port) {
        HttpResponse<String> response = HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/stats")).GET().build(), HttpResponse.BodyHandlers.ofString()).join();
        return json(response).path("total_requests").asInt();
    }

    /** A call with a prompt no other call has, kept out of the caches so the simulator answers each one. */
    private static Call call(String root, String bridge, int index) {
        String prompt = "bridge " + bridge + " asks question " + index + " " + System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Cache-Control", "no-cache")
                .POST(HttpRequest.BodyPublishers.ofString(RouterUnderTest.chat("auto", prompt)))
                .build();
        return new Call(prompt, HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }

    private record Call(String prompt, CompletableFuture<HttpResponse<String>> response) {
    }
}
