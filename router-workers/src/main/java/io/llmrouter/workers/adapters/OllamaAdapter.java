package io.llmrouter.workers.adapters;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

/** The adapter for Ollama's native chat API ({@code /api/chat}), answering in OpenAI's shapes. */
public final class OllamaAdapter implements ProviderAdapter {

    private final AdapterContext context;
    private final UpstreamCall call;
    private final String endpoint;
    private final String contextLength;

    public OllamaAdapter(AdapterContext context) {
        this.context = context;
        this.call = new UpstreamCall(context);
        this.contextLength = context.option("num-ctx", "");
        if (!contextLength.matches("\\d*")) {
            throw new IllegalArgumentException("providers." + context.providerId() + ".options.num-ctx: '"
                    + contextLength + "' is not a number of tokens");
        }
        // A base URL written for Ollama's OpenAI-compatible API ends in /v1; the native API sits beside it.
        this.endpoint = context.baseUrl().replaceAll("/v1$", "") + "/api/chat";
    }

    @Override
    public CompletableFuture<UpstreamResult> complete(LlmRequest request) {
        long started = context.clock().millis();
        ObjectNode body;
        try {
            body = body(request, false);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(unsupported(e));
        }
        return call.send(options(), Buffer.buffer(WireFormat.toBytes(body))).handle((reply, failure) -> {
            long latency = context.clock().millis() - started;
            if (failure != null) {
                return UpstreamErrors.fromThrowable(context.providerId(), failure, context.provider().timeoutMs(), latency);
            }
            if (reply.status() != 200) {
                return UpstreamErrors.fromStatus(context.providerId(), reply.status(), errorMessage(reply.body()),
                        reply.headers(), context.provider().apiKey(), latency);
            }
            if (parse(reply.body()) instanceof ObjectNode answer && answer.path("message").isObject()) {
                return UpstreamResult.success(completion(answer, body.path("model").asText()), latency);
            }
            return UpstreamErrors.malformed(context.providerId(), "a body that is not a chat response",
                    reply.body().toString(), latency);
        });
    }

    @Override
    public CompletableFuture<UpstreamResult> stream(LlmRequest request, ChunkSink sink) {
        ObjectNode body;
        try {
            body = body(request, true);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(unsupported(e));
        }
        return new StreamingExchange(context, call).run(options(), Buffer.buffer(WireFormat.toBytes(body)),
                new Decoder(body.path("model").asText()), sink, OllamaAdapter::errorMessage);
    }

    private ObjectNode body(LlmRequest request, boolean stream) {
        ObjectNode body = OllamaMessages.of(request.body(), context.upstreamModel(request)).put("stream", stream);
        // Ollama's default context is small and truncates long prompts silently; operators can raise it.
        if (!contextLength.isEmpty()) {
            (body.has("options") ? (ObjectNode) body.get("options") : body.putObject("options"))
                    .put("num_ctx", Long.parseLong(contextLength));
        }
        String keepAlive = context.option("keep-alive", "");
        if (!keepAlive.isEmpty()) {
            body.put("keep_alive", keepAlive);
        }
        return body;
    }

    private RequestOptions options() {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(endpoint)
                .setIdleTimeout(context.provider().timeoutMs())
                .putHeader("Content-Type", "application/json");
        // Ollama itself takes no key; a proxy in front of it, or Ollama's cloud, may.
        if (!context.provider().apiKey().isEmpty()) {
            options.putHeader("Authorization", "Bearer " + context.provider().apiKey().reveal());
        }
        return options;
    }

    private UpstreamResult unsupported(IllegalArgumentException e) {
        String message = context.providerId() + " cannot take the request: " + e.getMessage();
        return UpstreamResult.failure(UpstreamResult.Failure.INVALID_REQUEST, ErrorInfo.invalidRequest(message, null),
                null, 0);
    }

