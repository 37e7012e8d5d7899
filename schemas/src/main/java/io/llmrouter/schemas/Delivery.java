package io.llmrouter.schemas;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/** One producer send as a future: it completes when the broker has the record, exceptionally when it cannot. */
public final class Delivery {

    private Delivery() {
    }

    /**
     * Sends the record; a send refused before it was queued (say, the buffer stayed full or the producer is
     * closed) fails the future like a broker's refusal instead of throwing at the caller.
     */
    public static <K, V> CompletableFuture<Void> of(Producer<K, V> producer, ProducerRecord<K, V> record) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(error);
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            sent.completeExceptionally(e);
        }
        return sent;
    }
}
