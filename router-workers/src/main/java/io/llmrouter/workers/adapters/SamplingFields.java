package io.llmrouter.workers.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a native API wants OpenAI's sampling fields: each provider names the same knobs differently, and the
 * mapping is the only thing that differs.
 *
 * @param temperature      name of {@code temperature}
 * @param topP             name of {@code top_p}
 * @param maxTokens        name of {@code max_tokens} and {@code max_completion_tokens} (the latter wins)
 * @param seed             name of {@code seed}
 * @param presencePenalty  name of {@code presence_penalty}
 * @param frequencyPenalty name of {@code frequency_penalty}
 * @param stop             name of {@code stop}, always sent as a list
 */
record SamplingFields(String temperature, String topP, String maxTokens, String seed, String presencePenalty,
                      String frequencyPenalty, String stop) {

    /** Gemini's {@code generationConfig}. */
    static final SamplingFields GEMINI = new SamplingFields("temperature", "topP", "maxOutputTokens", "seed",
            "presencePenalty", "frequencyPenalty", "stopSequences");
    /** Ollama's {@code options}. */
    static final SamplingFields OLLAMA = new SamplingFields("temperature", "top_p", "num_predict", "seed",
            "presence_penalty", "frequency_penalty", "stop");

    /** Copies the sampling fields {@code request} sets into {@code target} under this API's names. */
    ObjectNode copy(JsonNode request, ObjectNode target) {
        copy(request, "temperature", target, temperature);
        copy(request, "top_p", target, topP);
        copy(request, "max_tokens", target, maxTokens);
        copy(request, "max_completion_tokens", target, maxTokens);
        copy(request, "seed", target, seed);
        copy(request, "presence_penalty", target, presencePenalty);
        copy(request, "frequency_penalty", target, frequencyPenalty);
        JsonNode stops = request.path("stop");
        if (stops.isTextual()) {
            target.putArray(stop).add(stops.asText());
        } else if (stops.isArray() && !stops.isEmpty()) {
            target.set(stop, stops);
        }
        return target;
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String name) {
        if (from.hasNonNull(field)) {
            to.set(name, from.get(field));
        }
    }
}
