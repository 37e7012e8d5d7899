package io.llmrouter.bridge.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.vertx.core.http.HttpServerResponse;

/** OpenAI's streamed chat completion: {@code data: {chunk}} events, the usage chunk when asked, then {@code [DONE]}. */
public final class OpenAiStreamFormat implements StreamFormat {

    private final StreamUsage usage;
    private ObjectNode lastChunk;
    private boolean usageSent;

    public OpenAiStreamFormat(StreamUsage usage) {
        this.usage = usage;
    }

    @Override
    public List<String> chunk(ObjectNode chunk) {
        return usage.shape(chunk).map(shaped -> List.of(send(shaped))).orElse(List.of());
    }

    @Override
    public List<String> end(ObjectNode completion) {
        List<String> events = new ArrayList<>();
        if (lastChunk == null && completion != null) {
            usage.shape(CompletionChunk.of(completion)).ifPresent(shaped -> events.add(send(shaped)));
        }
        JsonNode total = completion == null ? null : completion.get("usage");
        if (usage.included() && !usageSent && lastChunk != null && total != null && total.isObject()) {
            events.add(send(StreamUsage.usageChunk(lastChunk, total)));
        }
        events.add(ServerSentEvents.DONE);
        return events;
    }

    @Override
    public String failure(ErrorInfo error) {
        return ServerSentEvents.error(error);
    }

    @Override
    public void plain(HttpServerResponse response, String requestId, LlmReply reply, long startedNanos) {
        OpenAiResponses.reply(response, requestId, reply, startedNanos);
    }

    private String send(ObjectNode chunk) {
        lastChunk = chunk;
        usageSent |= StreamUsage.isUsageOnly(chunk);
        return ServerSentEvents.data(chunk);
    }
}
