package io.llmrouter.simulator.internal;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/** Sends each request to the handler of its route; anything else gets OpenAI's 404 {@code Invalid URL} answer. */
public final class RequestRouter implements Handler<HttpServerRequest> {

    private static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    private static final String MODELS = "/v1/models";
    private static final String MODEL_PREFIX = MODELS + "/";

    private final ChatCompletionHandler chatCompletions;
    private final ModelsHandler models;

    public RequestRouter(Vertx vertx, LiveSettings live) {
        this.chatCompletions = new ChatCompletionHandler(vertx, live);
        this.models = new ModelsHandler(live);
    }

    @Override
    public void handle(HttpServerRequest request) {
        String path = request.path();
        HttpMethod method = request.method();
        if (method == HttpMethod.POST && path.equals(CHAT_COMPLETIONS)) {
            chatCompletions.handle(request);
        } else if (method == HttpMethod.GET && path.equals(MODELS)) {
            models.list(request.response());
        } else if (method == HttpMethod.GET && path.startsWith(MODEL_PREFIX) && path.length() > MODEL_PREFIX.length()) {
            models.retrieve(request.response(), path.substring(MODEL_PREFIX.length()));
        } else {
            HttpReplies.error(request.response(), OpenAiError.invalidUrl(method.name(), path));
        }
    }
}
