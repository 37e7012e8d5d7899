package io.llmrouter.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answer in the OpenAI shape {@code {"error":{"message","type","param","code"}}}, with its HTTP status. */
public final class OpenAiError extends RuntimeException {

    private static final String INVALID_REQUEST = "invalid_request_error";

    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final int retryAfterSeconds;

    private OpenAiError(int status, String message, String type, String param, String code, int retryAfterSeconds) {
        // No stack trace: these are answers, not bugs, and some are sent on every request.
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static OpenAiError invalidJson() {
        return badRequest("We could not parse the JSON body of your request. The OpenAI API expects a JSON payload,"
                + " but what was sent was not valid JSON.", null, null);
    }

    static OpenAiError bodyNotObject() {
        return badRequest("Invalid body: expected a JSON object.", null, null);
    }

    static OpenAiError missingModel() {
        return badRequest("you must provide a model parameter", null, null);
    }

    static OpenAiError missingParameter(String param) {
        return badRequest("Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
    }

    static OpenAiError invalidType(String param, String expected, JsonNode got) {
        return badRequest("Invalid type for '" + param + "': expected " + expected + ", but got " + describe(got)
                + " instead.", param, "invalid_type");
    }

    static OpenAiError emptyArray(String param) {
        return badRequest("Invalid '" + param + "': empty array. Expected an array with minimum length 1,"
                + " but got an empty array instead.", param, "empty_array");
    }

    static OpenAiError invalidValue(String param, String value, String supported) {
        return badRequest("Invalid value: '" + value + "'. Supported values are: " + supported + ".", param,
                "invalid_value");
    }

    static OpenAiError belowMinimum(String param, long value) {
        return badRequest("Invalid '" + param + "': integer below minimum value. Expected a value >= 1, but got "
                + value + " instead.", param, "integer_below_min_value");
    }

    static OpenAiError streamOptionsWithoutStream() {
        return badRequest("The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                "stream_options", null);
    }

    static OpenAiError modelNotFound(String model) {
        return new OpenAiError(404, "The model `" + model + "` does not exist or you do not have access to it.",
                INVALID_REQUEST, null, "model_not_found", 0);
    }

    static OpenAiError invalidUrl(String method, String path) {
        return new OpenAiError(404, "Invalid URL (" + method + " " + path + ")", INVALID_REQUEST, null, null, 0);
    }

    static OpenAiError simulatedFailure() {
        return new OpenAiError(500, "simulated upstream failure", "server_error", null, null, 0);
    }

    static OpenAiError simulatedRateLimit(String model) {
        return new OpenAiError(429, "Rate limit reached for " + model + " on requests per min (RPM):"
                + " simulated by the llm-router simulator. Please try again in 1s.",
                "requests", null, "rate_limit_exceeded", 1);
    }

    static OpenAiError simulatedUnauthorized() {
        return new OpenAiError(401, "Incorrect API key provided (simulated by the llm-router simulator). You can find"
                + " your API key at https://platform.openai.com/account/api-keys.", INVALID_REQUEST, null,
                "invalid_api_key", 0);
    }

    public int status() {
        return status;
    }

    /** Seconds for the {@code retry-after} header, or 0 when the answer has none. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public byte[] toJson() {
        ObjectNode error = Json.object();
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        ObjectNode body = Json.object();
        body.set("error", error);
        return Json.bytes(body);
    }

    private static OpenAiError badRequest(String message, String param, String code) {
        return new OpenAiError(400, message, INVALID_REQUEST, param, code, 0);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a decimal";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