    private ObjectNode completion(ObjectNode answer, String model) {
        JsonNode reply = answer.get("message");
        ArrayNode calls = toolCalls(reply.path("tool_calls"), new int[1], false);
        ObjectNode completion = WireFormat.mapper().createObjectNode()
                .put("id", "chatcmpl-" + UUID.randomUUID())
                .put("object", "chat.completion")
                .put("created", created(answer))
                .put("model", answer.path("model").asText(model));
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        String content = reply.path("content").asText("");
        if (content.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        choice.put("finish_reason", finishReason(answer.path("done_reason").asText(""), !calls.isEmpty()));
        completion.set("usage", usage(answer));
        return completion;
    }

    private long created(JsonNode answer) {
        try {
            return OffsetDateTime.parse(answer.path("created_at").asText("")).toEpochSecond();
        } catch (DateTimeParseException e) {
            return context.clock().millis() / 1000;
        }
    }

    /** OpenAI tool calls for Ollama's; {@code next} numbers them across a stream, for ids Ollama did not give. */
    private static ArrayNode toolCalls(JsonNode ollamaCalls, int[] next, boolean delta) {
        ArrayNode calls = WireFormat.mapper().createArrayNode();
        for (JsonNode ollamaCall : ollamaCalls) {
            int index = next[0]++;
            ObjectNode call = calls.addObject();
            if (delta) {
                call.put("index", index);
            }
            call.put("id", ollamaCall.path("id").asText("call_" + index)).put("type", "function");
            JsonNode function = ollamaCall.path("function");
            JsonNode arguments = function.path("arguments");
            call.putObject("function").put("name", function.path("name").asText("")).put("arguments",
                    arguments.isTextual() ? arguments.asText() : arguments.isObject() ? arguments.toString() : "{}");
        }
        return calls;
    }

    private static String finishReason(String doneReason, boolean toolCalls) {
        if (toolCalls) {
            return "tool_calls";
        }
        return "length".equals(doneReason) ? "length" : "stop";
    }

    private static ObjectNode usage(JsonNode answer) {
        // Ollama leaves prompt_eval_count out when the whole prompt came from its cache.
        long prompt = answer.path("prompt_eval_count").asLong(0);
        long completion = answer.path("eval_count").asLong(0);
        return WireFormat.mapper().createObjectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    private static String errorMessage(Buffer body) {
        JsonNode json = parse(body);
        JsonNode error = json == null ? null : json.path("error");
        if (error == null) {
            return excerpt(body.toString());
        }
        return error.isTextual() ? error.asText() : error.path("message").asText("");
    }

    private static JsonNode parse(Buffer bytes) {
        try {
            return WireFormat.mapper().readTree(bytes.getBytes());
        } catch (IOException e) {
            return null;
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** Turns Ollama's NDJSON stream, one response object a line, into chunks. */
    private final class Decoder implements ChunkDecoder {
        private final LineSplitter lines = new LineSplitter();
        private final String id = "chatcmpl-" + UUID.randomUUID();
        private final long created = context.clock().millis() / 1000;
        private final String model;
        private final int[] toolCalls = new int[1];
        private boolean started;

        Decoder(String model) {
            this.model = model;
        }

        @Override
        public List<ObjectNode> decode(Buffer piece) {
            List<ObjectNode> chunks = new ArrayList<>();
            for (String line : lines.feed(piece)) {
                if (!line.isBlank()) {
                    read(line, chunks);
                }
            }
            return chunks;
        }

        private void read(String line, List<ObjectNode> chunks) {
            if (!(parse(Buffer.buffer(line)) instanceof ObjectNode answer)) {
                throw new StreamFailure(502, "unreadable stream line: " + excerpt(line));
            }
            if (answer.has("error")) {
                throw new StreamFailure(500, errorMessage(Buffer.buffer(line)));
            }
            if (!started) {
                started = true;
                ObjectNode role = WireFormat.mapper().createObjectNode().put("role", "assistant").put("content", "");
                chunks.add(chunk(role, null));
            }
            String content = answer.path("message").path("content").asText("");
            if (!content.isEmpty()) {
                chunks.add(chunk(WireFormat.mapper().createObjectNode().put("content", content), null));
            }
            ArrayNode calls = toolCalls(answer.path("message").path("tool_calls"), toolCalls, true);
            if (!calls.isEmpty()) {
                chunks.add(chunk((ObjectNode) WireFormat.mapper().createObjectNode().set("tool_calls", calls), null));
            }
            if (answer.path("done").asBoolean(false)) {
                chunks.add(chunk(WireFormat.mapper().createObjectNode(),
                        finishReason(answer.path("done_reason").asText(""), toolCalls[0] > 0)));
                chunks.add(chunk(null, null).set("usage", usage(answer)));
            }
        }

        private ObjectNode chunk(ObjectNode delta, String finishReason) {
            return OpenAiChunks.chunk(id, created, model, delta, finishReason);
        }
    }
}
