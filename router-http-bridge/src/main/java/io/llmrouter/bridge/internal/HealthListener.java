package io.llmrouter.bridge.internal;

import java.time.Duration;

import io.llmrouter.schemas.HealthEvent;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the workers' reports on {@link Topics#HEALTH} into a {@link ProviderHealth}. Health is a convenience for
 * operators, so an unreadable report is skipped.
 */
public final class HealthListener implements RecordSink {

    /** How far back a bridge starts reading, so that its first answer already has the last reports. */
    public static final Duration LOOK_BACK = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(HealthListener.class);

    private final ProviderHealth health;

    public HealthListener(ProviderHealth health) {
        this.health = health;
    }

    /** Takes one report; an unreadable one is skipped. */
    @Override
    public void apply(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() != null) {
                health.update(WireFormat.fromBytes(record.value(), HealthEvent.class));
            }
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable health report at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }
}
