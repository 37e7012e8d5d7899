package io.llmrouter.bridge.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.llmrouter.schemas.Delivery;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes requests to their priority topic.
 *
 * <p>{@code send} may block while metadata loads, so it runs on a thread of its own, never on an event loop.
 */
public final class RequestPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "bridge-request-publisher");
        thread.setDaemon(true);
        return thread;
    });

    public RequestPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** Completes when the broker has the request, or exceptionally when it cannot be sent. */
    public CompletableFuture<Void> publish(LlmRequest request) {
        return send(request.priority().requestTopic(), request.requestId(), WireFormat.toBytes(request));
    }

    /** Completes when the broker has the record (a null value is a tombstone), or exceptionally when it cannot. */
    public CompletableFuture<Void> send(String topic, String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        sender.execute(() -> Delivery.of(producer, record).whenComplete((done, error) -> {
            if (error == null) {
                sent.complete(null);
            } else {
                sent.completeExceptionally(error);
            }
        }));
        return sent;
    }

    @Override
    public void close() {
        sender.shutdown();
        producer.close();
    }
}
