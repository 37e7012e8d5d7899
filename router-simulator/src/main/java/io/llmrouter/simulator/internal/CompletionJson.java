package io.llmrouter.simulator.internal;

import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes {@code chat.completion} and {@code chat.completion.chunk} objects as the OpenAI API shapes them. */
public final class CompletionJson {

    /** The {@code system_fingerprint} of every answer, which marks it as simulated. */
    public static final String SYSTEM_FINGERPRINT = "llm-router-simulator";

    private final String id;
    private final long created;
    private final String model;

    /** Starts a completion of {@code model} with a fresh id, created now. */
    public CompletionJson(String model) {
        this.id = "chatcmpl-sim-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        this.created = System.currentTimeMillis() / 1000;
        this.model = model;
    }

    /** The whole answer as one {@code chat.completion} object. */
    public byte[] completion(DeterministicAnswer answer) {
        ObjectNode message = Json.object();
        message.put("role", "assistant");
        message.put("content", answer.content());
        message.putNull("refusal");
        message.putArray("annotations");
        ObjectNode choice = Json.object();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", answer.finishReason());
        ObjectNode root = header("chat.completion");
        root.putArray("choices").add(choice);
        root.set("usage", usage(answer.usage()));
        return Json.bytes(root);
    }

    /** The first chunk: the role, with empty content. */
    public byte[] roleChunk(boolean includeUsage) {
        ObjectNode delta = Json.object();
        delta.put("role", "assistant");
        delta.put("content", "");
        delta.putNull("refusal");
        return chunk(delta, null, includeUsage);
    }

    /** A chunk carrying one piece of the content. */
    public byte[] contentChunk(String piece, boolean includeUsage) {
        ObjectNode delta = Json.object();
        delta.put("content", piece);
        return chunk(delta, null, includeUsage);
    }

    /** The chunk with an empty delta that says why the answer ended. */
    public byte[] finishChunk(String finishReason, boolean includeUsage) {
        return chunk(Json.object(), finishReason, includeUsage);
    }

    /** The chunk sent last when usage was asked for: no choices, only the usage. */
    public byte[] usageChunk(TokenUsage usage) {
        ObjectNode root = header("chat.completion.chunk");
        root.putArray("choices");
        root.set("usage", usage(usage));
        return Json.bytes(root);
    }

    private byte[] chunk(ObjectNode delta, String finishReason, boolean includeUsage) {
        ObjectNode choice = Json.object();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        ObjectNode root = header("chat.completion.chunk");
        ArrayNode choices = root.putArray("choices");
        choices.add(choice);
        if (includeUsage) {
            // OpenAI sends "usage": null on every chunk but the last when usage was asked for.
            root.putNull("usage");
        }
        return Json.bytes(root);
    }

    private ObjectNode header(String object) {
        ObjectNode root = Json.object();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model);
        root.put("service_tier", "default");
        root.put("system_fingerprint", SYSTEM_FINGERPRINT);
        return root;
    }

    private static ObjectNode usage(TokenUsage usage) {
        ObjectNode node = Json.object();
        node.put("prompt_tokens", usage.promptTokens());
        node.put("completion_tokens", usage.completionTokens());
        node.put("total_tokens", usage.totalTokens());
        node.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
        node.putObject("completion_tokens_details")
                .put("reasoning_tokens", 0)
                .put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0)
                .put("rejected_prediction_tokens", 0);
        return node;
    }
}
