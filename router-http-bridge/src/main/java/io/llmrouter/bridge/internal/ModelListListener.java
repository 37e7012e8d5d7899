package io.llmrouter.bridge.internal;

import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the discovered model lists on {@link Topics#MODELS}, read from the compacted topic's start, into a
 * {@link ModelCatalog}. Lists are a convenience for {@code GET /v1/models}, so an unreadable one is skipped.
 */
public final class ModelListListener implements RecordSink {

    private static final Logger LOG = LoggerFactory.getLogger(ModelListListener.class);

    private final ModelCatalog catalog;

    public ModelListListener(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** Takes one record into the catalog: a list replaces the provider's last one, a tombstone drops it. */
    @Override
    public void apply(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() == null) {
                if (record.key() != null) {
                    catalog.remove(record.key());
                }
                return;
            }
            DiscoveredModels list = WireFormat.fromBytes(record.value(), DiscoveredModels.class);
            String provider = record.key() != null ? record.key() : list.provider();
            if (provider == null) {
                LOG.warn("Skipping model list without a provider at {}-{}@{}", record.topic(), record.partition(),
                        record.offset());
                return;
            }
            catalog.update(provider, list);
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable model list at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }
}
