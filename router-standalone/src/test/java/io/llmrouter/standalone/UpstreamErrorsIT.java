package io.llmrouter.standalone;

import static io.llmrouter.standalone.RouterUnderTest.chat;
import static io.llmrouter.standalone.RouterUnderTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.Secret;
import io.llmrouter.testsupport.UpstreamFake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A cloud provider turned on by its key, served by an HTTP fake of its wire format. */
class UpstreamErrorsIT {

    private static final String KEY = "test-key-for-fake-upstream";
    private static UpstreamFake openai;
    private static RouterUnderTest router;

    @BeforeAll
    static void startRouter() {
        openai = new UpstreamFake();
        router = RouterUnderTest.start(UpstreamErrorsIT::withOpenAiAtTheFake);
    }

    @AfterAll
    static void stopRouter() {
        router.close();
        openai.close();
    }

    private static RouterConfig withOpenAiAtTheFake(RouterConfig config) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>(config.providers());
        ProviderConfig old = providers.get("openai");
        providers.put("openai", new ProviderConfig(old.kind(), openai.baseUrl(), Secret.of(KEY), old.requiresApiKey(),
                false, 5_000L, old.models(), null));
        return config.withProviders(providers);
    }

    @Test
    void providerWithAKeyIsPreferredAndReceivesTheKeyAndTheRoutedModel() {
        HttpResponse<String> response = router.post("/chat/completions", chat("auto", "hello cloud"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Router-Provider")).hasValue("openai");
        UpstreamFake.Call call = openai.calls().get(openai.calls().size() - 1);
        assertThat(call.path()).isEqualTo("/v1/chat/completions");
        assertThat(call.headers()).containsEntry("Authorization", "Bearer " + KEY);
        assertThat(call.body().path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(call.body().path("messages").get(0).path("content").asText()).isEqualTo("hello cloud");
    }

    @Test
    void upstreamFailuresAreAnsweredWithOpenAiErrorsWithoutLeakingTheKey() {
        openai.failWith(500, "boom " + KEY, Map.of());
        try {
            HttpResponse<String> serverError = router.post("/chat/completions", chat("gpt-4o", "x"));
            assertThat(serverError.statusCode()).isEqualTo(502);
            assertThat(json(serverError).path("error").path("type").asText()).isEqualTo("upstream_error");
            assertThat(serverError.body()).contains("boom").doesNotContain(KEY);

            openai.failWith(429, "slow down", Map.of("retry-after", "1"));
            HttpResponse<String> limited = router.post("/chat/completions", chat("gpt-4o", "x"));
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(json(limited).path("error").path("message").asText()).contains("slow down");

            openai.failWith(401, "bad key", Map.of());
            HttpResponse<String> refused = router.post("/chat/completions", chat("gpt-4o", "x"));
            assertThat(refused.statusCode()).isEqualTo(502);
            assertThat(json(refused).path("error").path("code").asText()).isEqualTo("upstream_auth_failed");
        } finally {
            openai.failWith(200, "", Map.of());
        }
    }
}
