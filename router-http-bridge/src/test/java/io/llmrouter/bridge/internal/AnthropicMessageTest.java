package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;
import org.junit.jupiter.api.Test;

class AnthropicMessageTest {

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) WireFormat.mapper().readTree(text.replace('\'', '"'));
    }

    @Test
    void textCompletionBecomesAMessageWithOneTextBlockAndItsUsage() throws Exception {
        ObjectNode completion = json("{'id':'chatcmpl-1','object':'chat.completion','model':'simulator-fast',"
                + "'choices':[{'index':0,'message':{'role':'assistant','content':'Hello'},'finish_reason':'stop'}],"
                + "'usage':{'prompt_tokens':12,'completion_tokens':3,'total_tokens':15}}");

        assertThat(AnthropicMessage.of(completion, "msg_1", "asked").toString()).isEqualTo(json("{'id':'msg_1',"
                + "'type':'message','role':'assistant','model':'simulator-fast','content':[{'type':'text','text':'Hello'}],"
                + "'stop_reason':'end_turn','stop_sequence':null,'usage':{'input_tokens':12,'output_tokens':3,"
                + "'cache_creation_input_tokens':0,'cache_read_input_tokens':0}}").toString());
    }

    @Test
    void toolCallsBecomeToolUseBlocksWithTheirArgumentsAsInput() throws Exception {
        ObjectNode completion = json("{'model':'m','choices':[{'message':{'role':'assistant','content':null,"
                + "'tool_calls':[{'id':'call_1','type':'function','function':{'name':'weather',"
                + "'arguments':'{\\'city\\':\\'Paris\\'}'}}]},'finish_reason':'tool_calls'}]}".replace("\\'", "\\\""));

        JsonNode message = AnthropicMessage.of(completion, "msg_2", "m");

        assertThat(message.path("content")).hasSize(1);
        assertThat(message.path("content").get(0)).isEqualTo(json("{'type':'tool_use','id':'call_1','name':'weather',"
                + "'input':{'city':'Paris'}}"));
        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void finishReasonsMapToAnthropicStopReasons() {
        assertThat(AnthropicMessage.stopReason("stop")).isEqualTo("end_turn");
        assertThat(AnthropicMessage.stopReason("length")).isEqualTo("max_tokens");
        assertThat(AnthropicMessage.stopReason("tool_calls")).isEqualTo("tool_use");
        assertThat(AnthropicMessage.stopReason("function_call")).isEqualTo("tool_use");
        assertThat(AnthropicMessage.stopReason("content_filter")).isEqualTo("refusal");
        assertThat(AnthropicMessage.stopReason(null)).isEqualTo("end_turn");
    }

    @Test
    void cachedPromptTokensAreReportedApartFromInputTokens() throws Exception {
        JsonNode usage = AnthropicMessage.usage(json("{'prompt_tokens':100,'completion_tokens':7,"
                + "'prompt_tokens_details':{'cached_tokens':60}}"));

        assertThat(usage.path("input_tokens").asLong()).isEqualTo(40);
        assertThat(usage.path("cache_read_input_tokens").asLong()).isEqualTo(60);
        assertThat(usage.path("output_tokens").asLong()).isEqualTo(7);
    }

    @Test
    void argumentsThatAreNotAJsonObjectAreKeptWhole() {
        assertThat(AnthropicMessage.toolInput("not json").path("arguments").asText()).isEqualTo("not json");
        assertThat(AnthropicMessage.toolInput("").isEmpty()).isTrue();
    }
}
