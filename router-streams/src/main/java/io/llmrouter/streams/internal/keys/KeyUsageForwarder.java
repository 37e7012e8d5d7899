package io.llmrouter.streams.internal.keys;

import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.UsageEvent;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.streams.internal.Outbound;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Re-keys the usage of requests that came with a virtual key from {@code llm.usage} (keyed by provider) onto
 * {@code llm.keys.usage} under the key's ledger scope, so the task that reserved a request also settles it.
 * Other records of its source (the quota ledger's requests, when the two share one) are ignored.
 */
public final class KeyUsageForwarder implements Processor<String, byte[], String, Outbound> {

    private final VirtualKeys keys;
    private ProcessorContext<String, Outbound> context;

    public KeyUsageForwarder(VirtualKeys keys) {
        this.keys = keys;
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        if (!Topics.USAGE.equals(topic) || record.value() == null) {
            return;
        }
        UsageEvent usage;
        try {
            usage = WireFormat.fromBytes(record.value(), UsageEvent.class);
        } catch (WireFormat.WireFormatException e) {
            return;
        }
        if (usage.apiKeyId() == null || Boolean.TRUE.equals(usage.cacheHit()) || !keys.needsLedger(usage.apiKeyId())) {
            return;
        }
        context.forward(record.withKey(keys.scopeOf(usage.apiKeyId()))
                .withValue(new Outbound(Topics.KEY_USAGE, record.value())));
    }
}
