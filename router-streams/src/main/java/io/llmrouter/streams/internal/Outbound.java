package io.llmrouter.streams.internal;

import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * A record leaving the topology for a topic chosen at run time: a work topic, a reply topic or the dead-letter topic.
 *
 * @param topic where it goes
 * @param value the encoded record
 */
public record Outbound(String topic, byte[] value) {

    /** Picks each record's topic from its value. */
    public static final TopicNameExtractor<String, Outbound> TOPIC = (key, outbound, context) -> outbound.topic();

    /** Writes the already encoded value. */
    public static final Serializer<Outbound> SERIALIZER = (topic, outbound) -> outbound == null ? null : outbound.value();

    /** A record encoded in the wire format. */
    public static Outbound of(String topic, Object record) {
        return new Outbound(topic, WireFormat.toBytes(record));
    }
}
