package io.llmrouter.standalone;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import io.llmrouter.bridge.RouterBridge;
import io.llmrouter.broker.EmbeddedKafkaBroker;
import io.llmrouter.broker.EmbeddedKafkaBroker.BrokerSettings;
import io.llmrouter.config.ProviderAvailability;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.StandaloneSettings;
import io.llmrouter.config.TopicProvisioner;
import io.llmrouter.standalone.internal.SimulatedUpstreams;
import io.llmrouter.streams.RouterStreamsApp;
import io.llmrouter.workers.WorkerPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every part of the router in one JVM: an embedded Kafka broker, the simulators, the streams app,
 * the workers and the HTTP bridge. It composes the deployable parts; it does not re-implement them.
 */
public final class StandaloneRouter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneRouter.class);

    private final Deque<AutoCloseable> parts;
    private final RouterBridge bridge;
    private final RouterConfig config;

    private StandaloneRouter(Deque<AutoCloseable> parts, RouterBridge bridge, RouterConfig config) {
        this.parts = parts;
        this.bridge = bridge;
        this.config = config;
    }

    /** Starts an embedded broker with its data under {@code standalone.data-dir}, then every part on it. */
    public static StandaloneRouter start(RouterConfig config) {
        StandaloneSettings standalone = config.standalone();
        Path dataDir = Path.of(standalone.dataDir()).toAbsolutePath();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new BrokerSettings(dataDir.resolve("kafka"),
                "127.0.0.1", standalone.kafkaPort(), standalone.controllerPort(), standalone.broker()));
        try {
            return startParts(config.withKafka(config.kafka().withBootstrapServers(broker.bootstrapServers())),
                    dataDir, broker);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** Starts every part except the broker, against the brokers the configuration names. */
    public static StandaloneRouter startOn(RouterConfig config, Path dataDir) {
        return startParts(config, dataDir, null);
    }

    private static StandaloneRouter startParts(RouterConfig config, Path dataDir, EmbeddedKafkaBroker broker) {
        long started = System.nanoTime();
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        if (broker != null) {
            parts.push(broker);
        }
        try {
            SimulatedUpstreams simulators = SimulatedUpstreams.start(config);
            parts.push(simulators);
            RouterConfig running = simulators.config();
            new TopicProvisioner(running.kafka()).ensure(TopicProvisioner.sharedTopics(running));
            Set<String> available = ProviderAvailability.resolve(running);
            RouterStreamsApp streams = RouterStreamsApp.start(running, available, dataDir.resolve("streams"));
            parts.push(streams);
            parts.push(WorkerPool.start(running, available, running.workers().concurrency()));
            RouterBridge bridge = RouterBridge.start(running, available);
            parts.push(bridge);
            streams.bindMeters(bridge.meterRegistry());
            LOG.info("llm-router standalone ready in {} ms: http://localhost:{}/v1/chat/completions, providers {}{}",
                    (System.nanoTime() - started) / 1_000_000, bridge.port(), available,
                    available.contains("simulator") ? " (the simulator's answers are simulated, not a real model's)" : "");
            return new StandaloneRouter(parts, bridge, running);
        } catch (RuntimeException e) {
            closeAll(parts);
            throw e;
        }
    }

    /** The HTTP port of the bridge. */
    public int httpPort() {
        return bridge.port();
    }

    /** The configuration in force, with actual broker and simulator addresses. */
    public RouterConfig config() {
        return config;
    }

    @Override
    public void close() {
        closeAll(parts);
    }

    private static void closeAll(Deque<AutoCloseable> parts) {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly: {}", part.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
