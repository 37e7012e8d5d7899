package io.llmrouter.bridge.internal;

import io.llmrouter.config.VirtualKey;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the keys created through any bridge's admin endpoint, read from the compacted {@link Topics#KEYS} from its
 * start, into the {@link KeyRing}: each new key or revocation.
 */
public final class KeyListener implements RecordSink {

    private static final Logger LOG = LoggerFactory.getLogger(KeyListener.class);

    private final KeyRing ring;

    public KeyListener(KeyRing ring) {
        this.ring = ring;
    }

    /** Takes one record: a key is added or replaced, a tombstone revokes it. */
    @Override
    public void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            ring.remove(record.key());
            return;
        }
        try {
            ring.put(record.key(), WireFormat.fromBytes(record.value(), VirtualKey.class));
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable key record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }
}
