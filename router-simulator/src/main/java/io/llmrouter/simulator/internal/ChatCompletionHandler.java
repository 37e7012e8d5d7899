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
        request.body().onSuccess(body -> answer(request, body));
    }

    private void answer(HttpServerRequest httpRequest, Buffer body) {
        HttpServerResponse response = httpRequest.response();
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
            reply(httpRequest, request, outcome);
        } else {
            vertx.setTimer(delayMillis, timerId -> reply(httpRequest, request, outcome));
        }
    }

    private static void reply(HttpServerRequest httpRequest, ChatRequest request, FaultInjector.Outcome outcome) {
        HttpServerResponse response = httpRequest.response();
        switch (outcome) {
            case SERVER_ERROR -> HttpReplies.error(response, OpenAiError.simulatedFailure());
            case RATE_LIMITED -> HttpReplies.error(response, OpenAiError.simulatedRateLimit(request.model()));
            case OVERLOADED -> FaultReplies.overloaded(response);
            case UNAUTHORIZED -> HttpReplies.error(response, OpenAiError.simulatedUnauthorized());
            case MALFORMED -> FaultReplies.malformed(response);
            case RESET -> FaultReplies.reset(httpRequest);
            case STALL -> {
                if (request.stream()) {
                    CompletionStream.stall(response, request, DeterministicAnswer.answer(request));
                }
                // A non-streaming request has no first chunk to send, so it stalls before the answer: it hangs.
            }
            case HANG -> {
                // Nothing is sent and the connection stays open until the client gives up or the server closes.
            }
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
