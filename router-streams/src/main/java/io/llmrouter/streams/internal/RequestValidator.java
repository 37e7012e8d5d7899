package io.llmrouter.streams.internal;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.RecordSchemas;
import io.llmrouter.schemas.RecordType;
import io.llmrouter.schemas.WireFormat;

/** Decodes a request record and checks it against the request schema's rules. */
public final class RequestValidator {

    /** A valid request, or the reason it is not one. */
    public record Result(LlmRequest request, String problem) {
        static Result valid(LlmRequest request) {
            return new Result(request, null);
        }

        static Result invalid(String problem) {
            return new Result(null, problem);
        }
    }

    /** Validates raw record bytes. */
    public Result validate(byte[] value) {
        if (value == null || value.length == 0) {
            return Result.invalid("empty record: a JSON request was expected");
        }
        JsonNode tree;
        try {
            tree = WireFormat.mapper().readTree(value);
        } catch (Exception e) {
            return Result.invalid("not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> problems = RecordSchemas.problems(RecordType.REQUEST, tree);
        if (!problems.isEmpty()) {
            return Result.invalid("does not match the request schema: " + String.join("; ", problems));
        }
        try {
            return Result.valid(WireFormat.mapper().treeToValue(tree, LlmRequest.class));
        } catch (Exception e) {
            return Result.invalid("not a valid request: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
