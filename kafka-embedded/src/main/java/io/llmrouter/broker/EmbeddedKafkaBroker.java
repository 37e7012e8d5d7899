package io.llmrouter.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM.
 *
 * <p>The data folder is formatted on first start with the latest production metadata version and
 * reused afterwards, so topics and offsets survive a restart.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;

    private final BrokerSettings settings;
    private final int brokerPort;
    private final int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(BrokerSettings settings) {
        this.settings = settings;
        this.brokerPort = settings.brokerPort() == 0 ? freePort() : settings.brokerPort();
        this.controllerPort = settings.controllerPort() == 0 ? freePort() : settings.controllerPort();
    }

    /** Formats the data folder if needed and starts the broker; returns once it accepts clients. */
    public static EmbeddedKafkaBroker start(BrokerSettings settings) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings);
        broker.startup();
        return broker;
    }

    /** The address clients connect to, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return settings.host() + ":" + brokerPort;
    }

    private void startup() {
        long started = System.nanoTime();
        Path logDir = settings.dataDir().resolve("kraft-combined-logs");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka data folder " + logDir, e);
        }
        KafkaConfig config = KafkaConfig.fromProps(serverProperties(logDir), false);
        formatIfNew(logDir);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        LOG.info("Kafka broker (KRaft) listening on {} with data in {}, started in {} ms",
                bootstrapServers(), logDir, (System.nanoTime() - started) / 1_000_000);
    }

    private Properties serverProperties(Path logDir) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + settings.host() + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + settings.host() + ":" + brokerPort
                + ",CONTROLLER://" + settings.host() + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + settings.host() + ":" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // A single node: every internal topic has one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("default.replication.factor", "1");
        // Consumer groups start at once instead of waiting for more members to join.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        // A worker starts its next transaction while the broker still writes the last one's markers; the first
        // write of the new one is refused until they are done and retried here, after 20 ms by default.
        props.put("add.partitions.to.txn.retry.backoff.ms", "1");
        props.putAll(settings.overrides());
        return props;
    }

    private void formatIfNew(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setUnstableFeatureVersionsEnabled(false)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka data folder " + logDir + ": " + e.getMessage(), e);
        }
        LOG.debug("Formatted {}: {}", logDir, out.toString(StandardCharsets.UTF_8).trim());
    }

    @Override
    public void close() {
        if (server == null) {
            return;
        }
        long started = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("Kafka broker stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the embedded broker", e);
        }
    }

    /**
     * Where the broker keeps its data and which ports it listens on; port 0 picks a free one.
     *
     * @param overrides broker properties that replace the defaults, e.g. {@code log.retention.hours}
     */
    public record BrokerSettings(Path dataDir, String host, int brokerPort, int controllerPort,
                                 Map<String, String> overrides) {
        public BrokerSettings {
            overrides = Map.copyOf(overrides);
        }

        /** A broker on loopback with free ports, for tests. */
        public static BrokerSettings ephemeral(Path dataDir) {
            return new BrokerSettings(dataDir, "127.0.0.1", 0, 0, Map.of());
        }
    }
}
