package io.llmrouter.workers.adapters;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

/** The adapter for Azure OpenAI: OpenAI's Chat Completions sent to a deployment, with an {@code api-key} header. */
public final class AzureOpenAiAdapter implements ProviderAdapter {

    /** Default for the {@code api-version} option: the newest GA version with {@code stream_options}. */
    public static final String DEFAULT_API_VERSION = "2024-10-21";

    private final AdapterContext context;
    private final UpstreamCall call;
    private final String apiVersion;

    public AzureOpenAiAdapter(AdapterContext context) {
        this.context = context;
        this.call = new UpstreamCall(context);
        this.apiVersion = URLEncoder.encode(context.option("api-version", DEFAULT_API_VERSION), StandardCharsets.UTF_8);
    }

    @Override
    public CompletableFuture<UpstreamResult> complete(LlmRequest request) {
        long started = context.clock().millis();
        ObjectNode body = upstreamBody(request);
        body.remove("stream");
        body.remove("stream_options");
        return call.send(options(request), Buffer.buffer(WireFormat.toBytes(body))).handle((reply, failure) -> {
            long latency = context.clock().millis() - started;
            if (failure != null) {
                return UpstreamErrors.fromThrowable(context.providerId(), failure, context.provider().timeoutMs(), latency);
            }
            if (reply.status() != 200) {
                return UpstreamErrors.fromStatus(context.providerId(), reply.status(),
                        OpenAiCompatibleAdapter.errorMessage(reply.body()), reply.headers(), context.provider().apiKey(),
                        latency);
            }
            if (parse(reply.body().toString(StandardCharsets.UTF_8)) instanceof ObjectNode completion
                    && completion.path("choices").isArray()) {
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
                .map(AzureOpenAiAdapter::chunk)
                .filter(AzureOpenAiAdapter::carriesAnswer)
                .toList();
        return new StreamingExchange(context, call).run(options(request), Buffer.buffer(WireFormat.toBytes(body)),
                decoder, sink, OpenAiCompatibleAdapter::errorMessage);
    }

    /** The deployment, not the body, names the model at Azure. */
    private static ObjectNode upstreamBody(LlmRequest request) {
        ObjectNode body = request.body().deepCopy();
        body.remove("model");
        return body;
    }

    private RequestOptions options(LlmRequest request) {
        String deployment = URLEncoder.encode(context.upstreamModel(request), StandardCharsets.UTF_8).replace("+", "%20");
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(context.baseUrl() + "/openai/deployments/" + deployment
                        + "/chat/completions?api-version=" + apiVersion)
                .setIdleTimeout(context.provider().timeoutMs())
                .putHeader("Content-Type", "application/json");
        if (!context.provider().apiKey().isEmpty()) {
            options.putHeader("api-key", context.provider().apiKey().reveal());
        }
        return options;
    }

    private static ObjectNode chunk(String data) {
        if (parse(data) instanceof ObjectNode chunk) {
            if (chunk.has("error")) {
                throw new ChunkDecoder.StreamFailure(502, chunk.path("error").path("message").asText("stream error"));
            }
            return chunk;
        }
        throw new ChunkDecoder.StreamFailure(502, "unreadable stream event: " + data);
    }

    /**
     * False for Azure's content-filter preamble: a chunk with no choices, an empty id and no usage.
     * Relayed, it would count as the first token and blank the assembled answer's id and model.
     */
    private static boolean carriesAnswer(ObjectNode chunk) {
        return !chunk.path("choices").isEmpty() || chunk.hasNonNull("usage");
    }

    private static JsonNode parse(String text) {
        try {
            return WireFormat.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
