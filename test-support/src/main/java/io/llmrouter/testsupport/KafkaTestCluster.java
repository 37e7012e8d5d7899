package io.llmrouter.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.llmrouter.broker.EmbeddedKafkaBroker;
import io.llmrouter.broker.EmbeddedKafkaBroker.BrokerSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The one real Kafka broker (KRaft) of a test JVM, started on first use and stopped at JVM exit.
 *
 * <p>Tests share it, so each test uses topic names, group ids and instance ids of its own.
 */
public final class KafkaTestCluster {

    private static EmbeddedKafkaBroker broker;

    private KafkaTestCluster() {
    }

    /** The broker's address, starting it if this is the first call. */
    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = start();
        }
        return broker.bootstrapServers();
    }

    /** Creates topics with the given partition count; existing ones are left alone. */
    public static void createTopics(int partitions, Collection<String> names) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            var existing = admin.listTopics().names().get();
            List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, partitions, (short) 1)).toList();
            admin.createTopics(missing).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topics " + names, e);
        }
    }

    private static EmbeddedKafkaBroker start() {
        try {
            Path dataDir = Files.createTempDirectory("llm-router-test-kafka");
            EmbeddedKafkaBroker started = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral(dataDir));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteRecursively(dataDir);
            }, "kafka-test-cluster-stop"));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: the folder is under the system temp directory anyway.
        }
    }
}
