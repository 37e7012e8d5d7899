package io.llmrouter.workers.adapters;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.workers.ProviderAdapter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The adapter for every provider that speaks OpenAI's Chat Completions API: OpenAI itself, Groq,
 * Together, Mistral, DeepSeek, vLLM, Ollama's {@code /v1}, the built-in simulator and others.
 */
public final class OpenAiCompatibleAdapter implements ProviderAdapter {

    private final String providerId;
    private final ProviderConfig provider;
    private final HttpClient http;
    private final Clock clock;
    private final String endpoint;
    private final Context context;

    public OpenAiCompatibleAdapter(String providerId, ProviderConfig provider, Vertx vertx, HttpClient http, Clock clock) {
        this.providerId = providerId;
        this.context = vertx.getOrCreateContext();
        this.provider = provider;
        this.http = http;
        this.clock = clock;
        this.endpoint = provider.baseUrl().replaceAll("/+$", "") + "/chat/completions";
    }

    @Override
    public CompletableFuture<UpstreamResult> complete(LlmRequest request) {
        long started = clock.millis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(endpoint)
                .setIdleTimeout(provider.timeoutMs())
                .putHeader("Content-Type", "application/json");
        if (!provider.apiKey().isEmpty()) {
            options.putHeader("Authorization", "Bearer " + provider.apiKey().reveal());
        }
        Buffer body = Buffer.buffer(WireFormat.toBytes(upstreamBody(request)));
        CompletableFuture<UpstreamResult> result = new CompletableFuture<>();
        // The whole exchange runs on one event loop: a response whose body is read from another
        // thread can finish before its body handler is set, and then reads as empty.
        context.runOnContext(ignored -> http.request(options)
                .compose(call -> call.send(body)
                        .compose(response -> response.body()
                                .map(bytes -> interpret(response, bytes, clock.millis() - started))))
                .onComplete(outcome -> result.complete(outcome.succeeded() ? outcome.result()
                        : UpstreamResult.failure(describe(outcome.cause()), clock.millis() - started))));
        return result;
    }

    /** The caller's body with the routed model; streaming is relayed as one completion for now. */
    private static ObjectNode upstreamBody(LlmRequest request) {
        ObjectNode body = request.body().deepCopy();
        body.put("model", request.route().model());
        body.remove("stream");
        body.remove("stream_options");
        return body;
    }

    private UpstreamResult interpret(HttpClientResponse response, Buffer bytes, long latencyMs) {
        JsonNode json;
        try {
            json = WireFormat.mapper().readTree(bytes.getBytes());
        } catch (IOException e) {
            json = null;
        }
        int status = response.statusCode();
        if (status == 200) {
            if (json instanceof ObjectNode completion && completion.path("choices").isArray()) {
                return UpstreamResult.success(completion, latencyMs);
            }
            return UpstreamResult.failure(ErrorInfo.upstream(providerId + " answered 200 with a body that is not a "
                    + "chat completion: " + excerpt(bytes)), latencyMs);
        }
        String upstreamMessage = json == null ? "" : json.path("error").path("message").asText("");
        if (!provider.apiKey().isEmpty()) {
            // Upstreams sometimes quote the key they were sent; the caller must never see it.
            upstreamMessage = upstreamMessage.replace(provider.apiKey().reveal(), "****");
        }
        return UpstreamResult.failure(UpstreamErrors.fromStatus(providerId, status, upstreamMessage), latencyMs);
    }

    private static String excerpt(Buffer bytes) {
        String text = bytes.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private ErrorInfo describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
            return ErrorInfo.timeout(providerId + " did not answer within " + provider.timeoutMs() + " ms");
        }
        return ErrorInfo.upstream("Cannot reach " + providerId + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
    }
}
