package io.llmrouter.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.llmrouter.config.BundledLogging;
import io.llmrouter.config.ConfigException;
import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.RunningPart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the whole router in one JVM with an embedded Kafka broker: no Docker, no keys needed. */
@Command(name = "llm-router", mixinStandardHelpOptions = true,
        description = "Runs the router standalone: embedded Kafka (KRaft), streams, workers and the HTTP bridge.")
public final class StandaloneMain implements Callable<Integer> {

    private static final Path DEFAULT_CONFIG = Path.of("config", "router.yaml");

    @Option(names = "--config", description = "Configuration file (default: config/router.yaml if present, else the bundled one).")
    private Path configFile;

    @Override
    public Integer call() throws InterruptedException {
        RouterConfig config;
        try {
            config = loadConfig();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        RunningPart.awaitShutdown("llm-router", StandaloneRouter.start(config));
        return 0;
    }

    private RouterConfig loadConfig() {
        Path file = configFile != null ? configFile : Files.isRegularFile(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
        return ConfigLoader.loadOrBundled(file);
    }

    public static void main(String[] args) {
        BundledLogging.useUnlessConfigured();
        int exit = new CommandLine(new StandaloneMain()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
