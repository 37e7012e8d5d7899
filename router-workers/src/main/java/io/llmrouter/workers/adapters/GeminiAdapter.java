package io.llmrouter.workers.adapters;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
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

/** The adapter for Google's Gemini API ({@code generateContent}), answering in OpenAI's shapes. */
public final class GeminiAdapter implements ProviderAdapter {

    private final AdapterContext context;
    private final UpstreamCall call;

    public GeminiAdapter(AdapterContext context) {
        this.context = context;
        this.call = new UpstreamCall(context);
    }

    @Override
    public CompletableFuture<UpstreamResult> complete(LlmRequest request) {
        long started = context.clock().millis();
        String model = context.upstreamModel(request);
        ObjectNode body;
        try {
            body = GeminiFormat.of(request.body(), model);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(unsupported(e));
        }
        Buffer bytes = Buffer.buffer(WireFormat.toBytes(body));
        return call.send(options(model, ":generateContent"), bytes).handle((reply, failure) -> {
            long latency = context.clock().millis() - started;
            if (failure != null) {
                return UpstreamErrors.fromThrowable(context.providerId(), failure, context.provider().timeoutMs(), latency);
            }
            if (reply.status() != 200) {
                return refine(UpstreamErrors.fromStatus(context.providerId(), reply.status(), errorMessage(reply.body()),
                        reply.headers(), context.provider().apiKey(), latency), reply.body());
            }
            JsonNode json = parse(reply.body());
            String blocked = blockedPrompt(json);
            if (blocked != null) {
                return UpstreamResult.failure(UpstreamResult.Failure.INVALID_REQUEST, new ErrorInfo(400,
                        "invalid_request_error", "prompt_blocked", blocked, "messages"), null, latency);
            }
            if (json instanceof ObjectNode answer && answer.path("candidates").path(0).isObject()) {
                return UpstreamResult.success(completion(answer, model), latency);
            }
            return UpstreamErrors.malformed(context.providerId(), "a body that is not a generateContent response",
                    reply.body().toString(), latency);
        });
    }

    @Override
    public CompletableFuture<UpstreamResult> stream(LlmRequest request, ChunkSink sink) {
        String model = context.upstreamModel(request);
        ObjectNode body;
        try {
            body = GeminiFormat.of(request.body(), model);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(unsupported(e));
        }
        // StreamingExchange maps the status alone; Gemini's body says more (a refused key is a 400).
        AtomicReference<Buffer> errorBody = new AtomicReference<>();
        return new StreamingExchange(context, call).run(options(model, ":streamGenerateContent?alt=sse"),
                Buffer.buffer(WireFormat.toBytes(body)), new Decoder(model), sink, bytes -> {
                    errorBody.set(bytes);
                    return errorMessage(bytes);
                }).thenApply(result -> errorBody.get() == null ? result : refine(result, errorBody.get()));
    }

    private RequestOptions options(String model, String method) {
        // Tuned models live under tunedModels/, every other model under models/.
        String resource = model.contains("/") ? model : "models/" + model;
        String version = context.option("api-version", "v1beta");
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(context.baseUrl() + "/" + version + "/" + resource + method)
                .setIdleTimeout(context.provider().timeoutMs())
                .putHeader("Content-Type", "application/json");
        if (!context.provider().apiKey().isEmpty()) {
            options.putHeader("x-goog-api-key", context.provider().apiKey().reveal());
        }
        return options;
    }

    private UpstreamResult unsupported(IllegalArgumentException e) {
        String message = context.providerId() + " cannot take the request: " + e.getMessage();
        return UpstreamResult.failure(UpstreamResult.Failure.INVALID_REQUEST, ErrorInfo.invalidRequest(message, null),
                null, 0);
    }

    /** Gemini answers a bad key with 400 INVALID_ARGUMENT, and its retry delay sits in the body, not a header. */
    private UpstreamResult refine(UpstreamResult result, Buffer body) {
        for (JsonNode detail : parse(body).path("error").path("details")) {
            if ("API_KEY_INVALID".equals(detail.path("reason").asText())) {
                return UpstreamErrors.fromStatus(context.providerId(), 401, "", null, context.provider().apiKey(),
                        result.latencyMs());
            }
            String delay = detail.path("retryDelay").asText("");
            if (result.retryAfter() == null && delay.matches("\\d+(\\.\\d+)?s")) {
                Duration retryAfter = Duration.ofMillis((long) (Double.parseDouble(delay.replace("s", "")) * 1000));
                return new UpstreamResult(null, result.error(), result.failure(), retryAfter, result.latencyMs());
            }
        }
        return result;
    }

    private String blockedPrompt(JsonNode answer) {
        JsonNode feedback = answer.path("promptFeedback");
        if (!feedback.hasNonNull("blockReason") || answer.path("candidates").path(0).isObject()) {
            return null;
        }
        return context.providerId() + " blocked the prompt (" + feedback.get("blockReason").asText() + ")"
                + (feedback.hasNonNull("blockReasonMessage") ? ": " + feedback.get("blockReasonMessage").asText() : "");
    }

