package io.llmrouter.bridge;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.llmrouter.config.BundledLogging;
import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.ProviderAvailability;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.RunningPart;
import io.llmrouter.config.TopicProvisioner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the HTTP bridge as its own process; run several with different instance ids behind a load balancer. */
@Command(name = "router-http-bridge", mixinStandardHelpOptions = true,
        description = "Serves the OpenAI-compatible HTTP API on top of the router's Kafka topics.")
public final class RouterBridgeMain implements Callable<Integer> {

    @Option(names = "--config", description = "Configuration file (default: the bundled router.yaml).")
    private Path configFile;

    @Override
    public Integer call() throws InterruptedException {
        RouterConfig config = ConfigLoader.loadOrBundled(configFile);
        new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
        RunningPart.awaitShutdown("router-http-bridge", RouterBridge.start(config, ProviderAvailability.resolve(config)));
        return 0;
    }

    public static void main(String[] args) {
        BundledLogging.useUnlessConfigured();
        System.exit(new CommandLine(new RouterBridgeMain()).execute(args));
    }
}
