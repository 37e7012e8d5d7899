package io.llmrouter.workers.plugin;

import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.workers.AdapterContext;
import io.llmrouter.workers.ChunkSink;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;

/** Answers every request with a {@code chat.completion} that repeats the last user message; calls nothing. */
final class EchoTestAdapter implements ProviderAdapter {

    private final AdapterContext context;

    EchoTestAdapter(AdapterContext context) {
        this.context = context;
    }

    AdapterContext context() {
        return context;
    }

    @Override
    public CompletableFuture<UpstreamResult> complete(LlmRequest request) {
        return CompletableFuture.completedFuture(UpstreamResult.success(completion(request), 0));
    }

    @Override
    public CompletableFuture<UpstreamResult> stream(LlmRequest request, ChunkSink sink) {
        ObjectNode chunk = WireFormat.mapper().createObjectNode()
                .put("id", "chatcmpl-echo-" + request.requestId())
                .put("object", "chat.completion.chunk")
                .put("created", context.clock().instant().getEpochSecond())
                .put("model", context.upstreamModel(request));
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta").put("role", "assistant").put("content", lastUserMessage(request));
        choice.put("finish_reason", "stop");
        sink.chunk(chunk);
        return complete(request);
    }

    private ObjectNode completion(LlmRequest request) {
        ObjectNode completion = WireFormat.mapper().createObjectNode()
                .put("id", "chatcmpl-echo-" + request.requestId())
                .put("object", "chat.completion")
                .put("created", context.clock().instant().getEpochSecond())
                .put("model", context.upstreamModel(request));
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", lastUserMessage(request));
        choice.put("finish_reason", "stop");
        completion.putObject("usage").put("prompt_tokens", 0).put("completion_tokens", 0).put("total_tokens", 0);
        return completion;
    }

    private static String lastUserMessage(LlmRequest request) {
        String last = "";
        for (JsonNode message : request.body().path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                last = text(message.path("content"));
            }
        }
        return last;
    }

    /** A message's text: the string itself, or its text parts joined. */
    private static String text(JsonNode content) {
        if (!content.isArray()) {
            return content.asText("");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }
}
