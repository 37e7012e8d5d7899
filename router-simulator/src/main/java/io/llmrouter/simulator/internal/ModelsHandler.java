package io.llmrouter.simulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;

/** Answers {@code GET /v1/models} and {@code GET /v1/models/{id}} from the configured model names. */
public final class ModelsHandler {

    /** The {@code owned_by} of every model, which marks it as simulated. */
    public static final String OWNER = "llm-router-simulator";

    // A fixed date (2025-01-01) keeps the listing identical from run to run.
    private static final long CREATED = 1_735_689_600L;

    private final LiveSettings live;

    public ModelsHandler(LiveSettings live) {
        this.live = live;
    }

    public void list(HttpServerResponse response) {
        ObjectNode root = Json.object();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String model : live.current().settings().models()) {
            data.add(model(model));
        }
        HttpReplies.json(response, 200, Json.bytes(root));
    }

    public void retrieve(HttpServerResponse response, String modelId) {
        if (!live.current().settings().models().contains(modelId)) {
            HttpReplies.error(response, OpenAiError.modelNotFound(modelId));
            return;
        }
        HttpReplies.json(response, 200, Json.bytes(model(modelId)));
    }

    private static ObjectNode model(String id) {
        ObjectNode node = Json.object();
        node.put("id", id);
        node.put("object", "model");
        node.put("created", CREATED);
        node.put("owned_by", OWNER);
        return node;
    }
}
