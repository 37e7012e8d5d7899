package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.Priority;
import org.junit.jupiter.api.Test;

class ObservedCallTest {

    private final List<String> started = new ArrayList<>();
    private final List<FinishedCall> finished = new ArrayList<>();
    private final CallObserver observer = new CallObserver() {
        @Override
        public void started(String api) {
            started.add(api);
        }

        @Override
        public void finished(FinishedCall call) {
            finished.add(call);
        }
    };

    @Test
    void aCallEndsOnceWhicheverEndComesFirst() {
        ObservedCall call = ObservedCall.start(observer, ObservedCall.MESSAGES, System.nanoTime());
        call.describe(Priority.CRITICAL, true);

        call.abandoned();
        call.answered(LlmReply.error("r", ErrorInfo.timeout("late"), null, null));

        assertThat(started).containsExactly(ObservedCall.MESSAGES);
        assertThat(finished).singleElement().satisfies(end -> {
            assertThat(end.outcome()).isEqualTo(CallOutcome.CANCELLED);
            assertThat(end.priority()).isEqualTo(Priority.CRITICAL);
            assertThat(end.stream()).isTrue();
        });
    }

    @Test
    void anErrorReplyEndsTheCallAsAnErrorWithItsCause() {
        ObservedCall call = ObservedCall.start(observer, ObservedCall.CHAT, System.nanoTime());

        call.answered(LlmReply.error("r", ErrorInfo.noProvider("none on"), null, null));

        assertThat(finished).singleElement().satisfies(end -> {
            assertThat(end.outcome()).isEqualTo(CallOutcome.ERROR);
            assertThat(end.cause()).contains(ErrorCause.POLICY);
            assertThat(end.firstTokenNanos()).isNegative();
        });
    }

    @Test
    void onlyTheFirstTokenIsTimed() {
        ObservedCall call = ObservedCall.start(observer, ObservedCall.CHAT, System.nanoTime());
        call.firstToken();
        call.refused(ErrorInfo.internal("x"));

        assertThat(finished.get(0).firstTokenNanos()).isNotNegative();
        assertThat(finished.get(0).firstTokenNanos()).isLessThanOrEqualTo(finished.get(0).latencyNanos());
    }
}
