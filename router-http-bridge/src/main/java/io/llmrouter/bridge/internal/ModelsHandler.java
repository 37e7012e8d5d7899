package io.llmrouter.bridge.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ModelConfig;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.WireFormat;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/models} in OpenAI's list shape: the virtual models, every configured model of the providers
 * in use as {@code provider/model}, after each provider's configured models the ones discovered upstream, and
 * last the local embedding models.
 *
 * <p>Discovered models are listed only for providers this bridge uses: a list left on the compacted topic
 * by a provider that is off, or no longer configured, names models no request can reach.
 */
public final class ModelsHandler implements Handler<RoutingContext> {

    private static final String ROUTER_OWNER = "llm-router";

    private final RouterConfig config;
    private final Set<String> availableProviders;
    private final ModelCatalog catalog;
    private final List<String> embeddingModels;

    public ModelsHandler(RouterConfig config, Set<String> availableProviders, ModelCatalog catalog) {
        this(config, availableProviders, catalog, List.of());
    }

    /** @param embeddingModels the names {@code POST /v1/embeddings} serves, listed last */
    public ModelsHandler(RouterConfig config, Set<String> availableProviders, ModelCatalog catalog,
                         List<String> embeddingModels) {
        this.config = config;
        this.availableProviders = Set.copyOf(availableProviders);
        this.catalog = catalog;
        this.embeddingModels = List.copyOf(embeddingModels);
    }

    /** The list as it stands now: {@code {"object":"list","data":[{"id","object","created","owned_by"}]}}. */
    ObjectNode list() {
        ObjectNode list = WireFormat.mapper().createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        RouterConfig.VIRTUAL_MODELS.stream().sorted().forEach(name -> entry(data, name, ROUTER_OWNER));
        RouterConfig.STRATEGY_MODELS.stream().sorted().forEach(name -> entry(data, name, ROUTER_OWNER));
        config.routing().groups().keySet().forEach(name -> entry(data, name, ROUTER_OWNER));
        config.providers().forEach((id, provider) -> {
            if (!availableProviders.contains(id)) {
                return;
            }
            provider.models().keySet().forEach(model -> entry(data, id + "/" + model, id));
            Set<String> known = knownNames(provider);
            catalog.models(id).stream().filter(model -> !known.contains(model)).sorted()
                    .forEach(model -> entry(data, id + "/" + model, id));
        });
        embeddingModels.forEach(name -> entry(data, name, ROUTER_OWNER));
        return list;
    }

    /**
     * The configured names of a provider's models and the upstream names they stand for: a discovered id
     * that is one of them is already listed, under the name callers use.
     */
    private static Set<String> knownNames(ProviderConfig provider) {
        Set<String> known = new HashSet<>(provider.models().keySet());
        provider.models().values().stream().map(ModelConfig::upstreamName).filter(name -> name != null)
                .forEach(known::add);
        return known;
    }

    private static void entry(ArrayNode data, String id, String owner) {
        data.addObject().put("id", id).put("object", "model").put("created", 0).put("owned_by", owner);
    }

    @Override
    public void handle(RoutingContext ctx) {
        OpenAiResponses.json(ctx.response(), 200, list());
    }
}
