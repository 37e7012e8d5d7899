package io.llmrouter.bridge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.WireFormat;

/** Checks an OpenAI chat completion body before it is queued, answering mistakes the way OpenAI does. */
public final class ChatRequestCheck {

    private ChatRequestCheck() {
    }

    /** The body as a JSON object; {@link InvalidRequest} with a 400 error when it is not a usable request. */
    public static ObjectNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw invalid("The request body is empty; send a JSON chat completion request", null);
        }
        JsonNode json;
        try {
            json = WireFormat.mapper().readTree(bytes);
        } catch (Exception e) {
            throw invalid("We could not parse the JSON body of your request: "
                    + e.getMessage().lines().findFirst().orElse(""), null);
        }
        if (!(json instanceof ObjectNode body)) {
            throw invalid("The request body must be a JSON object", null);
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw invalid("you must provide a model parameter", "model");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw invalid("'messages' must be a non-empty array", "messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject() || !message.path("role").isTextual()) {
                throw invalid("messages[" + i + "] must be an object with a string 'role'", "messages[" + i + "]");
            }
        }
        JsonNode streamOptions = body.get("stream_options");
        if (streamOptions != null && !streamOptions.isNull() && !body.path("stream").asBoolean(false)) {
            throw invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options");
        }
        return body;
    }

    private static InvalidRequest invalid(String message, String param) {
        return new InvalidRequest(ErrorInfo.invalidRequest(message, param));
    }

    /** A request the caller must fix. */
    public static final class InvalidRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ErrorInfo error;

        public InvalidRequest(ErrorInfo error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        /** The error to answer with. */
        public ErrorInfo error() {
            return error;
        }
    }
}
