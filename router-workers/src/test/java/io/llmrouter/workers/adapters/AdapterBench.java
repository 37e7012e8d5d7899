package io.llmrouter.workers.adapters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.AdapterContext;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.UpstreamResult;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;

/** What every adapter test needs: a scripted upstream, adapters made against it, requests and sample bodies. */
class AdapterBench implements AutoCloseable {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    final ScriptedUpstream upstream = new ScriptedUpstream();
    final List<ObjectNode> chunks = new CopyOnWriteArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = ProviderAdapters.httpClient(vertx, 8);

    /** An adapter made the way workers make it: through the built-in factories. */
    ProviderAdapter adapter(ProviderConfig config) {
        return ProviderAdapters.discover().create(new AdapterContext(config.kind() + "-test", config, vertx, http, CLOCK));
    }

    /** Streams a request, collecting its chunks in {@link #chunks}. */
    UpstreamResult stream(ProviderAdapter adapter, LlmRequest request) {
        return await(adapter.stream(request, chunks::add));
    }

    /** The text of every content delta streamed so far, in order. */
    List<String> contentDeltas() {
        return chunks.stream()
                .map(chunk -> chunk.path("choices").path(0).path("delta").path("content"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).toList();
    }

    /** The JSON body of the last call the upstream received. */
    JsonNode sentBody() {
        return json(upstream.lastCall().body());
    }

    static LlmRequest request(String model, String body) {
        return new LlmRequest("req-1", Priority.NORMAL, "llm.replies.test", 0, (ObjectNode) json(body), null,
                new RouteDecision("test", model, "test route", List.of()));
    }

    static UpstreamResult await(CompletableFuture<UpstreamResult> result) {
        try {
            return result.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the adapter did not complete", e);
        }
    }

    static JsonNode json(String text) {
        try {
            return WireFormat.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String path) {
        try (InputStream in = AdapterBench.class.getResourceAsStream("/adapters/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource adapters/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A body cut into pieces of {@code size} characters, with no regard for event or line borders. */
    static List<String> slices(String body, int size) {
        List<String> slices = new ArrayList<>();
        for (int start = 0; start < body.length(); start += size) {
            slices.add(body.substring(start, Math.min(body.length(), start + size)));
        }
        return slices;
    }

    @Override
    public void close() {
        upstream.close();
        vertx.close();
    }
}
