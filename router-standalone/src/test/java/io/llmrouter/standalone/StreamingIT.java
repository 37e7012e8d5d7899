package io.llmrouter.standalone;

import static io.llmrouter.standalone.RouterUnderTest.chat;
import static io.llmrouter.standalone.RouterUnderTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.Secret;
import io.llmrouter.testsupport.UpstreamFake;
import org.junit.jupiter.api.Test;

/** stream: true end to end: upstream chunks through the worker, Kafka and the bridge's Server-Sent Events. */
class StreamingIT {

    private static String streamed(String model, String message) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + message + "\"}]}";
    }

    private static List<String> events(HttpResponse<String> response) {
        return response.body().lines().filter(line -> line.startsWith("data: "))
                .map(line -> line.substring(6)).toList();
    }

    private static String text(List<String> events) {
        StringBuilder text = new StringBuilder();
        for (String event : events) {
            if (!"[DONE]".equals(event)) {
                JsonNode chunk = parse(event);
                text.append(chunk.path("choices").path(0).path("delta").path("content").asText(""));
            }
        }
        return text.toString();
    }

    private static JsonNode parse(String text) {
        try {
            return io.llmrouter.schemas.WireFormat.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void streamedAnswerArrivesChunkByChunkAndMatchesTheWholeAnswer() {
        try (RouterUnderTest router = RouterUnderTest.start()) {
            HttpResponse<String> whole = router.post("/chat/completions", chat("auto", "stream this answer"));
            HttpResponse<String> stream = router.post("/chat/completions", streamed("auto", "stream this answer"));

            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("text/event-stream"));
            List<String> events = events(stream);
            assertThat(events.size()).isGreaterThan(3);
            assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
            assertThat(parse(events.get(events.size() - 2)).path("usage").path("total_tokens").asInt()).isPositive();
            assertThat(text(events)).isEqualTo(
                    json(whole).path("choices").get(0).path("message").path("content").asText());
        }
    }

    @Test
    void streamThatFailsBeforeItsFirstChunkFailsOverToTheNextCandidate() {
        try (UpstreamFake openai = new UpstreamFake()) {
            openai.failWith(500, "down", Map.of());
            UnaryOperator<RouterConfig> openAiFirst = config -> {
                Map<String, ProviderConfig> providers = new LinkedHashMap<>(config.providers());
                providers.put("openai", ProviderConfig.of("openai", openai.baseUrl(), Secret.of("k"),
                        providers.get("openai").models()).withResilience(
                        new io.llmrouter.config.ResilienceConfig(null, null, null, null, null, null, 1, null, null, null)));
                return config.withProviders(providers);
            };
            try (RouterUnderTest router = RouterUnderTest.start(openAiFirst)) {
                HttpResponse<String> stream = router.post("/chat/completions", streamed("auto", "after failover"));

                List<String> events = events(stream);
                assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
                assertThat(text(events)).startsWith("[simulator]").contains("after failover");
                assertThat(openai.calls()).hasSize(1);
            }
        }
    }

    @Test
    void streamThatBreaksAfterItsFirstChunkEndsWithAnErrorAndNothingSplicedIn() {
        UnaryOperator<RouterConfig> stalling = config -> {
            Map<String, ProviderConfig> providers = new LinkedHashMap<>(config.providers());
            ProviderConfig sim = providers.get("simulator");
            providers.put("simulator", sim.withSimulation(new ProviderConfig.SimulationConfig(0, 0, 0, 0, 7,
                    new ProviderConfig.Faults(0, 0, 0, 0, 0, 1.0))).withTimeoutMs(1_000));
            return config.withProviders(providers);
        };
        try (RouterUnderTest router = RouterUnderTest.start(stalling)) {
            HttpResponse<String> stream = router.post("/chat/completions", streamed("auto", "I will stall"));

            List<String> events = events(stream);
            assertThat(events).doesNotContain("[DONE]");
            JsonNode last = parse(events.get(events.size() - 1));
            assertThat(last.path("error").path("code").asText()).isEqualTo("stream_broken");
            assertThat(text(events.subList(0, events.size() - 1))).startsWith("[simulator]");
        }
    }
}
