package io.llmrouter.bridge.internal;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Takes the records a {@link TopicFollower} reads; one it cannot read is skipped, never thrown. */
@FunctionalInterface
public interface RecordSink {

    /** Takes one record into the bridge's state. */
    void apply(ConsumerRecord<String, byte[]> record);
}
