package io.llmrouter.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    private final MockProducer<String, String> producer =
            new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
    private final ProducerRecord<String, String> record = new ProducerRecord<>("llm.requests.normal", "req-1", "{}");

    @Test
    void waitsForTheBrokersAcknowledgement() {
        CompletableFuture<Void> sent = Delivery.of(producer, record);

        assertThat(sent).isNotDone();
        producer.completeNext();
        assertThat(sent).isCompleted();
        assertThat(producer.history()).containsExactly(record);
    }

    @Test
    void failsWithTheBrokersRefusal() {
        CompletableFuture<Void> sent = Delivery.of(producer, record);

        producer.errorNext(new NotLeaderOrFollowerException("moved"));

        assertThat(sent).isCompletedExceptionally();
        assertThat(sent.handle((ok, error) -> error).join()).isInstanceOf(NotLeaderOrFollowerException.class);
    }

    @Test
    void aSendRefusedUpFrontFailsTheFutureInsteadOfThrowing() {
        producer.close();

        CompletableFuture<Void> sent = Delivery.of(producer, record);

        assertThat(sent).isCompletedExceptionally();
        assertThat(sent.handle((ok, error) -> error).join()).isInstanceOf(IllegalStateException.class);
    }
}
