package io.llmrouter.bridge.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

import io.llmrouter.schemas.Delivery;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes requests to their priority topic, on the caller's thread.
 *
 * <p>Callers are event loops, which must not block. {@code send} blocks only to load a topic's metadata or to
 * wait for room in a full buffer, so the bridge loads the metadata of the topics it writes before it serves
 * (see {@link #loadMetadata}), keeps it (its producer's {@code metadata.max.idle.ms} is long) and bounds the
 * rest with a short {@code max.block.ms}: a call that cannot be queued fails fast with a 503.
 */
public final class RequestPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestPublisher.class);

    private final Producer<String, byte[]> producer;

    public RequestPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /**
     * Loads the partitions of each topic, so later sends to it need no metadata round trip. Each send may block
     * only {@code max.block.ms}, so this asks again until {@code patience} runs out; a topic still unknown then
     * loads on its first send.
     */
    public void loadMetadata(Collection<String> topics, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        for (String topic : topics) {
            while (!loaded(topic)) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("No metadata for {} after {}; it loads on the first request to it", topic, patience);
                    break;
                }
            }
        }
    }

    private boolean loaded(String topic) {
        try {
            producer.partitionsFor(topic);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Completes when the broker has the request, or exceptionally when it cannot be sent. */
    public CompletableFuture<Void> publish(LlmRequest request) {
        return send(request.priority().requestTopic(), request.requestId(), WireFormat.toBytes(request));
    }

    /** Completes when the broker has the record (a null value is a tombstone), or exceptionally when it cannot. */
    public CompletableFuture<Void> send(String topic, String key, byte[] value) {
        return Delivery.of(producer, new ProducerRecord<>(topic, key, value));
    }

    @Override
    public void close() {
        producer.close();
    }
}
