package io.llmrouter.bridge.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.bridge.internal.ChatRequestCheck.InvalidRequest;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.WireFormat;

/**
 * An OpenAI embeddings request the local model can serve.
 *
 * @param model  the name the caller used, one of {@link #MODELS}
 * @param inputs the texts, in order
 * @param base64 whether the vectors go back as base64 of little-endian float32s rather than JSON numbers
 */
public record EmbeddingsRequest(String model, List<String> inputs, boolean base64) {

    /** The served model's own name, reported in every reply. */
    public static final String MODEL = "all-minilm-l6-v2";
    /** The names callers may ask for: the model's own, and a generic one that stays valid if the model changes. */
    public static final List<String> MODELS = List.of(MODEL, "text-embedding-local");
    /** Texts per request, as OpenAI allows. */
    static final int MAX_INPUTS = 2048;

    /** Parses and checks a body; {@link InvalidRequest} with OpenAI's error when it is not one this bridge serves. */
    public static EmbeddingsRequest parse(byte[] bytes, int dimensions) {
        if (bytes == null || bytes.length == 0) {
            throw invalid("The request body is empty; send a JSON embeddings request", null);
        }
        JsonNode body;
        try {
            body = WireFormat.mapper().readTree(bytes);
        } catch (Exception e) {
            throw invalid("We could not parse the JSON body of your request: "
                    + e.getMessage().lines().findFirst().orElse(""), null);
        }
        if (body == null || !body.isObject()) {
            throw invalid("The request body must be a JSON object", null);
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw invalid("you must provide a model parameter", "model");
        }
        if (!MODELS.contains(model.asText())) {
            throw new InvalidRequest(new ErrorInfo(404, "invalid_request_error", "model_not_found",
                    "The model '" + model.asText() + "' does not exist or is not an embedding model of this router; use "
                    + String.join(" or ", MODELS), "model"));
        }
        List<String> inputs = inputs(body.get("input"));
        JsonNode dims = body.get("dimensions");
        if (dims != null && !dims.isNull() && (!dims.canConvertToExactIntegral() || dims.asInt() != dimensions)) {
            throw invalid(MODEL + " has " + dimensions + " dimensions and cannot shorten its vectors; omit "
                    + "'dimensions' or set it to " + dimensions, "dimensions");
        }
        JsonNode format = body.get("encoding_format");
        boolean base64 = false;
        if (format != null && !format.isNull()) {
            if (!format.isTextual() || !(format.asText().equals("float") || format.asText().equals("base64"))) {
                throw invalid("'encoding_format' must be 'float' or 'base64'", "encoding_format");
            }
            base64 = format.asText().equals("base64");
        }
        return new EmbeddingsRequest(model.asText(), List.copyOf(inputs), base64);
    }

    private static List<String> inputs(JsonNode input) {
        if (input == null || input.isNull()) {
            throw invalid("you must provide an input parameter", "input");
        }
        if (input.isTextual()) {
            return List.of(nonEmpty(input.asText(), "input"));
        }
        if (!input.isArray() || input.isEmpty()) {
            throw invalid("'input' must be a string or a non-empty array of strings", "input");
        }
        if (input.size() > MAX_INPUTS) {
            throw invalid("'input' may hold at most " + MAX_INPUTS + " strings", "input");
        }
        List<String> texts = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (item.isNumber() || item.isArray()) {
                throw invalid("'input' holds token ids; the local embedding model reads text only, so send "
                        + "strings", "input");
            }
            if (!item.isTextual()) {
                throw invalid("input[" + i + "] must be a string", "input");
            }
            texts.add(nonEmpty(item.asText(), "input"));
        }
        return texts;
    }

    private static String nonEmpty(String text, String param) {
        if (text.isEmpty()) {
            throw invalid("'" + param + "' must not contain empty strings", param);
        }
        return text;
    }

    private static InvalidRequest invalid(String message, String param) {
        return new InvalidRequest(ErrorInfo.invalidRequest(message, param));
    }
}
