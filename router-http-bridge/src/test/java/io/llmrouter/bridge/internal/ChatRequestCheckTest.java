package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ChatRequestCheckTest {

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRejected(String json, String param, String messagePart) {
        assertThatThrownBy(() -> ChatRequestCheck.parse(bytes(json)))
                .isInstanceOfSatisfying(ChatRequestCheck.InvalidRequest.class, e -> {
                    assertThat(e.error().status()).isEqualTo(400);
                    assertThat(e.error().type()).isEqualTo("invalid_request_error");
                    assertThat(e.error().param()).isEqualTo(param);
                    assertThat(e.error().message()).contains(messagePart);
                });
    }

    @Test
    void validRequestIsReturnedWithEveryFieldKept() {
        String json = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.2,\"seed\":7}";

        assertThat(ChatRequestCheck.parse(bytes(json)).path("seed").asInt()).isEqualTo(7);
    }

    @Test
    void emptyBodyIsRejected() {
        assertThatThrownBy(() -> ChatRequestCheck.parse(new byte[0])).hasMessageContaining("empty");
    }

    @Test
    void malformedJsonIsRejected() {
        assertRejected("{\"model\":", null, "could not parse the JSON body");
    }

    @Test
    void nonObjectBodyIsRejected() {
        assertRejected("[1,2]", null, "must be a JSON object");
    }

    @Test
    void missingModelIsRejectedNamingTheParameter() {
        assertRejected("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model", "model");
    }

    @Test
    void emptyMessagesAreRejectedNamingTheParameter() {
        assertRejected("{\"model\":\"auto\",\"messages\":[]}", "messages", "non-empty");
    }

    @Test
    void messageWithoutRoleIsRejectedNamingItsIndex() {
        assertRejected("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"content\":\"b\"}]}",
                "messages[1]", "role");
    }

    @Test
    void streamingRequestIsAcceptedWithItsStreamOptionsKept() {
        String json = "{\"model\":\"auto\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}";

        var body = ChatRequestCheck.parse(bytes(json));

        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void streamOptionsWithoutStreamingAreRejectedAsOpenAiDoes() {
        assertRejected("{\"model\":\"auto\",\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}", "stream_options", "only allowed when 'stream'");
    }
}
