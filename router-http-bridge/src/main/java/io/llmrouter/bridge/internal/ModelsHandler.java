package io.llmrouter.bridge.internal;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.WireFormat;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/models}: the virtual models and every model of the providers in use, in OpenAI's list shape. */
public final class ModelsHandler implements Handler<RoutingContext> {

    private final ObjectNode list;

    public ModelsHandler(RouterConfig config, Set<String> availableProviders) {
        list = WireFormat.mapper().createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        RouterConfig.VIRTUAL_MODELS.stream().sorted().forEach(name -> entry(data, name, "llm-router"));
        config.providers().forEach((id, provider) -> {
            if (availableProviders.contains(id)) {
                provider.models().keySet().forEach(model -> entry(data, id + "/" + model, id));
            }
        });
    }

    private static void entry(ArrayNode data, String id, String owner) {
        data.addObject().put("id", id).put("object", "model").put("created", 0).put("owned_by", owner);
    }

    @Override
    public void handle(RoutingContext ctx) {
        OpenAiResponses.json(ctx.response(), 200, list);
    }
}
