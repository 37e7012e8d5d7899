package io.llmrouter.workers.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.UpstreamResult;
import io.llmrouter.workers.UpstreamResult.Failure;
import io.llmrouter.workers.adapters.GeminiAdapterTest.Harness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeminiRequestMappingTest {

    private static final String CONVERSATION = Harness.resource("gemini/request-conversation.json");

    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    private JsonNode sent(String model, String request) {
        harness.upstream.then(ScriptedUpstream.json(Harness.resource("gemini/generate-text.json")));
        UpstreamResult result = Harness.await(harness.adapter("gemini").complete(Harness.request(model, request)));
        assertThat(result.isSuccess()).as("result: %s", result.error()).isTrue();
        return harness.sentBody();
    }

    private JsonNode sentConversation() {
        return sent("flash", CONVERSATION);
    }

    private static List<String> roles(JsonNode contents) {
        List<String> roles = new ArrayList<>();
        contents.forEach(content -> roles.add(content.path("role").asText()));
        return roles;
    }

    @Test
    void postsToGenerateContentOfTheUpstreamModelWithTheKeyInAHeader() {
        sent("flash", GeminiAdapterTest.HELLO);

        ScriptedUpstream.Call call = harness.upstream.lastCall();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(call.headers()).containsEntry("x-goog-api-key", Harness.KEY).doesNotContainKey("Authorization");
        assertThat(call.body()).doesNotContain(Harness.KEY);
    }

    @Test
    void systemAndDeveloperMessagesBecomeTheSystemInstruction() {
        JsonNode body = sentConversation();

        assertThat(body.path("systemInstruction").path("parts")).containsExactly(
                Harness.json("{\"text\": \"You are a weather assistant.\"}"),
                Harness.json("{\"text\": \"Answer in metric units.\"}"));
        assertThat(roles(body.path("contents"))).doesNotContain("system", "developer");
    }

    @Test
    void assistantTurnsBecomeModelTurnsBetweenUserTurns() {
        JsonNode body = sentConversation();

        assertThat(roles(body.path("contents"))).containsExactly("user", "model", "user");
    }

    @Test
    void dataUrlImagesAreSentInline() {
        JsonNode parts = sentConversation().path("contents").path(0).path("parts");

        assertThat(parts.path(0).path("text").asText()).startsWith("What is on these pictures");
        assertThat(parts.path(1).path("inlineData").path("mimeType").asText()).isEqualTo("image/png");
        assertThat(parts.path(1).path("inlineData").path("data").asText()).startsWith("iVBORw0KGgo").doesNotContain("base64,");
    }

    @Test
    void linkedImagesAreSentAsFileDataWithAGuessedMimeType() {
        JsonNode parts = sentConversation().path("contents").path(0).path("parts");

        assertThat(parts.path(2).path("fileData")).isEqualTo(Harness.json("""
                {"mimeType": "image/webp", "fileUri": "https://example.com/photos/cat.webp?size=large"}"""));
        assertThat(parts.path(3).path("fileData").path("mimeType").asText()).isEqualTo("image/jpeg");
    }

    @Test
    void assistantToolCallsBecomeFunctionCallsWithObjectArguments() {
        JsonNode parts = sentConversation().path("contents").path(1).path("parts");

        assertThat(parts.path(0).path("text").asText()).isEqualTo("Let me look that up.");
        assertThat(parts.path(1).path("functionCall")).isEqualTo(Harness.json("""
                {"name": "get_weather", "args": {"city": "Paris"}}"""));
        assertThat(parts.path(2).path("functionCall").path("args").path("city").asText()).isEqualTo("Berlin");
    }

    @Test
    void toolResultsBecomeFunctionResponsesNamedAfterTheCallTheyAnswer() {
        JsonNode parts = sentConversation().path("contents").path(2).path("parts");

        assertThat(parts.path(0).path("functionResponse")).isEqualTo(Harness.json("""
                {"name": "get_weather", "response": {"content": "18 C, cloudy"}}"""));
        assertThat(parts.path(1).path("functionResponse").path("response").path("content").asText()).isEqualTo("12 C, rain");
        assertThat(parts.path(2).path("text").asText()).isEqualTo("Thanks. Shorter, please.");
    }

    @Test
    void toolsBecomeFunctionDeclarationsWithTheirJsonSchema() {
        JsonNode declarations = sentConversation().path("tools").path(0).path("functionDeclarations");

        assertThat(declarations).hasSize(2);
        assertThat(declarations.path(0).path("name").asText()).isEqualTo("get_weather");
        assertThat(declarations.path(0).path("description").asText()).isEqualTo("Current weather in a city");
        assertThat(declarations.path(0).path("parametersJsonSchema").path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(declarations.path(1)).isEqualTo(Harness.json("{\"name\": \"get_time\"}"));
    }

    @Test
    void forcedToolChoiceAllowsOnlyThatFunction() {
        JsonNode config = sentConversation().path("toolConfig").path("functionCallingConfig");

        assertThat(config).isEqualTo(Harness.json("""
                {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}"""));
    }

    @Test
    void samplingOptionsBecomeTheGenerationConfig() {
        JsonNode config = sentConversation().path("generationConfig");

        assertThat(config).isEqualTo(Harness.json("""
                {"temperature": 0.2, "topP": 0.9, "maxOutputTokens": 512, "seed": 7, "stopSequences": ["END"]}"""));
    }

    @Test
    void jsonObjectResponseFormatAsksForJson() {
        JsonNode config = sent("flash", """
                {"model": "flash", "messages": [{"role": "user", "content": "List three brokers"}],
                 "response_format": {"type": "json_object"}}""").path("generationConfig");

        assertThat(config).isEqualTo(Harness.json("{\"responseMimeType\": \"application/json\"}"));
    }

    @Test
    void jsonSchemaResponseFormatSendsTheSchema() {
        JsonNode config = sent("flash", """
                {"model": "flash", "messages": [{"role": "user", "content": "List three brokers"}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "brokers", "strict": true,
                   "schema": {"type": "object", "properties": {"names": {"type": "array", "items": {"type": "string"}}}}}}}
                """).path("generationConfig");

        assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.path("responseJsonSchema").path("properties").path("names").path("type").asText())
                .isEqualTo("array");
    }

    @Test
    void gemini3ReplayOfAToolCallWithoutItsSignatureCarriesTheSkipSentinel() {
        JsonNode parts = sent("gemini-3-pro-preview", CONVERSATION).path("contents").path(1).path("parts");

        assertThat(parts.path(1).path("thoughtSignature").asText()).isEqualTo(GeminiFormat.SKIP_SIGNATURE);
        assertThat(parts.path(2).has("thoughtSignature")).isFalse();
    }

    @Test
    void earlierGenerationsGetNoSignatureTheyDidNotSend() {
        JsonNode parts = sentConversation().path("contents").path(1).path("parts");

        assertThat(parts.findValues("thoughtSignature")).isEmpty();
    }

    @Test
    void thoughtSignatureHandedBackWithAToolCallIsSentBack() {
        JsonNode parts = sent("gemini-3-pro-preview", """
                {"model": "gemini-3-pro-preview", "messages": [
                  {"role": "user", "content": "Weather in Paris?"},
                  {"role": "assistant", "content": null, "tool_calls": [{"id": "call_0", "type": "function",
                    "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"},
                    "extra_content": {"google": {"thought_signature": "CiQB0e2Kb5Tz"}}}]},
                  {"role": "tool", "tool_call_id": "call_0", "content": "18 C"}]}""")
                .path("contents").path(1).path("parts");

        assertThat(parts.path(0).path("thoughtSignature").asText()).isEqualTo("CiQB0e2Kb5Tz");
    }

    @Test
    void toolCallArgumentsThatAreNotAJsonObjectFailWithoutCallingGemini() {
        UpstreamResult result = Harness.await(harness.adapter("gemini").complete(Harness.request("flash", """
                {"model": "flash", "messages": [
                  {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function",
                    "function": {"name": "get_weather", "arguments": "city=Paris"}}]}]}""")));

        assertThat(result.failure()).isEqualTo(Failure.INVALID_REQUEST);
        assertThat(result.error().status()).isEqualTo(400);
        assertThat(result.error().message()).contains("get_weather").contains("not a JSON object");
        assertThat(harness.upstream.calls()).isEmpty();
    }
}
