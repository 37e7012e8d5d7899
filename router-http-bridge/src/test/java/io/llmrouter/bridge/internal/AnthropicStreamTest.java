package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.WireFormat;
import org.junit.jupiter.api.Test;

class AnthropicStreamTest {

    private final AnthropicStream stream = new AnthropicStream("msg_1", "asked-model");

    private static ObjectNode json(String text) {
        return parse(text.replace('\'', '"'));
    }

    private static ObjectNode parse(String text) {
        try {
            return (ObjectNode) WireFormat.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode chunk(String delta, String finish) {
        return json("{'id':'c','object':'chat.completion.chunk','model':'simulator-fast','choices':[{'index':0,"
                + "'delta':" + delta + ",'finish_reason':" + (finish == null ? "null" : "'" + finish + "'") + "}]}");
    }

    /** Each event as its name and data. */
    private static List<Event> events(List<String> raw) {
        List<Event> events = new ArrayList<>();
        for (String event : raw) {
            String[] lines = event.split("\n");
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            assertThat(event).endsWith("\n\n");
            events.add(new Event(lines[0].substring(7), parse(lines[1].substring(6))));
        }
        return events;
    }

    private record Event(String name, JsonNode data) {
    }

    private static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }

    @Test
    void textChunksBecomeOneTextBlockBetweenMessageStartAndMessageStop() {
        List<String> raw = new ArrayList<>();
        raw.addAll(stream.chunk(chunk("{'role':'assistant','content':''}", null)));
        raw.addAll(stream.chunk(chunk("{'content':'Hel'}", null)));
        raw.addAll(stream.chunk(chunk("{'content':'lo'}", null)));
        raw.addAll(stream.chunk(chunk("{}", "stop")));
        raw.addAll(stream.chunk(json("{'id':'c','choices':[],'usage':{'prompt_tokens':9,'completion_tokens':2}}")));
        raw.addAll(stream.end(null));

        List<Event> events = events(raw);
        assertThat(names(events)).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode message = events.get(0).data().path("message");
        assertThat(message.path("id").asText()).isEqualTo("msg_1");
        assertThat(message.path("model").asText()).isEqualTo("simulator-fast");
        assertThat(message.path("content")).isEmpty();
        assertThat(events.get(2).data().path("content_block")).isEqualTo(json("{'type':'text','text':''}"));
        assertThat(events.get(3).data()).isEqualTo(json("{'type':'content_block_delta','index':0,"
                + "'delta':{'type':'text_delta','text':'Hel'}}"));
        JsonNode delta = events.get(6).data();
        assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.path("usage").path("output_tokens").asInt()).isEqualTo(2);
        assertThat(delta.path("usage").path("input_tokens").asInt()).isEqualTo(9);
    }

    @Test
    void toolCallChunksBecomeToolUseBlocksWithInputJsonDeltas() {
        List<String> raw = new ArrayList<>();
        raw.addAll(stream.chunk(chunk("{'content':'Let me check.'}", null)));
        raw.addAll(stream.chunk(chunk("{'tool_calls':[{'index':0,'id':'call_1','type':'function',"
                + "'function':{'name':'weather','arguments':''}}]}", null)));
        raw.addAll(stream.chunk(chunk("{'tool_calls':[{'index':0,'function':{'arguments':'{\\'city\\''}}]}"
                .replace("\\'", "\\\""), null)));
        raw.addAll(stream.chunk(chunk("{'tool_calls':[{'index':1,'id':'call_2','function':{'name':'time',"
                + "'arguments':'{}'}}]}", "tool_calls")));
        raw.addAll(stream.end(null));

        List<Event> events = events(raw);
        assertThat(names(events)).containsExactly("message_start", "ping",
                "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(5).data()).isEqualTo(json("{'type':'content_block_start','index':1,'content_block':"
                + "{'type':'tool_use','id':'call_1','name':'weather','input':{}}}"));
        assertThat(events.get(6).data().path("delta")).isEqualTo(json("{'type':'input_json_delta',"
                + "'partial_json':'{\\'city\\''}".replace("\\'", "\\\"")));
        assertThat(events.get(8).data().path("index").asInt()).isEqualTo(2);
        assertThat(events.get(11).data().path("delta").path("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void completionWithoutChunksIsSentAsWholeBlocks() {
        ObjectNode completion = json("{'model':'simulator-smart','choices':[{'message':{'role':'assistant',"
                + "'content':'All at once'},'finish_reason':'length'}],'usage':{'prompt_tokens':4,'completion_tokens':3}}");

        List<Event> events = events(stream.end(completion));

        assertThat(names(events)).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(0).data().path("message").path("model").asText()).isEqualTo("simulator-smart");
        assertThat(events.get(3).data().path("delta").path("text").asText()).isEqualTo("All at once");
        assertThat(events.get(5).data().path("delta").path("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(events.get(5).data().path("usage").path("output_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void usageChunkTheCallerDidNotSeeProducesNoEvents() {
        stream.chunk(chunk("{'content':'x'}", null));

        assertThat(stream.chunk(json("{'id':'c','choices':[],'usage':{'prompt_tokens':1,'completion_tokens':1}}")))
                .isEmpty();
    }

    @Test
    void failureAfterTheStartIsAnAnthropicErrorEvent() {
        String event = stream.failure(new ErrorInfo(502, "upstream_error", "stream_broken", "upstream broke", null));

        assertThat(event).startsWith("event: error\n");
        Event parsed = events(List.of(event)).get(0);
        assertThat(parsed.data()).isEqualTo(json("{'type':'error','error':{'type':'api_error','message':'upstream broke'}}"));
    }
}
