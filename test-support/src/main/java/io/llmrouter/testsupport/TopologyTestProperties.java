package io.llmrouter.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;

/**
 * Properties for a TopologyTestDriver with a state directory of its own: the default one under the temp
 * directory is shared by every build on the machine, and two builds would lock each other's stores.
 */
public final class TopologyTestProperties {

    private TopologyTestProperties() {
    }

    /** Application id, a placeholder broker, and a fresh state directory that is deleted when the JVM exits. */
    public static Properties of(String applicationId) {
        try {
            var stateDir = Files.createTempDirectory("topology-test-");
            stateDir.toFile().deleteOnExit();
            Properties props = new Properties();
            props.put("application.id", applicationId);
            props.put("bootstrap.servers", "unused:9092");
            props.put("state.dir", stateDir.toString());
            // As the router runs; without it every driver logs that the global thread's handler is off.
            props.put("processing.exception.handler.global.enabled", "true");
            return props;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory", e);
        }
    }
}
