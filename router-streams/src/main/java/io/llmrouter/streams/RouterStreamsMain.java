package io.llmrouter.streams;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.ProviderAvailability;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.RunningPart;
import io.llmrouter.config.TopicProvisioner;
import io.llmrouter.streams.internal.MetricsEndpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the router-streams application as its own process. */
@Command(name = "router-streams", mixinStandardHelpOptions = true,
        description = "Runs the routing topology (validation, caches, routing) against a Kafka cluster.")
public final class RouterStreamsMain implements Callable<Integer> {

    @Option(names = "--config", description = "Configuration file (default: the bundled router.yaml).")
    private Path configFile;

    @Option(names = "--state-dir", defaultValue = "data/streams", description = "Where state stores live (default: ${DEFAULT-VALUE}).")
    private Path stateDir;

    @Option(names = "--metrics-port", defaultValue = "9404",
            description = "Port of GET /metrics (Prometheus) and GET /costs (cost aggregates), 0 for none "
                    + "(default: ${DEFAULT-VALUE}).")
    private int metricsPort;

    @Override
    public Integer call() throws InterruptedException {
        RouterConfig config = ConfigLoader.loadOrBundled(configFile);
        new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
        RouterStreamsApp app = RouterStreamsApp.start(config, ProviderAvailability.resolve(config), stateDir);
        if (metricsPort > 0) {
            MetricsEndpoint metrics = MetricsEndpoint.start(metricsPort);
            app.bindMeters(metrics.registry());
            metrics.serveCosts(app.costQuery());
            Runtime.getRuntime().addShutdownHook(new Thread(metrics::close, "metrics-shutdown"));
        }
        RunningPart.awaitShutdown("router-streams", app);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RouterStreamsMain()).execute(args));
    }
}
