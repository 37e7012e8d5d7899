package io.llmrouter.workers;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

/** Runs worker pools as their own process; start more processes to add capacity to a provider. */
@Command(name = "router-workers", mixinStandardHelpOptions = true,
        description = "Runs per-provider worker pools that call upstream LLM APIs.")
public final class RouterWorkersMain implements Callable<Integer> {

    @Option(names = "--config", description = "Configuration file (default: the bundled router.yaml).")
    private Path configFile;

    @Option(names = "--providers", split = ",", description = "Providers to serve (default: every available one).")
    private List<String> providers;

    @Option(names = "--concurrency", description = "Upstream calls in flight per provider (default: workers.concurrency).")
    private Integer concurrency;

    @Override
    public Integer call() throws InterruptedException {
        RouterConfig config = ConfigLoader.loadOrBundled(configFile);
        new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
        Set<String> serve = providers == null ? ProviderAvailability.resolve(config) : new LinkedHashSet<>(providers);
        RunningPart.awaitShutdown("router-workers",
                WorkerPool.start(config, serve, concurrency == null ? config.workers().concurrency() : concurrency));
        return 0;
    }

    public static void main(String[] args) {
        BundledLogging.useUnlessConfigured();
        System.exit(new CommandLine(new RouterWorkersMain()).execute(args));
    }
}
