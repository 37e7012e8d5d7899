package io.llmrouter.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.KafkaTestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A caller's {@code X-Router-Timeout-Ms} bounds its wait and travels with the request. */
class CallTimeoutIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RouterBridge bridge;
    private static RouterStandIn router;

    @BeforeAll
    static void start() {
        bridge = RouterStandIn.startBridge("timeout-it");
        router = new RouterStandIn(KafkaTestCluster.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        bridge.close();
        router.close();
    }

    private static CompletableFuture<HttpResponse<String>> call(String marker, String timeoutMs) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port()
                        + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("X-Router-Timeout-Ms", timeoutMs)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"" + marker + "\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnansweredCallEndsWithA504AfterTheTimeItAskedFor() throws Exception {
        CompletableFuture<HttpResponse<String>> response = call("never-answered", "300");

        LlmRequest request = router.awaitRequest("never-answered");
        HttpResponse<String> answer = response.get(30, TimeUnit.SECONDS);

        assertThat(request.hints().timeoutMs()).isEqualTo(300L);
        assertThat(answer.statusCode()).isEqualTo(504);
        assertThat(WireFormat.mapper().readTree(answer.body()).at("/error/message").asText())
                .contains("300 ms");
    }

    @Test
    void aTimeoutThatIsNotANumberIsABadRequest() throws Exception {
        HttpResponse<String> answer = call("bad-timeout", "soon").get(30, TimeUnit.SECONDS);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("X-Router-Timeout-Ms");
    }
}
