package io.llmrouter.workers.internal;

import java.time.Clock;
import java.util.List;

import io.llmrouter.schemas.HealthEvent;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.workers.resilience.ProviderGuard;
import io.llmrouter.workers.resilience.ResilientAdapter;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes each guard's breaker state, latency, error and 429 rates and in-flight count to {@link Topics#HEALTH}. */
public final class HealthReporter implements Runnable {

    private final List<ResilientAdapter> adapters;
    private final Producer<String, byte[]> producer;
    private final Clock clock;

    public HealthReporter(List<ResilientAdapter> adapters, Producer<String, byte[]> producer, Clock clock) {
        this.adapters = List.copyOf(adapters);
        this.producer = producer;
        this.clock = clock;
    }

    @Override
    public void run() {
        long now = clock.millis();
        for (ResilientAdapter adapter : adapters) {
            for (ProviderGuard guard : adapter.guards()) {
                ProviderGuard.Snapshot s = guard.snapshot();
                String[] parts = s.name().split("/", 2);
                HealthEvent event = new HealthEvent(parts[0], parts.length > 1 ? parts[1] : "*", now, s.breakerState(),
                        finite(s.latencyMs()), finite(s.errorRate()), finite(s.rateLimitedRate()), s.inFlight());
                producer.send(new ProducerRecord<>(Topics.HEALTH, s.name(), WireFormat.toBytes(event)));
            }
        }
    }

    /** The schema has no NaN: a figure not known yet is 0. */
    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }
}
