package io.llmrouter.workers.internal;

import java.nio.charset.StandardCharsets;

import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.StreamChunk;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Records for a reply topic, each marked with the {@code llm.type} header so readers know chunks from replies. */
public final class ReplyRecords {

    /** The header naming a reply-topic record's type. */
    public static final String TYPE_HEADER = "llm.type";

    private ReplyRecords() {
    }

    /** The terminal reply of a request. */
    public static ProducerRecord<String, byte[]> reply(String topic, LlmReply reply) {
        return typed(topic, reply.requestId(), WireFormat.toBytes(reply), "reply");
    }

    /** One chunk of a streamed answer. */
    public static ProducerRecord<String, byte[]> chunk(String topic, StreamChunk chunk) {
        return typed(topic, chunk.requestId(), WireFormat.toBytes(chunk), "chunk");
    }

    private static ProducerRecord<String, byte[]> typed(String topic, String key, byte[] value, String type) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
