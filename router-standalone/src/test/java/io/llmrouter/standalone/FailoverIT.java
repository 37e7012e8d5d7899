package io.llmrouter.standalone;

import static io.llmrouter.standalone.RouterUnderTest.chat;
import static io.llmrouter.standalone.RouterUnderTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.ResilienceConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.Secret;
import io.llmrouter.testsupport.UpstreamFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cloud provider turned on by its key, at an HTTP fake, with the simulator as the route's fallback. */
class FailoverIT {

    private static final String KEY = "test-key-for-fake-upstream";
    private UpstreamFake openai;
    private RouterUnderTest router;

    @BeforeEach
    void start() {
        openai = new UpstreamFake();
        router = RouterUnderTest.start(this::withOpenAiAtTheFake);
    }

    @AfterEach
    void stop() {
        router.close();
        openai.close();
    }

    private RouterConfig withOpenAiAtTheFake(RouterConfig config) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>(config.providers());
        ResilienceConfig quickRetries = new ResilienceConfig(null, null, null, null, null, null, 3, 10L, 50L, null);
        providers.put("openai", ProviderConfig.of("openai", openai.baseUrl(), Secret.of(KEY),
                providers.get("openai").models()).withResilience(quickRetries));
        return config.withProviders(providers);
    }

    @Test
    void providerWithAKeyIsPreferredAndReceivesTheKeyAndTheRoutedModel() {
        HttpResponse<String> response = router.post("/chat/completions", chat("auto", "hello cloud"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Router-Provider")).hasValue("openai");
        assertThat(response.headers().firstValue("X-Router-Cost").map(Double::parseDouble))
                .hasValueSatisfying(cost -> assertThat(cost).isPositive());
        UpstreamFake.Call call = openai.calls().get(0);
        assertThat(call.path()).isEqualTo("/v1/chat/completions");
        assertThat(call.headers()).containsEntry("Authorization", "Bearer " + KEY);
        assertThat(call.body().path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void failingProviderIsRetriedThenTheNextCandidateServesTransparently() {
        openai.failWith(500, "boom", Map.of());

        HttpResponse<String> response = router.post("/chat/completions", chat("auto", "fail over please"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Router-Provider")).hasValue("simulator");
        assertThat(json(response).path("choices").get(0).path("message").path("content").asText())
                .contains("fail over please");
        assertThat(openai.calls()).hasSize(3);
    }

    @Test
    void whenEveryCandidateFailsTheErrorListsWhatWasTriedAndNeverTheKey() {
        openai.failWith(500, "boom " + KEY, Map.of());

        HttpResponse<String> response = router.post("/chat/completions", chat("gpt-4o", "only openai has this"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").path("code").asText()).isEqualTo("all_candidates_failed");
        assertThat(json(response).path("error").path("message").asText()).contains("Tried: openai/gpt-4o (502:");
        assertThat(response.body()).doesNotContain(KEY);
    }

    @Test
    void callerMistakesComeBackAtOnceWithoutRetryOrFailover() {
        openai.failWith(400, "temperature is out of range", Map.of());

        HttpResponse<String> response = router.post("/chat/completions", chat("auto", "bad request"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("message").asText()).contains("temperature is out of range");
        assertThat(openai.calls()).hasSize(1);
    }

    @Test
    void refusedCredentialsFailOverWithoutRetrying() {
        openai.failWith(401, "Incorrect API key provided", Map.of());

        HttpResponse<String> response = router.post("/chat/completions", chat("auto", "who am i"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Router-Provider")).hasValue("simulator");
        assertThat(openai.calls()).hasSize(1);
    }

    @Test
    void openBreakerSkipsTheProviderWithoutCallingIt() {
        openai.failWith(500, "down", Map.of());
        router.post("/chat/completions", chat("auto", "first"));
        router.post("/chat/completions", chat("auto", "second"));
        int callsWhenOpen = openai.calls().size();

        HttpResponse<String> response = router.post("/chat/completions", chat("auto", "third"));

        assertThat(callsWhenOpen).isEqualTo(5);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Router-Provider")).hasValue("simulator");
        assertThat(openai.calls()).hasSize(callsWhenOpen);
    }
}
