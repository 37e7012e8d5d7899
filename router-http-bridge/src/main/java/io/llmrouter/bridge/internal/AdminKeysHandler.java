package io.llmrouter.bridge.internal;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.KeyHash;
import io.llmrouter.config.VirtualKey;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/keys}: create, list and revoke virtual keys, for callers presenting the admin key as
 * {@code Authorization: Bearer}. A created key's secret is in the creation answer only; the bridge keeps and
 * publishes its SHA-256, on the compacted {@code llm.keys} that every bridge and streams instance reads.
 */
public final class AdminKeysHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AdminKeysHandler.class);
    private static final ErrorInfo UNAUTHORIZED = new ErrorInfo(401, "invalid_request_error", "invalid_api_key",
            "The admin endpoint needs the admin key as 'Authorization: Bearer <admin-key>'", null);

    private final KeyRing ring;
    private final RequestPublisher publisher;

    public AdminKeysHandler(KeyRing ring, RequestPublisher publisher) {
        this.ring = ring;
        this.publisher = publisher;
    }

    /** Adds the three routes to the router. */
    public void mount(Router router) {
        router.post("/admin/keys").handler(ctx -> guarded(ctx, this::create));
        router.get("/admin/keys").handler(ctx -> guarded(ctx, this::list));
        router.delete("/admin/keys/:id").handler(ctx -> guarded(ctx, this::revoke));
    }

    private void guarded(RoutingContext ctx, Consumer<RoutingContext> action) {
        if (!ring.isAdmin(KeyGate.presentedKey(ctx.request()))) {
            OpenAiResponses.error(ctx.response(), UNAUTHORIZED);
            return;
        }
        try {
            action.accept(ctx);
        } catch (ChatRequestCheck.InvalidRequest e) {
            OpenAiResponses.error(ctx.response(), e.error());
        }
    }

    private void create(RoutingContext ctx) {
        ObjectNode body = readBody(ctx);
        if (body.has("key") || body.has("key-sha256")) {
            throw invalid("The router generates the key; leave out key and key-sha256", "key");
        }
        String id = body.hasNonNull("id") ? body.get("id").asText()
                : "key-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        body.remove("id");
        if (!VirtualKey.ID.matcher(id).matches()) {
            throw invalid("id: use letters, digits, '.', '_' and '-' (at most 64)", "id");
        }
        if (ring.all().containsKey(id)) {
            throw new ChatRequestCheck.InvalidRequest(new ErrorInfo(409, "invalid_request_error", "key_exists",
                    "A key with the id '" + id + "' exists already", "id"));
        }
        String secret = KeyHash.generate();
        body.put("key-sha256", KeyHash.sha256Hex(secret));
        VirtualKey key;
        try {
            key = WireFormat.mapper().treeToValue(body, VirtualKey.class);
        } catch (Exception e) {
            throw invalid("Not a key definition: " + e.getMessage(), null);
        }
        List<String> problems = key.limitProblems(id);
        if (!problems.isEmpty()) {
            throw invalid(String.join("; ", problems), null);
        }
        HttpServerResponse response = ctx.response();
        Context context = ctx.vertx().getOrCreateContext();
        publisher.send(Topics.KEYS, id, WireFormat.toBytes(key)).whenComplete((sent, error) ->
                context.runOnContext(v -> {
                    if (error != null) {
                        OpenAiResponses.error(response, new ErrorInfo(503, "service_unavailable",
                                "kafka_unavailable", "The key could not be stored: " + error.getMessage(), null));
                        return;
                    }
                    ring.put(id, key);
                    LOG.info("Virtual key '{}' created", id);
                    Map<String, Object> answer = view(id, key);
                    answer.put("key", secret);
                    OpenAiResponses.json(response, 201, answer);
                }));
    }

    private void list(RoutingContext ctx) {
        List<Map<String, Object>> data = new ArrayList<>();
        ring.all().forEach((id, key) -> data.add(view(id, key)));
        OpenAiResponses.json(ctx.response(), 200, Map.of("object", "list", "data", data));
    }

    private void revoke(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (ring.configured(id)) {
            throw new ChatRequestCheck.InvalidRequest(new ErrorInfo(409, "invalid_request_error", "key_configured",
                    "The key '" + id + "' comes from the configuration; remove it there", "id"));
        }
        if (!ring.all().containsKey(id)) {
            throw new ChatRequestCheck.InvalidRequest(new ErrorInfo(404, "invalid_request_error", "key_not_found",
                    "No key with the id '" + id + "'", "id"));
        }
        HttpServerResponse response = ctx.response();
        Context context = ctx.vertx().getOrCreateContext();
        publisher.send(Topics.KEYS, id, null).whenComplete((sent, error) -> context.runOnContext(v -> {
            if (error != null) {
                OpenAiResponses.error(response, new ErrorInfo(503, "service_unavailable", "kafka_unavailable",
                        "The revocation could not be stored: " + error.getMessage(), null));
                return;
            }
            ring.remove(id);
            LOG.info("Virtual key '{}' revoked", id);
            OpenAiResponses.json(response, 200, Map.of("id", id, "deleted", true));
        }));
    }

    /** A key as the admin sees it: its id, where it comes from and its limits; never its digest. */
    private Map<String, Object> view(String id, VirtualKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("source", ring.configured(id) ? "config" : "admin");
        view.put("allowed-models", key.allowedModels());
        view.put("max-priority", key.maxPriority());
        view.put("requests-per-minute", key.requestsPerMinute());
        view.put("tokens-per-minute", key.tokensPerMinute());
        view.put("monthly-tokens", key.monthlyTokens());
        view.put("monthly-usd", key.monthlyUsd());
        return view;
    }

    private static ObjectNode readBody(RoutingContext ctx) {
        byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        if (bytes.length == 0) {
            return WireFormat.mapper().createObjectNode();
        }
        try {
            JsonNode json = WireFormat.mapper().readTree(bytes);
            if (json instanceof ObjectNode object) {
                return object;
            }
        } catch (Exception e) {
            // answered below
        }
        throw invalid("The body must be a JSON object of key fields", null);
    }

    private static ChatRequestCheck.InvalidRequest invalid(String message, String param) {
        return new ChatRequestCheck.InvalidRequest(ErrorInfo.invalidRequest(message, param));
    }
}
