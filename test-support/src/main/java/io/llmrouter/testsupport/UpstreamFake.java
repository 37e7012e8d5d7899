package io.llmrouter.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * An OpenAI-wire upstream for tests: records every chat call and answers with a canned completion, or
 * with the status and body a test sets, e.g. a 429 with {@code retry-after}.
 */
public final class UpstreamFake implements AutoCloseable {

    /** One call as the fake received it. */
    public record Call(String path, Map<String, String> headers, JsonNode body) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String errorBody;
    private volatile Map<String, String> extraHeaders = Map.of();

    public UpstreamFake() {
        server = vertx.createHttpServer().requestHandler(this::answer);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("Cannot start the upstream fake", e);
        }
    }

    /** The API root, e.g. {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    /** From now on, answer every call with this status, OpenAI error body and headers. */
    public void failWith(int newStatus, String message, Map<String, String> headers) {
        ObjectNode error = WireFormat.mapper().createObjectNode();
        error.putObject("error").put("message", message).put("type", "server_error");
        errorBody = error.toString();
        extraHeaders = Map.copyOf(headers);
        status = newStatus;
    }

    /** Every call received so far. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    private void answer(HttpServerRequest request) {
        if (request.method() == io.vertx.core.http.HttpMethod.GET && request.path().endsWith("/models")) {
            // Model discovery asks for the list at start; it is not a call a test counts.
            request.response().putHeader("Content-Type", "application/json").end("{\"object\":\"list\",\"data\":[]}");
            return;
        }
        request.body().onSuccess(buffer -> {
            JsonNode body;
            try {
                body = WireFormat.mapper().readTree(buffer.getBytes());
            } catch (Exception e) {
                body = null;
            }
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
            calls.add(new Call(request.path(), headers, body));
            var response = request.response().putHeader("Content-Type", "application/json");
            extraHeaders.forEach(response::putHeader);
            if (status != 200) {
                response.setStatusCode(status).end(errorBody);
                return;
            }
            String model = body == null ? "unknown" : body.path("model").asText();
            response.end(completion(model).toString());
        });
    }

    private static ObjectNode completion(String model) {
        ObjectNode completion = WireFormat.mapper().createObjectNode()
                .put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1).put("model", model);
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", "fake answer from " + model);
        completion.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return completion;
    }

    @Override
    public void close() {
        vertx.close();
    }
}
