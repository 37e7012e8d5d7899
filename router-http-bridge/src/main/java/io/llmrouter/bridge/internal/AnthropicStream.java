package io.llmrouter.bridge.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.WireFormat;
import io.vertx.core.http.HttpServerResponse;

/**
 * Anthropic's streamed message, built from OpenAI-shaped chunks: {@code message_start} and {@code ping} with the
 * first chunk, a content block per run of text or per tool call ({@code content_block_start}, its
 * {@code text_delta} or {@code input_json_delta} events, {@code content_block_stop}), then {@code message_delta}
 * with the stop reason and usage, and {@code message_stop}.
 *
 * <p>Usage comes at the end, so {@code message_start} reports zero tokens and {@code message_delta} the totals.
 */
public final class AnthropicStream implements StreamFormat {

    private final String messageId;
    private String model;
    private boolean started;
    private boolean anyBlock;
    private int nextIndex;
    private String openKind;
    private int openToolCall = -1;
    private String openToolId = "";
    private String stopReason;
    private JsonNode usage;

    /** A stream for the message named {@code messageId}; {@code model} until a chunk names the serving model. */
    public AnthropicStream(String messageId, String model) {
        this.messageId = messageId;
        this.model = model;
    }

    @Override
    public List<String> chunk(ObjectNode chunk) {
        List<String> events = new ArrayList<>();
        start(events, chunk.path("model").asText(model));
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        text(events, delta.path("content").asText(""));
        text(events, delta.path("refusal").asText(""));
        JsonNode calls = delta.path("tool_calls");
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            int index = call.path("index").asInt(i);
            String id = call.path("id").asText("");
            // Some upstreams repeat a call's id on each of its pieces; only a new index or id starts a new block.
            if (!"tool_use".equals(openKind) || index != openToolCall || !(id.isEmpty() || id.equals(openToolId))) {
                toolBlock(events, index, id, call.path("function").path("name").asText(""));
            }
            String arguments = call.path("function").path("arguments").asText("");
            if (!arguments.isEmpty()) {
                events.add(delta(nextIndex - 1, "input_json_delta", "partial_json", arguments));
            }
        }
        if (choice.hasNonNull("finish_reason")) {
            stopReason = AnthropicMessage.stopReason(choice.get("finish_reason").asText());
        }
        if (chunk.path("usage").isObject()) {
            usage = chunk.get("usage");
        }
        return events;
    }

    @Override
    public List<String> end(ObjectNode completion) {
        List<String> events = new ArrayList<>();
        start(events, completion == null ? model : completion.path("model").asText(model));
        if (!anyBlock && completion != null) {
            // Answered whole (no chunks came): its blocks are sent now, each in one piece.
            wholeMessage(events, AnthropicMessage.of(completion, messageId, model));
        }
        close(events);
        JsonNode total = usage != null ? usage : completion == null ? null : completion.get("usage");
        if (stopReason == null) {
            stopReason = AnthropicMessage.stopReason(completion == null ? null
                    : completion.path("choices").path(0).path("finish_reason").asText(null));
        }
        ObjectNode messageDelta = object("message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        messageDelta.set("usage", AnthropicMessage.usage(total == null ? MissingNode.getInstance() : total));
        events.add(ServerSentEvents.event("message_delta", messageDelta));
        events.add(ServerSentEvents.event("message_stop", object("message_stop")));
        return events;
    }

    @Override
    public String failure(ErrorInfo error) {
        return ServerSentEvents.event("error", AnthropicErrors.body(error, null));
    }

    @Override
    public void plain(HttpServerResponse response, String requestId, LlmReply reply, long startedNanos) {
        AnthropicResponses.reply(response, requestId, messageId, model, reply, startedNanos);
    }

    private void start(List<String> events, String servedModel) {
        if (started) {
            return;
        }
        started = true;
        model = servedModel;
        ObjectNode start = object("message_start");
        start.set("message", AnthropicMessage.skeleton(messageId, model));
        events.add(ServerSentEvents.event("message_start", start));
        events.add(ServerSentEvents.event("ping", object("ping")));
    }

    private void text(List<String> events, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!"text".equals(openKind)) {
            ObjectNode block = WireFormat.mapper().createObjectNode().put("type", "text").put("text", "");
            open(events, "text", block);
        }
        events.add(delta(nextIndex - 1, "text_delta", "text", text));
    }

    private void toolBlock(List<String> events, int toolCall, String id, String name) {
        ObjectNode block = WireFormat.mapper().createObjectNode().put("type", "tool_use").put("id", id).put("name", name);
        block.putObject("input");
        open(events, "tool_use", block);
        openToolCall = toolCall;
        openToolId = id;
    }

    private void wholeMessage(List<String> events, ObjectNode message) {
        for (JsonNode block : message.path("content")) {
            if ("text".equals(block.path("type").asText())) {
                text(events, block.path("text").asText());
            } else {
                toolBlock(events, -1, block.path("id").asText(), block.path("name").asText());
                events.add(delta(nextIndex - 1, "input_json_delta", "partial_json", block.path("input").toString()));
            }
        }
    }

    private void open(List<String> events, String kind, ObjectNode block) {
        close(events);
        ObjectNode start = object("content_block_start").put("index", nextIndex);
        start.set("content_block", block);
        events.add(ServerSentEvents.event("content_block_start", start));
        openKind = kind;
        anyBlock = true;
        nextIndex++;
    }

    private void close(List<String> events) {
        if (openKind != null) {
            events.add(ServerSentEvents.event("content_block_stop", object("content_block_stop").put("index", nextIndex - 1)));
            openKind = null;
            openToolCall = -1;
            openToolId = "";
        }
    }

    private static String delta(int index, String type, String field, String value) {
        ObjectNode event = object("content_block_delta").put("index", index);
        event.putObject("delta").put("type", type).put(field, value);
        return ServerSentEvents.event("content_block_delta", event);
    }

    private static ObjectNode object(String type) {
        return WireFormat.mapper().createObjectNode().put("type", type);
    }
}
