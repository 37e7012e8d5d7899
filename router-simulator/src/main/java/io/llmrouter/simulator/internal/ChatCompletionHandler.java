package io.llmrouter.simulator.internal;

import io.llmrouter.simulator.SimulatorSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** Answers {@code POST /v1/chat/completions}: checks the request, draws faults, waits the latency, then replies. */
public final class ChatCompletionHandler {

    private final Vertx vertx;
    private final LiveSettings live;

    public ChatCompletionHandler(Vertx vertx, LiveSettings live) {
        this.vertx = vertx;
        this.live = live;
    }

    public void handle(HttpServerRequest request) {
        // A failed body read means the client went away: there is no one left to answer.
        request.body().onSuccess(body -> answer(request.response(), body));
    }

    private void answer(HttpServerResponse response, Buffer body) {
        LiveSettings.Current current = live.current();
        SimulatorSettings settings = current.settings();
        ChatRequest request;
        try {
            request = ChatRequestReader.read(body);
            if (!settings.models().contains(request.model())) {
                throw OpenAiError.modelNotFound(request.model());
            }
        } catch (OpenAiError error) {
            HttpReplies.error(response, error);
            return;
        }
        FaultInjector.Outcome outcome = current.faults().draw(settings);
        long delayMillis = current.faults().delayMillis(settings);
        if (delayMillis == 0) {
            reply(response, request, outcome);
        } else {
            vertx.setTimer(delayMillis, timerId -> reply(response, request, outcome));
        }
    }

    private static void reply(HttpServerResponse response, ChatRequest request, FaultInjector.Outcome outcome) {
        switch (outcome) {
            case SERVER_ERROR -> HttpReplies.error(response, OpenAiError.simulatedFailure());
            case RATE_LIMITED -> HttpReplies.error(response, OpenAiError.simulatedRateLimit(request.model()));
            case ANSWER -> {
                DeterministicAnswer answer = DeterministicAnswer.answer(request);
                if (request.stream()) {
                    CompletionStream.send(response, request, answer);
                } else {
                    HttpReplies.json(response, 200, new CompletionJson(request.model()).completion(answer));
                }
            }
        }
    }
}
