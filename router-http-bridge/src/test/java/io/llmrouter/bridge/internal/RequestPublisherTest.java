package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.testsupport.RequestRecords;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RequestPublisherTest {

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final RequestPublisher publisher = new RequestPublisher(producer);

    @Test
    void handsTheRequestToTheProducerBeforePublishReturns() {
        LlmRequest request = RequestRecords.chat(Priority.HIGH, "llm.replies.unit", "simulator-fast", "hello");

        CompletableFuture<Void> sent = publisher.publish(request);

        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("llm.requests.high");
            assertThat(record.key()).isEqualTo(request.requestId());
        });
        assertThat(sent).isNotDone();
    }

    @Test
    void completesWhenTheBrokerHasTheRequest() {
        CompletableFuture<Void> sent = publisher.send("llm.keys", "team-a", new byte[] {1});

        producer.completeNext();

        assertThat(sent).isCompleted();
    }

    @Test
    void failsTheCallWhenTheRequestCannotBeQueued() {
        producer.sendException = new TimeoutException("buffer full");

        CompletableFuture<Void> sent = publisher.send("llm.requests.normal", "r-1", new byte[] {1});

        assertThat(sent).isCompletedExceptionally();
    }

    @Test
    void asksForATopicsMetadataAgainUntilItIsKnown() {
        MetadataAfter slow = new MetadataAfter(3);

        new RequestPublisher(slow).loadMetadata(List.of("llm.requests.normal"), Duration.ofMinutes(1));

        assertThat(slow.asked).hasValue(3);
    }

    @Test
    void asksOnceMorePerTopicOnceItsPatienceRanOut() {
        MetadataAfter never = new MetadataAfter(Integer.MAX_VALUE);

        new RequestPublisher(never).loadMetadata(List.of("llm.requests.low", "llm.keys"), Duration.ZERO);

        assertThat(never.asked).hasValue(2);
    }

    /** A producer whose metadata requests time out until the given attempt. */
    private static final class MetadataAfter extends MockProducer<String, byte[]> {
        private final int attempt;
        private final AtomicInteger asked = new AtomicInteger();

        MetadataAfter(int attempt) {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
            this.attempt = attempt;
        }

        @Override
        public synchronized List<PartitionInfo> partitionsFor(String topic) {
            if (asked.incrementAndGet() < attempt) {
                throw new TimeoutException("metadata not loaded");
            }
            return List.of();
        }
    }
}
