package io.llmrouter.bridge.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the discovered model lists on {@link Topics#MODELS} into a {@link ModelCatalog}: all of them, then each new one.
 *
 * <p>It uses {@code assign()}, not a consumer group: every bridge needs every provider's list, and the
 * compacted topic read from its start holds the newest list of each. Lists are a convenience for
 * {@code GET /v1/models}, so a missing topic or an unreadable record never stops the bridge.
 */
public final class ModelListListener implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelListListener.class);

    private final Consumer<String, byte[]> consumer;
    private final ModelCatalog catalog;
    private final AtomicBoolean running = new AtomicBoolean(true);

    public ModelListListener(Consumer<String, byte[]> consumer, ModelCatalog catalog) {
        this.consumer = consumer;
        this.catalog = catalog;
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = TopicPartitions.await(consumer, Topics.MODELS, running, () -> LOG.warn(
                    "Topic {} is not there yet; GET /v1/models lists configured models only until it is", Topics.MODELS));
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                LOG.error("Model list listener woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("Model list listener on {} stopped on an error", Topics.MODELS, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Takes one record into the catalog: a list replaces the provider's last one, a tombstone drops it. */
    void apply(ConsumerRecord<String, byte[]> record) {
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

    /** Stops reading; the thread closes the consumer. */
    public void stop() {
        running.set(false);
        consumer.wakeup();
    }
}
