package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.StreamChunk;
import io.llmrouter.schemas.WireFormat;
import org.junit.jupiter.api.Test;

class PendingRepliesTest {

    private final PendingReplies pending = new PendingReplies(2);

    @Test
    void replyCompletesItsOwnCallerOnly() {
        CompletableFuture<LlmReply> first = pending.register("a");
        CompletableFuture<LlmReply> second = pending.register("b");

        assertThat(pending.complete(LlmReply.error("b", ErrorInfo.internal("x"), null, null))).isTrue();

        assertThat(second).isCompleted();
        assertThat(first).isNotDone();
    }

    @Test
    void replyForNobodyIsIgnored() {
        assertThat(pending.complete(LlmReply.error("unknown", ErrorInfo.internal("x"), null, null))).isFalse();
    }

    @Test
    void callersBeyondTheCapacityAreRefused() {
        pending.register("a");
        pending.register("b");

        assertThat(pending.register("c")).isNull();
        assertThat(pending.size()).isEqualTo(2);
    }

    @Test
    void answeredCallerFreesItsPlace() {
        pending.register("a");
        pending.register("b");
        pending.fail("a", ErrorInfo.timeout("late"));

        assertThat(pending.register("c")).isNotNull();
    }

    @Test
    void timedOutCallerGetsTheErrorAndALateReplyIsIgnored() {
        CompletableFuture<LlmReply> caller = pending.register("a");
        pending.fail("a", ErrorInfo.timeout("No reply within 10 ms"));

        assertThat(caller.join().error().status()).isEqualTo(504);
        assertThat(pending.complete(LlmReply.error("a", ErrorInfo.internal("late"), null, null))).isFalse();
    }

    @Test
    void shutdownAnswersEveryWaitingCaller() {
        CompletableFuture<LlmReply> a = pending.register("a");
        CompletableFuture<LlmReply> b = pending.register("b");

        pending.failAll(ErrorInfo.noProvider("shutting down"));

        assertThat(a.join().error().status()).isEqualTo(503);
        assertThat(b.join().error().status()).isEqualTo(503);
        assertThat(pending.size()).isZero();
    }

    private static StreamChunk chunk(String requestId, int sequence) {
        return new StreamChunk(requestId, sequence, WireFormat.mapper().createObjectNode().put("n", sequence));
    }

    @Test
    void chunksGoToTheirStreamUntilItsReplyArrives() {
        List<StreamChunk> received = new ArrayList<>();
        CompletableFuture<LlmReply> reply = pending.registerStream("a", received::add);

        assertThat(pending.deliver(chunk("a", 0))).isTrue();
        assertThat(pending.deliver(chunk("a", 1))).isTrue();
        pending.complete(LlmReply.error("a", ErrorInfo.upstream("broke"), null, null));

        assertThat(received).extracting(StreamChunk::sequence).containsExactly(0, 1);
        assertThat(reply).isCompleted();
        assertThat(pending.deliver(chunk("a", 2))).isFalse();
        assertThat(received).hasSize(2);
    }

    @Test
    void chunksForAnotherRequestAreIgnored() {
        List<StreamChunk> received = new ArrayList<>();
        pending.registerStream("a", received::add);

        assertThat(pending.deliver(chunk("someone-else", 0))).isFalse();
        assertThat(received).isEmpty();
    }

    @Test
    void aCallerThatDidNotAskForAStreamTakesNoChunks() {
        CompletableFuture<LlmReply> reply = pending.register("a");

        assertThat(pending.deliver(chunk("a", 0))).isFalse();
        assertThat(reply).isNotDone();
    }

    @Test
    void aStreamCountsTowardsTheCapacity() {
        pending.registerStream("a", chunk -> { });
        pending.register("b");

        assertThat(pending.registerStream("c", chunk -> { })).isNull();
    }

    @Test
    void aStreamWhoseCallerHungUpTakesNoMoreChunksAndFreesItsPlace() {
        List<StreamChunk> received = new ArrayList<>();
        pending.registerStream("a", received::add);
        pending.deliver(chunk("a", 0));

        pending.cancel("a");

        assertThat(pending.deliver(chunk("a", 1))).isFalse();
        assertThat(received).hasSize(1);
        assertThat(pending.size()).isZero();
    }

    @Test
    void aTimedOutStreamGetsTheErrorAndLaterChunksAreIgnored() {
        List<StreamChunk> received = new ArrayList<>();
        CompletableFuture<LlmReply> reply = pending.registerStream("a", received::add);

        pending.fail("a", ErrorInfo.timeout("No stream chunk within 10 ms"));

        assertThat(reply.join().error().code()).isEqualTo("timeout");
        assertThat(pending.deliver(chunk("a", 0))).isFalse();
        assertThat(received).isEmpty();
    }
}
