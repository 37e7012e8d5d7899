package io.llmrouter.workers.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;
import io.llmrouter.workers.adapters.GeminiAdapterTest.Harness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeminiErrorsTest {

    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    private UpstreamResult call(ScriptedUpstream.Reply reply) {
        return call(harness.adapter("gemini"), reply);
    }

    private UpstreamResult call(ProviderAdapter adapter, ScriptedUpstream.Reply reply) {
        harness.upstream.then(reply);
        return Harness.await(adapter.complete(Harness.request("flash", GeminiAdapterTest.HELLO)));
    }

    private static ScriptedUpstream.Reply error(int status, String resource) {
        return ScriptedUpstream.error(status, Harness.resource("gemini/" + resource), Map.of());
    }

    @Test
    void refusedCredentialsAreTheRoutersProblemNotTheCallers() {
        UpstreamResult result = call(error(403, "error-permission-denied.json"));

        assertThat(result.failure()).isEqualTo(Failure.AUTH);
        assertThat(result.error().status()).isEqualTo(502);
        assertThat(result.error().message()).doesNotContain(Harness.KEY);
    }

    @Test
    void invalidKeyReportedAsABadArgumentIsStillAnAuthFailure() {
        UpstreamResult result = call(error(400, "error-api-key-invalid.json"));

        assertThat(result.failure()).isEqualTo(Failure.AUTH);
        assertThat(result.error().status()).isEqualTo(502);
    }

    @Test
    void keyQuotedInAnErrorMessageIsMasked() {
        UpstreamResult result = call(ScriptedUpstream.error(400, """
                {"error": {"code": 400, "message": "Request with key %s has an invalid field", "status": "INVALID_ARGUMENT"}}"""
                .formatted(Harness.KEY), Map.of()));

        assertThat(result.error().message()).contains("invalid field").doesNotContain(Harness.KEY);
    }

    @Test
    void invalidArgumentIsTheCallersMistakeWithGeminisMessage() {
        UpstreamResult result = call(error(400, "error-invalid-argument.json"));

        assertThat(result.failure()).isEqualTo(Failure.INVALID_REQUEST);
        assertThat(result.error().status()).isEqualTo(400);
        assertThat(result.error().message()).contains("temperature: must be in [0.0, 2.0]");
    }

    @Test
    void unknownModelIsModelNotFound() {
        UpstreamResult result = call(error(404, "error-not-found.json"));

        assertThat(result.failure()).isEqualTo(Failure.MODEL_NOT_FOUND);
        assertThat(result.error().status()).isEqualTo(404);
        assertThat(result.error().message()).contains("models/gemini-9-ultra is not found");
    }

    @Test
    void rateLimitWaitsAsLongAsTheRetryAfterHeaderSays() {
        UpstreamResult result = call(ScriptedUpstream.error(429, Harness.resource("gemini/error-resource-exhausted.json"),
                Map.of("retry-after", "7")));

        assertThat(result.failure()).isEqualTo(Failure.RATE_LIMITED);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void rateLimitWaitsAsLongAsTheRetryInfoInTheBodySays() {
        UpstreamResult result = call(error(429, "error-resource-exhausted.json"));

        assertThat(result.failure()).isEqualTo(Failure.RATE_LIMITED);
        assertThat(result.error().status()).isEqualTo(429);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(34));
    }

    @Test
    void internalErrorIsARetriableServerError() {
        UpstreamResult result = call(error(500, "error-internal.json"));

        assertThat(result.failure()).isEqualTo(Failure.SERVER_ERROR);
        assertThat(result.failure().retriable()).isTrue();
        assertThat(result.error().status()).isEqualTo(502);
    }

    @Test
    void overloadedModelIsARetriableServerError() {
        UpstreamResult result = call(error(503, "error-unavailable.json"));

        assertThat(result.failure()).isEqualTo(Failure.SERVER_ERROR);
        assertThat(result.error().message()).contains("overloaded");
    }

    @Test
    void bodyThatIsNotJsonIsMalformed() {
        UpstreamResult result = call(new ScriptedUpstream.Whole(200, Map.of("Content-Type", "text/html"),
                "<html><body>Gateway says hello</body></html>"));

        assertThat(result.failure()).isEqualTo(Failure.MALFORMED);
        assertThat(result.error().status()).isEqualTo(502);
    }

    @Test
    void jsonWithoutCandidatesIsMalformed() {
        UpstreamResult result = call(ScriptedUpstream.json("{\"modelVersion\": \"gemini-2.0-flash\"}"));

        assertThat(result.failure()).isEqualTo(Failure.MALFORMED);
    }

    @Test
    void blockedPromptIsAnInvalidRequestNamingTheReason() {
        UpstreamResult result = call(ScriptedUpstream.json(Harness.resource("gemini/generate-blocked.json")));

        assertThat(result.failure()).isEqualTo(Failure.INVALID_REQUEST);
        assertThat(result.error().status()).isEqualTo(400);
        assertThat(result.error().code()).isEqualTo("prompt_blocked");
        assertThat(result.error().message()).contains("blocked the prompt").contains("PROHIBITED_CONTENT");
    }

    @Test
    void resetConnectionIsAConnectionFailure() {
        UpstreamResult result = call(new ScriptedUpstream.Reset());

        assertThat(result.failure()).isEqualTo(Failure.CONNECTION);
        assertThat(result.error().status()).isEqualTo(502);
    }

    @Test
    void upstreamThatNeverAnswersTimesOut() {
        ProviderAdapter adapter = harness.adapter(harness.config("gemini", Harness.KEY, Map.of(), 300));

        UpstreamResult result = call(adapter, new ScriptedUpstream.Hang());

        assertThat(result.failure()).isEqualTo(Failure.TIMEOUT);
        assertThat(result.error().status()).isEqualTo(504);
    }
}
