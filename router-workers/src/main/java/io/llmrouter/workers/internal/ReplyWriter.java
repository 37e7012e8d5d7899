package io.llmrouter.workers.internal;

import java.util.concurrent.CompletableFuture;

import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.UsageEvent;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes replies to the topic each request names, and usage events to {@link Topics#USAGE}. */
public final class ReplyWriter {

    private final Producer<String, byte[]> producer;

    public ReplyWriter(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** Sends a reply; completes when the broker has it. */
    public CompletableFuture<Void> reply(String topic, LlmReply reply) {
        return send(topic, reply.requestId(), WireFormat.toBytes(reply));
    }

    /** Sends a usage event; completes when the broker has it. */
    public CompletableFuture<Void> usage(UsageEvent usage) {
        return send(Topics.USAGE, usage.provider(), WireFormat.toBytes(usage));
    }

    /** Sends any record as is; completes when the broker has it. */
    public CompletableFuture<Void> send(String topic, String key, byte[] value) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error == null) {
                written.complete(null);
            } else {
                written.completeExceptionally(error);
            }
        });
        return written;
    }
}
