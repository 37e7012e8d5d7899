package io.llmrouter.streams;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.llmrouter.config.BundledLogging;
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

    @Option(names = "--advertised-host",
            description = "Host name other streams instances reach this one's metrics port by, for GET /costs across "
                    + "instances (default: this machine's host name).")
    private String advertisedHost;

    @Override
    public Integer call() throws InterruptedException {
        RouterConfig config = ConfigLoader.loadOrBundled(configFile);
        new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
        if (metricsPort <= 0) {
            RunningPart.awaitShutdown("router-streams",
                    RouterStreamsApp.start(config, ProviderAvailability.resolve(config), stateDir));
            return 0;
        }
        // The endpoint starts first: the streams group learns its address at start, for queries across instances.
        MetricsEndpoint metrics = MetricsEndpoint.start(metricsPort);
        Runtime.getRuntime().addShutdownHook(new Thread(metrics::close, "metrics-shutdown"));
        RouterStreamsApp app = RouterStreamsApp.start(config, ProviderAvailability.resolve(config), stateDir,
                (advertisedHost == null ? localHostName() : advertisedHost) + ":" + metricsPort);
        app.bindMeters(metrics.registry());
        metrics.serveCosts(app.costQuery());
        RunningPart.awaitShutdown("router-streams", app);
        return 0;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    public static void main(String[] args) {
        BundledLogging.useUnlessConfigured();
        System.exit(new CommandLine(new RouterStreamsMain()).execute(args));
    }
}
