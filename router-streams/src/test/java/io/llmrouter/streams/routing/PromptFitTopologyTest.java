package io.llmrouter.streams.routing;

import static io.llmrouter.streams.routing.RoutingFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.RequestRecords;
import org.junit.jupiter.api.Test;

/** Context windows, capabilities, and trimming of prompts that fit nowhere. */
class PromptFitTopologyTest {

    private static String words(int count) {
        return "word ".repeat(count);
    }

    private static ObjectNode body(String model, String text) {
        return RequestRecords.chatBody(model, text);
    }

    @Test
    void modelWhoseWindowCannotHoldPromptPlusMaxTokensIsSkipped() {
        try (RoutingFixture router = new RoutingFixture("")) {
            ObjectNode body = body("auto", words(7000));
            body.put("max_tokens", 2000);

            RouteDecision route = router.route(request(Priority.NORMAL, body, "cost"));

            assertThat(route.provider()).isEqualTo("openai");
            assertThat(route.skipped()).singleElement().asString()
                    .startsWith("groq/llama-3.1-8b-instant: context window 8192 cannot hold")
                    .endsWith("+ 2000 max_tokens");
        }
    }

    @Test
    void promptThatFitsNoWindowIsAnsweredWithContextLengthExceeded() {
        try (RoutingFixture router = new RoutingFixture("")) {
            ObjectNode body = body("auto", "hello");
            body.put("max_tokens", 200_000);

            router.send(request(Priority.NORMAL, body, null));

            LlmReply reply = router.reply();
            assertThat(reply.error().status()).isEqualTo(400);
            assertThat(reply.error().code()).isEqualTo("context_length_exceeded");
        }
    }

    @Test
    void imagesGoOnlyToVisionModels() {
        try (RoutingFixture router = new RoutingFixture("")) {
            ObjectNode body = RequestRecords.chatBody("auto", "unused");
            ArrayNode parts = ((ObjectNode) body.withArray("messages").get(0)).putArray("content");
            parts.addObject().put("type", "text").put("text", "What is in this picture?");
            parts.addObject().put("type", "image_url").putObject("image_url").put("url", "https://example.com/cat.png");

            RouteDecision route = router.route(request(Priority.NORMAL, body, "cost"));

            assertThat(route.model()).isEqualTo("gpt-4o-mini");
            assertThat(route.skipped()).containsExactly("groq/llama-3.1-8b-instant: no vision (the request has images)");
        }
    }

    @Test
    void toolsGoOnlyToToolCapableModels() {
        try (RoutingFixture router = new RoutingFixture("")) {
            ObjectNode body = body("auto", "What is the weather in Paris?");
            body.putArray("tools").addObject().put("type", "function").putObject("function").put("name", "weather");

            RouteDecision route = router.route(request(Priority.HIGH, body, "local-first"));

            assertThat(route.provider()).isEqualTo("openai");
            assertThat(route.skipped()).containsExactly("ollama/llama3.2: no tools (the request offers tools)");
        }
    }

    @Test
    void jsonModeGoesNowhereWithoutSupportAndTheCallerIsTold() {
        try (RoutingFixture router = new RoutingFixture("")) {
            ObjectNode body = body("ollama/llama3.2", "List three colours as JSON");
            body.putObject("response_format").put("type", "json_object");

            router.send(request(Priority.NORMAL, body, null));

            LlmReply reply = router.reply();
            assertThat(reply.error().status()).isEqualTo(400);
            assertThat(reply.error().code()).isEqualTo("no_capable_model");
            assertThat(reply.error().message()).contains("ollama/llama3.2: no JSON mode");
        }
    }

    @Test
    void oversizedConversationIsTrimmedOldestFirstAndTheRouteSaysSo() {
        try (RoutingFixture router = new RoutingFixture("""
                routing:
                  trimming: {enabled: true}
                """)) {
            ObjectNode body = RequestRecords.chatBody("auto", "unused");
            ArrayNode messages = body.putArray("messages");
            messages.addObject().put("role", "system").put("content", "You are terse.");
            for (int i = 0; i < 6; i++) {
                messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant").put("content", words(900));
            }
            messages.addObject().put("role", "user").put("content", "So what is the answer?");

            router.send(request(Priority.LOW, body, null));

            LlmRequest work = router.routed(Priority.LOW);
            assertThat(work.route().model()).isEqualTo("llama3.2");
            // Each old turn is about 990 tokens (900 cl100k tokens and the 10 % margin): two go to fit 4,096.
            assertThat(work.route().trimmedMessages()).isEqualTo(2);
            assertThat(work.route().reason()).contains("prompt trimmed by 2 message(s)");
            assertThat(work.body().path("messages")).hasSize(6);
            assertThat(work.body().path("messages").get(0).path("content").asText()).isEqualTo("You are terse.");
            assertThat(work.body().path("messages").get(5).path("content").asText()).isEqualTo("So what is the answer?");
            assertThat(WireFormat.mapper().valueToTree(work.route()).has("trimmed_messages")).isTrue();
        }
    }

    @Test
    void withoutTrimmingAnOversizedConversationIsRefused() {
        try (RoutingFixture router = new RoutingFixture("")) {
            router.send(request(Priority.LOW, "auto", words(5000)));

            assertThat(router.reply().error().code()).isEqualTo("context_length_exceeded");
        }
    }
}