    private ObjectNode completion(ObjectNode answer, String model) {
        JsonNode candidate = answer.path("candidates").path(0);
        JsonNode parts = candidate.path("content").path("parts");
        ArrayNode calls = toolCalls(parts, new int[1], false);
        ObjectNode completion = WireFormat.mapper().createObjectNode()
                .put("id", "chatcmpl-" + answer.path("responseId").asText(UUID.randomUUID().toString()))
                .put("object", "chat.completion")
                .put("created", context.clock().millis() / 1000)
                .put("model", answer.path("modelVersion").asText(model));
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        String text = text(parts);
        message.set("content", text.isEmpty() && !calls.isEmpty() ? NullNode.getInstance() : TextNode.valueOf(text));
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        String reason = candidate.path("finishReason").asText("");
        choice.put("finish_reason", GeminiFormat.finishReason(reason, !calls.isEmpty()));
        if (answer.path("usageMetadata").isObject()) {
            completion.set("usage", GeminiFormat.usage(answer.get("usageMetadata")));
        }
        return completion;
    }

    // Thought summaries are the model's reasoning, not its answer.
    private static String text(JsonNode parts) {
        return StreamSupport.stream(parts.spliterator(), false)
                .filter(part -> part.has("text") && !part.path("thought").asBoolean(false))
                .map(part -> part.get("text").asText()).collect(Collectors.joining());
    }

    /** OpenAI tool calls for the function calls among {@code parts}; {@code next} numbers them across a stream. */
    private static ArrayNode toolCalls(JsonNode parts, int[] next, boolean delta) {
        ArrayNode calls = WireFormat.mapper().createArrayNode();
        for (JsonNode part : parts) {
            JsonNode function = part.path("functionCall");
            if (!function.isObject()) {
                continue;
            }
            int index = next[0]++;
            ObjectNode call = calls.addObject();
            if (delta) {
                call.put("index", index);
            }
            call.put("id", function.path("id").asText("call_" + index)).put("type", "function");
            call.putObject("function").put("name", function.path("name").asText(""))
                    .put("arguments", function.path("args").isObject() ? function.get("args").toString() : "{}");
            // Where Gemini's own OpenAI-compatible endpoint puts it, so such clients hand it back.
            if (part.hasNonNull("thoughtSignature")) {
                call.putObject("extra_content").putObject("google").put("thought_signature",
                        part.get("thoughtSignature").asText());
            }
        }
        return calls;
    }

    private static String errorMessage(Buffer body) {
        return parse(body).path("error").path("message").asText("");
    }

    /** The JSON of a body, or a missing node when it is not JSON. */
    private static JsonNode parse(Buffer bytes) {
        try {
            return WireFormat.mapper().readTree(bytes.getBytes());
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** Turns {@code streamGenerateContent?alt=sse} events, each a whole response for its piece, into chunks. */
    private final class Decoder implements ChunkDecoder {
        private final ServerSentEvents events = new ServerSentEvents();
        private final String id = "chatcmpl-" + UUID.randomUUID();
        private final long created = context.clock().millis() / 1000;
        private final int[] toolCalls = new int[1];
        private String model;
        private boolean started;

        Decoder(String model) {
            this.model = model;
        }

        @Override
        public List<ObjectNode> decode(Buffer piece) {
            List<ObjectNode> chunks = new ArrayList<>();
            events.feed(piece).stream().map(ServerSentEvents.Event::data).filter(data -> !data.isBlank())
                    .forEach(data -> read(data, chunks));
            return chunks;
        }

        private void read(String data, List<ObjectNode> chunks) {
            if (!(parse(Buffer.buffer(data)) instanceof ObjectNode answer)) {
                throw new StreamFailure(502, "unreadable stream event: " + excerpt(data));
            }
            if (answer.has("error")) {
                throw new StreamFailure(answer.path("error").path("code").asInt(502),
                        answer.path("error").path("message").asText("stream error"));
            }
            String blocked = blockedPrompt(answer);
            if (blocked != null) {
                throw new StreamFailure(400, blocked);
            }
            if (!started) {
                started = true;
                model = answer.path("modelVersion").asText(model);
                ObjectNode role = WireFormat.mapper().createObjectNode().put("role", "assistant").put("content", "");
                chunks.add(chunk(role, null));
            }
            JsonNode candidate = answer.path("candidates").path(0);
            String text = text(candidate.path("content").path("parts"));
            if (!text.isEmpty()) {
                chunks.add(chunk(WireFormat.mapper().createObjectNode().put("content", text), null));
            }
            ArrayNode calls = toolCalls(candidate.path("content").path("parts"), toolCalls, true);
            if (!calls.isEmpty()) {
                chunks.add(chunk((ObjectNode) WireFormat.mapper().createObjectNode().set("tool_calls", calls), null));
            }
            if (candidate.hasNonNull("finishReason")) {
                chunks.add(chunk(WireFormat.mapper().createObjectNode(),
                        GeminiFormat.finishReason(candidate.get("finishReason").asText(), toolCalls[0] > 0)));
                // Each event counts the tokens so far, so the finishing one's usage is the whole call's.
                if (answer.path("usageMetadata").isObject()) {
                    chunks.add(chunk(null, null).set("usage", GeminiFormat.usage(answer.get("usageMetadata"))));
                }
            }
        }

        private ObjectNode chunk(ObjectNode delta, String finishReason) {
            return OpenAiChunks.chunk(id, created, model, delta, finishReason);
        }
    }
}
