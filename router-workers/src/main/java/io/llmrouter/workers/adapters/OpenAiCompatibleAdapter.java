package io.llmrouter.workers.adapters;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.workers.ProviderAdapter;

/**
 * The adapter for every provider that speaks OpenAI's Chat Completions API: OpenAI itself, Groq,
 * Together, Mistral, DeepSeek, vLLM, Ollama's {@code /v1}, the built-in simulator and others.
 */
public final class OpenAiCompatibleAdapter implements ProviderAdapter {

    private final String providerId;
    private final ProviderConfig provider;
    private final HttpClient http;
    private final Clock clock;
    private final URI endpoint;

    public OpenAiCompatibleAdapter(String providerId, ProviderConfig provider, HttpClient http, Clock clock) {
        this.providerId = providerId;
        this.provider = provider;
        this.http = http;
        this.clock = clock;
        this.endpoint = URI.create(provider.baseUrl().replaceAll("/+$", "") + "/chat/completions");
    }

    @Override
    public CompletableFuture<UpstreamResult> complete(LlmRequest request) {
        long started = clock.millis();
        HttpRequest.Builder call = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMillis(provider.timeoutMs()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(WireFormat.toBytes(upstreamBody(request))));
        if (!provider.apiKey().isEmpty()) {
            call.header("Authorization", "Bearer " + provider.apiKey().reveal());
        }
        return http.sendAsync(call.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> interpret(response, clock.millis() - started))
                .exceptionally(failure -> UpstreamResult.failure(describe(failure), clock.millis() - started));
    }

    /** The caller's body with the routed model; streaming is relayed as one completion for now. */
    private static ObjectNode upstreamBody(LlmRequest request) {
        ObjectNode body = request.body().deepCopy();
        body.put("model", request.route().model());
        body.remove("stream");
        body.remove("stream_options");
        return body;
    }

    private UpstreamResult interpret(HttpResponse<byte[]> response, long latencyMs) {
        JsonNode json;
        try {
            json = WireFormat.mapper().readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        int status = response.statusCode();
        if (status == 200) {
            if (json instanceof ObjectNode completion && completion.path("choices").isArray()) {
                return UpstreamResult.success(completion, latencyMs);
            }
            return UpstreamResult.failure(ErrorInfo.upstream(providerId + " answered 200 with a body that is not a "
                    + "chat completion"), latencyMs);
        }
        String upstreamMessage = json == null ? "" : json.path("error").path("message").asText("");
        return UpstreamResult.failure(UpstreamErrors.fromStatus(providerId, status, upstreamMessage), latencyMs);
    }

    private ErrorInfo describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return ErrorInfo.timeout(providerId + " did not answer within " + provider.timeoutMs() + " ms");
        }
        return ErrorInfo.upstream("Cannot reach " + providerId + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
    }
}
