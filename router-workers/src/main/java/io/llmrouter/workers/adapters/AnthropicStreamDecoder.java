package io.llmrouter.workers.adapters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;
import io.vertx.core.buffer.Buffer;

/** Turns the Server-Sent Events of a streamed Anthropic message into OpenAI {@code chat.completion.chunk}s. */
final class AnthropicStreamDecoder implements ChunkDecoder {

    private final ServerSentEvents events = new ServerSentEvents();
    private final long created;
    /** OpenAI numbers tool calls 0, 1, ...; Anthropic numbers all content blocks, text included. */
    private final Map<Integer, Integer> toolCalls = new HashMap<>();
    private final ObjectNode usage = WireFormat.mapper().createObjectNode();
    private String id = "msg-stream";
    private String model = "";

    AnthropicStreamDecoder(long created) {
        this.created = created;
    }

    @Override
    public List<ObjectNode> decode(Buffer piece) {
        List<ObjectNode> chunks = new ArrayList<>();
        for (ServerSentEvents.Event event : events.feed(piece)) {
            if (event.data().isBlank()) {
                continue;
            }
            JsonNode data = parse(event.data());
            switch (data.path("type").asText(event.name())) {
                case "message_start" -> {
                    JsonNode message = data.path("message");
                    id = message.path("id").asText(id);
                    model = message.path("model").asText(model);
                    mergeUsage(message.path("usage"));
                    chunks.add(chunk(object().put("role", "assistant"), null));
                }
                case "content_block_start" -> blockStart(data, chunks);
                case "content_block_delta" -> blockDelta(data, chunks);
                case "message_delta" -> {
                    mergeUsage(data.path("usage"));
                    String stopReason = data.path("delta").path("stop_reason").asText(null);
                    if (stopReason != null) {
                        chunks.add(chunk(object(), AnthropicAdapter.finishReason(stopReason)));
                    }
                }
                case "message_stop" -> {
                    ObjectNode last = header();
                    last.putArray("choices");
                    last.set("usage", AnthropicAdapter.usage(usage));
                    chunks.add(last);
                }
                case "error" -> throw failure(data.path("error"));
                // ping, content_block_stop, and event types Anthropic may add later carry nothing to relay.
                default -> {
                }
            }
        }
        return chunks;
    }

    private void blockStart(JsonNode data, List<ObjectNode> chunks) {
        JsonNode block = data.path("content_block");
        String type = block.path("type").asText();
        if ("tool_use".equals(type)) {
            int index = toolCalls.size();
            toolCalls.put(data.path("index").asInt(), index);
            ObjectNode call = object().put("index", index).put("id", block.path("id").asText()).put("type", "function");
            call.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
            ObjectNode delta = object();
            delta.putArray("tool_calls").add(call);
            chunks.add(chunk(delta, null));
        } else if ("text".equals(type) && !block.path("text").asText("").isEmpty()) {
            chunks.add(chunk(object().put("content", block.path("text").asText()), null));
        }
    }

    private void blockDelta(JsonNode data, List<ObjectNode> chunks) {
        JsonNode delta = data.path("delta");
        switch (delta.path("type").asText()) {
            case "text_delta" -> chunks.add(chunk(object().put("content", delta.path("text").asText("")), null));
            case "input_json_delta" -> {
                Integer index = toolCalls.get(data.path("index").asInt());
                if (index == null) {
                    throw new StreamFailure(502, "input_json_delta for block " + data.path("index") + ", not a tool use");
                }
                String piece = delta.path("partial_json").asText("");
                if (!piece.isEmpty()) {
                    ObjectNode out = object();
                    out.putArray("tool_calls").addObject().put("index", index)
                            .putObject("function").put("arguments", piece);
                    chunks.add(chunk(out, null));
                }
            }
            // thinking and signature deltas have no place in an OpenAI chunk.
            default -> {
            }
        }
    }

    /** Later usage figures are cumulative, so they replace earlier ones. */
    private void mergeUsage(JsonNode more) {
        more.fields().forEachRemaining(field -> {
            if (field.getValue().isNumber()) {
                usage.set(field.getKey(), field.getValue());
            }
        });
    }

    private static StreamFailure failure(JsonNode error) {
        int status = switch (error.path("type").asText()) {
            case "overloaded_error" -> 529;
            case "rate_limit_error" -> 429;
            default -> 500;
        };
        return new StreamFailure(status, error.path("message").asText("stream error"));
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = header();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private ObjectNode header() {
        return object().put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
    }

    private static ObjectNode object() {
        return WireFormat.mapper().createObjectNode();
    }

    private static JsonNode parse(String data) {
        try {
            JsonNode json = WireFormat.mapper().readTree(data);
            if (json instanceof ObjectNode) {
                return json;
            }
        } catch (IOException e) {
            // Reported below, with the event itself.
        }
        throw new StreamFailure(502, "unreadable stream event: " + data);
    }
}
