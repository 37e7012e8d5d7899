package io.llmrouter.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official Anthropic Java SDK, pointed at the router, works as it would against Anthropic's Messages API. */
class AnthropicSdkIT {

    private static RouterUnderTest router;
    private static AnthropicClient client;

    @BeforeAll
    static void start() {
        router = RouterUnderTest.start();
        String root = router.baseUrl().substring(0, router.baseUrl().length() - "/v1".length());
        client = AnthropicOkHttpClient.builder().baseUrl(root).apiKey("unused-in-dev-mode").maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        router.close();
    }

    private static MessageCreateParams ask(String model, String question) {
        return MessageCreateParams.builder().model(model).maxTokens(200).system("You are terse.")
                .addUserMessage(question).build();
    }

    private static String text(Message message) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : message.content()) {
            block.text().ifPresent(part -> text.append(part.text()));
        }
        return text.toString();
    }

    @Test
    void sdkGetsAMessage() {
        Message message = client.messages().create(ask("auto", "Name a stream processor."));

        assertThat(message.id()).startsWith("msg_");
        assertThat(message.model().asString()).isEqualTo("simulator-fast");
        assertThat(text(message)).startsWith("[simulator]");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isPositive();
        assertThat(message.usage().outputTokens()).isPositive();
    }

    @Test
    void sdkStreamsAMessageThatMatchesTheWholeAnswer() {
        Message whole = client.messages().create(ask("auto", "Stream this answer."));
        MessageAccumulator accumulator = MessageAccumulator.create();
        List<String> kinds = new ArrayList<>();

        try (StreamResponse<RawMessageStreamEvent> stream = client.messages()
                .createStreaming(ask("auto", "Stream this answer."))) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                kinds.add(kind(event));
            });
        }

        Message streamed = accumulator.message();
        assertThat(kinds).startsWith("message_start").endsWith("message_delta", "message_stop");
        assertThat(kinds.stream().filter("content_block_delta"::equals).count()).isGreaterThan(1);
        assertThat(text(streamed)).isEqualTo(text(whole));
        assertThat(streamed.stopReason()).contains(StopReason.END_TURN);
        assertThat(streamed.usage().outputTokens()).isEqualTo(whole.usage().outputTokens());
    }

    @Test
    void sdkSendsAToolConversationThatTheUpstreamAccepts() {
        List<ContentBlockParam> toolUse = List.of(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                .id("toolu_1").name("weather").input(JsonValue.from(Map.of("city", "Paris"))).build()));
        List<ContentBlockParam> toolResult = List.of(
                ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId("toolu_1").content("18C").build()),
                ContentBlockParam.ofText(TextBlockParam.builder().text("So, warm?").build()));
        Tool weather = Tool.builder().name("weather").description("Forecast for a city")
                .inputSchema(Tool.InputSchema.builder().properties(JsonValue.from(Map.of("city",
                        Map.of("type", "string")))).build()).build();

        Message message = client.messages().create(MessageCreateParams.builder().model("auto").maxTokens(200)
                .addUserMessage("Weather in Paris?").addAssistantMessageOfContentBlockParams(toolUse)
                .addUserMessageOfContentBlockParams(toolResult).addTool(weather).build());

        assertThat(text(message)).startsWith("[simulator]");
    }

    @Test
    void sdkSeesUnknownModelsAsNotFound() {
        assertThatThrownBy(() -> client.messages().create(ask("no-such-model", "hi")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-model");
    }

    private static String kind(RawMessageStreamEvent event) {
        if (event.isMessageStart()) {
            return "message_start";
        } else if (event.isContentBlockStart()) {
            return "content_block_start";
        } else if (event.isContentBlockDelta()) {
            return "content_block_delta";
        } else if (event.isContentBlockStop()) {
            return "content_block_stop";
        } else if (event.isMessageDelta()) {
            return "message_delta";
        } else if (event.isMessageStop()) {
            return "message_stop";
        }
        return "other";
    }
}
