package io.llmrouter.workers.adapters;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.workers.AdapterContext;
import io.llmrouter.workers.ChunkSink;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/** The adapter for Anthropic's Messages API: OpenAI requests in, OpenAI completions and chunks out. */
public final class AnthropicAdapter implements ProviderAdapter {

    /** Default for the {@code anthropic-version} option. */
    public static final String DEFAULT_VERSION = "2023-06-01";
    /** Default for the {@code default-max-tokens} option, used when the caller sets no limit. */
    public static final String DEFAULT_MAX_TOKENS = "4096";

    private final AdapterContext context;
    private final UpstreamCall call;
    private final String endpoint;
    private final int defaultMaxTokens;

    public AnthropicAdapter(AdapterContext context) {
        this.context = context;
        this.call = new UpstreamCall(context);
        this.endpoint = context.baseUrl() + "/v1/messages";
        // Read once, so a mistyped option fails when the adapter is made rather than on every call.
        this.defaultMaxTokens = Integer.parseInt(context.option("default-max-tokens", DEFAULT_MAX_TOKENS));
    }

    @Override
    public CompletableFuture<UpstreamResult> complete(LlmRequest request) {
        long started = context.clock().millis();
        ObjectNode body;
        try {
            body = upstreamBody(request);
        } catch (AnthropicRequest.Unmappable e) {
            return CompletableFuture.completedFuture(unmappable(e));
        }
        return call.send(options(), Buffer.buffer(WireFormat.toBytes(body))).handle((reply, failure) -> {
            long latency = context.clock().millis() - started;
            if (failure != null) {
                return UpstreamErrors.fromThrowable(context.providerId(), failure, context.provider().timeoutMs(), latency);
            }
            if (reply.status() != 200) {
                return UpstreamErrors.fromStatus(context.providerId(), reply.status(),
                        OpenAiCompatibleAdapter.errorMessage(reply.body()), reply.headers(), context.provider().apiKey(),
                        latency);
            }
            JsonNode json = parse(reply.body());
            if (json != null && "message".equals(json.path("type").asText()) && json.path("content").isArray()) {
                return UpstreamResult.success(completion(json), latency);
            }
            return UpstreamErrors.malformed(context.providerId(), "a body that is not a message",
                    reply.body().toString(), latency);
        });
    }

    @Override
    public CompletableFuture<UpstreamResult> stream(LlmRequest request, ChunkSink sink) {
        ObjectNode body;
        try {
            body = upstreamBody(request).put("stream", true);
        } catch (AnthropicRequest.Unmappable e) {
            return CompletableFuture.completedFuture(unmappable(e));
        }
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(context.clock().instant().getEpochSecond());
        return new StreamingExchange(context, call).run(options(), Buffer.buffer(WireFormat.toBytes(body)), decoder, sink,
                OpenAiCompatibleAdapter::errorMessage);
    }

    private ObjectNode upstreamBody(LlmRequest request) {
        return AnthropicRequest.from(request.body(), context.upstreamModel(request), defaultMaxTokens);
    }

    private UpstreamResult unmappable(AnthropicRequest.Unmappable e) {
        return UpstreamResult.failure(UpstreamResult.Failure.INVALID_REQUEST,
                ErrorInfo.invalidRequest(context.providerId() + ": " + e.getMessage(), e.param()), null, 0);
    }

    private RequestOptions options() {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(endpoint)
                .setIdleTimeout(context.provider().timeoutMs())
                .putHeader("Content-Type", "application/json")
                .putHeader("anthropic-version", context.option("anthropic-version", DEFAULT_VERSION));
        if (!context.provider().apiKey().isEmpty()) {
            options.putHeader("x-api-key", context.provider().apiKey().reveal());
        }
        return options;
    }

    private ObjectNode completion(JsonNode message) {
        ObjectNode completion = WireFormat.mapper().createObjectNode()
                .put("id", message.path("id").asText())
                .put("object", "chat.completion")
                .put("created", context.clock().instant().getEpochSecond())
                .put("model", message.path("model").asText());
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode answer = choice.putObject("message").put("role", "assistant");
        StringBuilder text = new StringBuilder();
        boolean hasText = false;
        ArrayNode calls = WireFormat.mapper().createArrayNode();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> {
                    hasText = true;
                    text.append(block.path("text").asText());
                }
                case "tool_use" -> {
                    ObjectNode toolCall = calls.addObject().put("id", block.path("id").asText()).put("type", "function");
                    toolCall.putObject("function").put("name", block.path("name").asText())
                            .put("arguments", block.path("input").toString());
                }
                // thinking blocks and server tool results have no place in an OpenAI message.
                default -> {
                }
            }
        }
        if (hasText) {
            answer.put("content", text.toString());
        } else {
            answer.putNull("content");
        }
        if (!calls.isEmpty()) {
            answer.set("tool_calls", calls);
        }
        choice.put("finish_reason", finishReason(message.path("stop_reason").asText(null)));
        completion.set("usage", usage(message.path("usage")));
        return completion;
    }

    /** OpenAI's finish reason for an Anthropic stop reason. */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    /** OpenAI usage for Anthropic usage, where cached prompt tokens are counted apart from the others. */
    static ObjectNode usage(JsonNode usage) {
        long cacheRead = usage.path("cache_read_input_tokens").asLong(0);
        long prompt = usage.path("input_tokens").asLong(0) + usage.path("cache_creation_input_tokens").asLong(0) + cacheRead;
        long completion = usage.path("output_tokens").asLong(0);
        ObjectNode out = WireFormat.mapper().createObjectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        if (cacheRead > 0) {
            out.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
        }
        return out;
    }

    private static JsonNode parse(Buffer bytes) {
        try {
            return WireFormat.mapper().readTree(bytes.getBytes());
        } catch (IOException e) {
            return null;
        }
    }
}
