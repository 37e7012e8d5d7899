package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;
import org.junit.jupiter.api.Test;

class AnthropicRequestTest {

    private static ObjectNode chat(String anthropic) {
        return AnthropicRequest.toChatBody(anthropic.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(String text) throws Exception {
        return WireFormat.mapper().readTree(text.replace('\'', '"'));
    }

    private static final String MINIMAL = "'model':'claude-x','max_tokens':64,'messages':[{'role':'user','content':'Hi'}]";

    @Test
    void plainRequestBecomesAChatBodyWithTheSameModelMessagesAndLimit() throws Exception {
        assertThat(chat("{" + MINIMAL + "}")).isEqualTo(json(
                "{'model':'claude-x','messages':[{'role':'user','content':'Hi'}],'max_tokens':64}"));
    }

    @Test
    void systemPromptBecomesTheFirstMessageWhetherStringOrTextBlocks() {
        assertThat(chat("{" + MINIMAL + ",'system':'Be terse.'}").path("messages").get(0).toString())
                .isEqualTo("{\"role\":\"system\",\"content\":\"Be terse.\"}");
        assertThat(chat("{" + MINIMAL + ",'system':[{'type':'text','text':'One.'},{'type':'text','text':'Two.',"
                + "'cache_control':{'type':'ephemeral'}}]}").path("messages").get(0).path("content").asText())
                .isEqualTo("One.\n\nTwo.");
    }

    @Test
    void samplingStopSequencesAndUserCarryOverAndTopKIsLeftOut() {
        ObjectNode body = chat("{" + MINIMAL + ",'temperature':0.2,'top_p':0.9,'top_k':5,"
                + "'stop_sequences':['END'],'metadata':{'user_id':'u-42'}}");

        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("stop").toString()).isEqualTo("[\"END\"]");
        assertThat(body.path("user").asText()).isEqualTo("u-42");
        assertThat(body.has("top_k")).isFalse();
        assertThat(body.has("metadata")).isFalse();
    }

    @Test
    void streamingAsksForUsageSinceAnthropicStreamsAlwaysEndWithIt() {
        ObjectNode body = chat("{" + MINIMAL + ",'stream':true}");

        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(chat("{" + MINIMAL + ",'stream':false}").has("stream")).isFalse();
    }

    @Test
    void imagesBecomeImageUrlPartsWithDataUrlsForBase64() {
        ObjectNode body = chat("{'model':'m','max_tokens':5,'messages':[{'role':'user','content':["
                + "{'type':'image','source':{'type':'base64','media_type':'image/png','data':'iVBO'}},"
                + "{'type':'image','source':{'type':'url','url':'https://example.org/cat.jpg'}},"
                + "{'type':'text','text':'What is this?'}]}]}");

        JsonNode parts = body.path("messages").get(0).path("content");
        assertThat(parts.get(0).path("image_url").path("url").asText()).isEqualTo("data:image/png;base64,iVBO");
        assertThat(parts.get(1).path("image_url").path("url").asText()).isEqualTo("https://example.org/cat.jpg");
        assertThat(parts.get(2).toString()).isEqualTo("{\"type\":\"text\",\"text\":\"What is this?\"}");
    }

    @Test
    void toolUseBecomesToolCallsAndToolResultsBecomeToolMessagesAheadOfTheUserText() throws Exception {
        ObjectNode body = chat("{'model':'m','max_tokens':5,'messages':["
                + "{'role':'user','content':'Weather in Paris?'},"
                + "{'role':'assistant','content':[{'type':'text','text':'Checking.'},"
                + "{'type':'tool_use','id':'toolu_1','name':'weather','input':{'city':'Paris'}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_1','content':'18C'},"
                + "{'type':'tool_result','tool_use_id':'toolu_2','is_error':true,"
                + "'content':[{'type':'text','text':'no such tool'}]},{'type':'text','text':'Thanks'}]}]}");

        JsonNode messages = body.path("messages");
        assertThat(messages.get(1)).isEqualTo(json("{'role':'assistant','content':'Checking.','tool_calls':"
                + "[{'id':'toolu_1','type':'function','function':{'name':'weather','arguments':'{\\'city\\':\\'Paris\\'}'}}]}"
                .replace("\\'", "\\\"")));
        assertThat(messages.get(2)).isEqualTo(json("{'role':'tool','tool_call_id':'toolu_1','content':'18C'}"));
        assertThat(messages.get(3).path("content").asText()).isEqualTo("Error: no such tool");
        assertThat(messages.get(4)).isEqualTo(json("{'role':'user','content':'Thanks'}"));
    }

    @Test
    void assistantTurnOfOnlyToolUseHasNullContent() {
        ObjectNode body = chat("{'model':'m','max_tokens':5,'messages':[{'role':'user','content':'go'},"
                + "{'role':'assistant','content':[{'type':'thinking','thinking':'hmm','signature':'s'},"
                + "{'type':'tool_use','id':'t','name':'f','input':{}}]}]}");

        JsonNode assistant = body.path("messages").get(1);
        assertThat(assistant.get("content").isNull()).isTrue();
        assertThat(assistant.path("tool_calls").get(0).path("function").path("arguments").asText()).isEqualTo("{}");
    }

    @Test
    void toolsBecomeFunctionsAndToolChoiceMapsToOpenAiNames() throws Exception {
        String tools = "'tools':[{'name':'weather','description':'Forecast','input_schema':{'type':'object'}}]";

        ObjectNode body = chat("{" + MINIMAL + "," + tools + ",'tool_choice':{'type':'any','disable_parallel_tool_use':true}}");

        assertThat(body.path("tools")).isEqualTo(json("[{'type':'function','function':{'name':'weather',"
                + "'description':'Forecast','parameters':{'type':'object'}}}]"));
        assertThat(body.path("tool_choice").asText()).isEqualTo("required");
        assertThat(body.path("parallel_tool_calls").asBoolean(true)).isFalse();
        assertThat(chat("{" + MINIMAL + "," + tools + ",'tool_choice':{'type':'tool','name':'weather'}}")
                .path("tool_choice")).isEqualTo(json("{'type':'function','function':{'name':'weather'}}"));
        assertThat(chat("{" + MINIMAL + "," + tools + ",'tool_choice':{'type':'auto'}}").path("tool_choice").asText())
                .isEqualTo("auto");
        assertThat(chat("{" + MINIMAL + "," + tools + ",'tool_choice':{'type':'none'}}").path("tool_choice").asText())
                .isEqualTo("none");
    }

    @Test
    void missingMaxTokensIsTheCallersMistake() {
        assertThatThrownBy(() -> chat("{'model':'m','messages':[{'role':'user','content':'Hi'}]}"))
                .isInstanceOfSatisfying(ChatRequestCheck.InvalidRequest.class, e -> {
                    assertThat(e.error().status()).isEqualTo(400);
                    assertThat(e.error().param()).isEqualTo("max_tokens");
                });
    }

    @Test
    void unknownRolesBlocksAndServerToolsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> chat("{'model':'m','max_tokens':5,'messages':[{'role':'tool','content':'x'}]}"))
                .hasMessageContaining("messages.0.role");
        assertThatThrownBy(() -> chat("{'model':'m','max_tokens':5,'messages':[{'role':'user','content':"
                + "[{'type':'container_upload','file_id':'f'}]}]}"))
                .hasMessageContaining("messages.0.content.0.type");
        assertThatThrownBy(() -> chat("{" + MINIMAL + ",'tools':[{'type':'web_search_20250305','name':'web_search'}]}"))
                .hasMessageContaining("tools.0.type");
    }

    @Test
    void bodiesThatAreNotJsonObjectsAreRefused() {
        assertThatThrownBy(() -> AnthropicRequest.toChatBody("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ChatRequestCheck.InvalidRequest.class);
        assertThatThrownBy(() -> AnthropicRequest.toChatBody("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ChatRequestCheck.InvalidRequest.class);
        assertThatThrownBy(() -> AnthropicRequest.toChatBody(null)).isInstanceOf(ChatRequestCheck.InvalidRequest.class);
    }
}
