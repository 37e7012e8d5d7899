package io.llmrouter.bridge.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.WireFormat;
import io.vertx.core.http.HttpServerResponse;

/** The {@code text/event-stream} framing of a streamed answer, as OpenAI and Anthropic write it. */
public final class ServerSentEvents {

    /** The event that ends a stream that completed. */
    public static final String DONE = "data: [DONE]\n\n";

    private ServerSentEvents() {
    }

    /** Sets the status and headers of an event stream; they go out with the first event. */
    public static void open(HttpServerResponse response) {
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache");
    }

    /**
     * One {@code data:} event carrying the JSON.
     *
     * <p>A single data line is enough: compact JSON escapes every line break inside strings, so it never spans lines.
     */
    public static String data(JsonNode json) {
        try {
            return "data: " + WireFormat.mapper().writeValueAsString(json) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree that cannot be written: " + e.getMessage(), e);
        }
    }

    /** One named event, {@code event: name} then its {@code data:} line, as Anthropic's streams are written. */
    public static String event(String name, JsonNode json) {
        return "event: " + name + "\n" + data(json);
    }

    /** The event that ends a stream broken after it started: {@code {"error":{...}}} and no {@code [DONE]}. */
    public static String error(ErrorInfo error) {
        return data(OpenAiResponses.errorBody(error));
    }
}
