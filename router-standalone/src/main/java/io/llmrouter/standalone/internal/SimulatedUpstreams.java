package io.llmrouter.standalone.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.simulator.SimulatorFaults;
import io.llmrouter.simulator.SimulatorServer;
import io.llmrouter.simulator.SimulatorSettings;

/** Starts a simulator server for every provider of kind {@code simulator}, at the address its base URL names. */
public final class SimulatedUpstreams implements AutoCloseable {

    private final List<SimulatorServer> servers;
    private final RouterConfig config;

    private SimulatedUpstreams(List<SimulatorServer> servers, RouterConfig config) {
        this.servers = servers;
        this.config = config;
    }

    /** Starts the simulators; a base URL with port 0 gets a free port, written back into the returned config. */
    public static SimulatedUpstreams start(RouterConfig config) {
        List<SimulatorServer> servers = new ArrayList<>();
        Map<String, ProviderConfig> providers = new LinkedHashMap<>(config.providers());
        try {
            config.providers().forEach((id, provider) -> {
                if (!"simulator".equals(provider.kind())) {
                    return;
                }
                URI url = URI.create(provider.baseUrl());
                ProviderConfig.SimulationConfig sim = provider.simulation() == null
                        ? ProviderConfig.SimulationConfig.IDEAL : provider.simulation();
                SimulatorServer server = SimulatorServer.start(settings(url, sim, List.copyOf(provider.models().keySet())));
                servers.add(server);
                String actual = url.getScheme() + "://" + url.getHost() + ":" + server.port() + url.getPath();
                providers.put(id, provider.withBaseUrl(actual));
            });
        } catch (RuntimeException e) {
            servers.forEach(SimulatorServer::close);
            throw e;
        }
        return new SimulatedUpstreams(servers, config.withProviders(providers));
    }

    /** The simulator's settings from the provider's {@code simulation} section. */
    static SimulatorSettings settings(URI url, ProviderConfig.SimulationConfig sim, List<String> models) {
        ProviderConfig.Faults rare = sim.faults();
        SimulatorFaults faults = new SimulatorFaults(sim.failureRate(), sim.rateLimitRate(), rare.overloadRate(),
                rare.unauthorizedRate(), rare.malformedRate(), rare.resetRate(), rare.hangRate(), rare.stallRate());
        return new SimulatorSettings(url.getHost(), Math.max(url.getPort(), 0), Duration.ofMillis(sim.latencyMs()),
                Duration.ofMillis(sim.jitterMs()), faults, sim.seed(), models);
    }

    /** The configuration with every simulator's actual address. */
    public RouterConfig config() {
        return config;
    }

    /** True when at least one simulator runs. */
    public boolean any() {
        return !servers.isEmpty();
    }

    @Override
    public void close() {
        servers.forEach(SimulatorServer::close);
    }
}
