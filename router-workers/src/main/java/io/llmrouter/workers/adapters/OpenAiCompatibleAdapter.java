package io.llmrouter.workers.adapters;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.workers.AdapterContext;
import io.llmrouter.workers.ChunkSink;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The adapter for every provider that speaks OpenAI's Chat Completions API: OpenAI, Groq, Together,
 * Mistral, DeepSeek, Fireworks, OpenRouter, xAI, Perplexity, Cerebras, vLLM, LM Studio and the simulator.
 */
public final class OpenAiCompatibleAdapter implements ProviderAdapter {

    private final AdapterContext context;
    private final UpstreamCall call;
    private final String endpoint;

    public OpenAiCompatibleAdapter(AdapterContext context) {
        this.context = context;
        this.call = new UpstreamCall(context);
        this.endpoint = context.baseUrl() + "/chat/completions";
    }

    @Override
    public CompletableFuture<UpstreamResult> complete(LlmRequest request) {
        long started = context.clock().millis();
        ObjectNode body = upstreamBody(request);
        body.remove("stream");
        body.remove("stream_options");
        return call.send(options(), Buffer.buffer(WireFormat.toBytes(body))).handle((reply, failure) -> {
            long latency = context.clock().millis() - started;
            if (failure != null) {
                return UpstreamErrors.fromThrowable(context.providerId(), failure, context.provider().timeoutMs(), latency);
            }
            if (reply.status() != 200) {
                return UpstreamErrors.fromStatus(context.providerId(), reply.status(), errorMessage(reply.body()),
                        reply.headers(), context.provider().apiKey(), latency);
            }
            JsonNode json = parse(reply.body());
            if (json instanceof ObjectNode completion && completion.path("choices").isArray()) {
                return UpstreamResult.success(completion, latency);
            }
            return UpstreamErrors.malformed(context.providerId(), "a body that is not a chat completion",
                    reply.body().toString(), latency);
        });
    }

    @Override
    public CompletableFuture<UpstreamResult> stream(LlmRequest request, ChunkSink sink) {
        ObjectNode body = upstreamBody(request).put("stream", true);
        // Usage comes only in a last chunk, and only when asked for; the reply needs it.
        body.putObject("stream_options").put("include_usage", true);
        ServerSentEvents events = new ServerSentEvents();
        ChunkDecoder decoder = piece -> events.feed(piece).stream()
                .map(ServerSentEvents.Event::data)
                .filter(data -> !data.isBlank() && !"[DONE]".equals(data.trim()))
                .map(OpenAiCompatibleAdapter::chunk)
                .toList();
        return new StreamingExchange(context, call).run(options(), Buffer.buffer(WireFormat.toBytes(body)), decoder, sink,
                OpenAiCompatibleAdapter::errorMessage);
    }

    private ObjectNode upstreamBody(LlmRequest request) {
        ObjectNode body = request.body().deepCopy();
        body.put("model", context.upstreamModel(request));
        return body;
    }

    private RequestOptions options() {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(endpoint)
                .setIdleTimeout(context.provider().timeoutMs())
                .putHeader("Content-Type", "application/json");
        if (!context.provider().apiKey().isEmpty()) {
            options.putHeader("Authorization", "Bearer " + context.provider().apiKey().reveal());
        }
        return options;
    }

    private static ObjectNode chunk(String data) {
        if (parse(Buffer.buffer(data)) instanceof ObjectNode chunk) {
            if (chunk.has("error")) {
                throw new ChunkDecoder.StreamFailure(502, chunk.path("error").path("message").asText("stream error"));
            }
            return chunk;
        }
        throw new ChunkDecoder.StreamFailure(502, "unreadable stream event: " + data);
    }

    static String errorMessage(Buffer body) {
        JsonNode json = parse(body);
        return json == null ? "" : json.path("error").path("message").asText("");
    }

    private static JsonNode parse(Buffer bytes) {
        try {
            return WireFormat.mapper().readTree(bytes.getBytes());
        } catch (IOException e) {
            return null;
        }
    }
}
