package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
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
}
