package io.llmrouter.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A plain HTTP client for the simulator, as an OpenAI client would talk to it. */
final class SimulatorClient {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String baseUrl;

    SimulatorClient(SimulatorServer server) {
        this.baseUrl = server.baseUrl();
    }

    /** A chat request body for {@code model} with one user message. */
    static ObjectNode chatBody(String model, String question) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", "You are terse.");
        messages.addObject().put("role", "user").put("content", question);
        return body;
    }

    HttpResponse<String> postChat(JsonNode body) {
        return postChat(body.toString());
    }

    HttpResponse<String> postChat(String rawBody) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rawBody)));
    }

    /** Posts with a short client timeout, for faults that never answer; the timeout surfaces as the cause. */
    HttpResponse<String> postChatWithin(JsonNode body, Duration timeout) {
        return send(chatRequest(body), timeout);
    }

    /** Posts a streaming request and returns once the headers are in; {@code recorder} then gets the body. */
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> openStream(JsonNode body, StreamRecorder recorder) {
        try {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = http.send(
                    chatRequest(body).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofPublisher());
            response.body().subscribe(recorder);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts as curl does for larger bodies: the body goes only after the server answers 100 Continue. */
    HttpResponse<String> postChatExpectingContinue(JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .header("content-type", "application/json")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** The {@code data:} payloads of a server-sent event stream, in order. */
    static List<String> events(String streamBody) {
        List<String> events = new ArrayList<>();
        for (String line : streamBody.split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(line.substring("data: ".length()));
            }
        }
        return events;
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + text, e);
        }
    }

    private HttpRequest.Builder chatRequest(JsonNode body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Duration timeout) {
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
