package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.llmrouter.bridge.OpenAiChunks;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.StreamChunk;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ReplyListenerTest {

    private static final String TOPIC = "llm.replies.unit";

    private final PendingReplies pending = new PendingReplies(10);
    private final ReplyListener listener = new ReplyListener(new MockConsumer<>("latest"), TOPIC, pending);
    private final List<StreamChunk> received = new ArrayList<>();

    private static ConsumerRecord<String, byte[]> record(String requestId, Object value, String type) {
        RecordHeaders headers = new RecordHeaders();
        if (type != null) {
            headers.add(ReplyListener.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = value instanceof byte[] raw ? raw : WireFormat.toBytes(value);
        return new ConsumerRecord<>(TOPIC, 0, 0L, 0L, TimestampType.CREATE_TIME, requestId.length(), bytes.length,
                requestId, bytes, headers, Optional.empty());
    }

    private static StreamChunk chunk(String requestId, int sequence) {
        return new StreamChunk(requestId, sequence, OpenAiChunks.content("c", "piece " + sequence));
    }

    private static LlmReply errorReply(String requestId) {
        return LlmReply.error(requestId, ErrorInfo.upstream("broke"), null, null);
    }

    @Test
    void aRecordTypedChunkGoesToItsStream() {
        CompletableFuture<LlmReply> reply = pending.registerStream("req-1", received::add);

        listener.deliver(record("req-1", chunk("req-1", 0), ReplyListener.CHUNK));

        assertThat(received).extracting(StreamChunk::sequence).containsExactly(0);
        assertThat(reply).isNotDone();
    }

    @Test
    void aRecordTypedReplyCompletesItsCaller() {
        CompletableFuture<LlmReply> reply = pending.registerStream("req-1", received::add);

        listener.deliver(record("req-1", errorReply("req-1"), ReplyListener.REPLY));

        assertThat(reply).isCompleted();
        assertThat(pending.size()).isZero();
    }

    @Test
    void aRecordWithoutTheHeaderIsAReplyAsOlderProducersWriteThem() {
        CompletableFuture<LlmReply> reply = pending.register("req-1");

        listener.deliver(record("req-1", errorReply("req-1"), null));

        assertThat(reply.join().error().code()).isEqualTo("upstream_failed");
    }

    @Test
    void recordsForRequestsNobodyWaitsForAreIgnored() {
        pending.registerStream("req-1", received::add);

        listener.deliver(record("req-other", chunk("req-other", 0), ReplyListener.CHUNK));
        listener.deliver(record("req-other", errorReply("req-other"), ReplyListener.REPLY));

        assertThat(received).isEmpty();
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void aRecordOfUnknownTypeIsSkipped() {
        CompletableFuture<LlmReply> reply = pending.registerStream("req-1", received::add);

        listener.deliver(record("req-1", errorReply("req-1"), "progress"));

        assertThat(reply).isNotDone();
        assertThat(received).isEmpty();
    }

    @Test
    void anUnreadableRecordIsSkippedWithoutStoppingTheListener() {
        pending.registerStream("req-1", received::add);

        assertThatCode(() -> listener.deliver(record("req-1", "not json".getBytes(StandardCharsets.UTF_8),
                ReplyListener.CHUNK))).doesNotThrowAnyException();
        assertThat(received).isEmpty();
    }
}
