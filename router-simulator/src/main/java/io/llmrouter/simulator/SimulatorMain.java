package io.llmrouter.simulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs the LLM simulator as its own process until Ctrl-C. */
@Command(name = "router-simulator", mixinStandardHelpOptions = true,
        description = "Serves the OpenAI Chat Completions API with simulated, deterministic answers"
                + " (no real model), with configurable latency and faults.")
public final class SimulatorMain implements Callable<Integer> {

    private static final String LOGBACK_PROPERTY = "logback.configurationFile";
    private static final String LOGBACK_CONFIG = "router-simulator-logback.xml";

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host = SimulatorSettings.defaults().host();

    @Option(names = "--port", description = "Port to bind, 0 for a free one (default: ${DEFAULT-VALUE}).")
    private int port = SimulatorSettings.DEFAULT_PORT;

    @Option(names = "--latency-ms", description = "Delay before each answer, in ms (default: ${DEFAULT-VALUE}).")
    private long latencyMs;

    @Option(names = "--jitter-ms", description = "Extra uniform random delay up to this many ms (default: ${DEFAULT-VALUE}).")
    private long jitterMs;

    @Option(names = "--failure-rate", description = "Share of answers that are a simulated 500, 0 to 1 (default: ${DEFAULT-VALUE}).")
    private double failureRate;

    @Option(names = "--rate-limit-rate", description = "Share of answers that are a simulated 429, 0 to 1 (default: ${DEFAULT-VALUE}).")
    private double rateLimitRate;

    @Option(names = "--overload-rate", description = "Share of answers that are an Anthropic-style 529 overloaded error,"
            + " 0 to 1 (default: ${DEFAULT-VALUE}).")
    private double overloadRate;

    @Option(names = "--unauthorized-rate", description = "Share of answers that are a 401 invalid_api_key, 0 to 1"
            + " (default: ${DEFAULT-VALUE}).")
    private double unauthorizedRate;

    @Option(names = "--malformed-rate", description = "Share of answers that are a 200 with an HTML page instead of"
            + " JSON, 0 to 1 (default: ${DEFAULT-VALUE}).")
    private double malformedRate;

    @Option(names = "--reset-rate", description = "Share of requests whose connection is reset without an answer,"
            + " 0 to 1 (default: ${DEFAULT-VALUE}).")
    private double resetRate;

    @Option(names = "--hang-rate", description = "Share of requests never answered, the connection left open,"
            + " 0 to 1 (default: ${DEFAULT-VALUE}).")
    private double hangRate;

    @Option(names = "--stall-rate", description = "Share of streams that go silent after the first chunk"
            + " (non-streaming requests hang), 0 to 1 (default: ${DEFAULT-VALUE}).")
    private double stallRate;

    @Option(names = "--seed", description = "Seed of the fault and jitter draws (default: ${DEFAULT-VALUE}).")
    private long seed = SimulatorSettings.defaults().seed();

    @Option(names = "--models", split = ",", description = "Comma-separated model names to serve (default: ${DEFAULT-VALUE}).")
    private List<String> models = SimulatorSettings.defaults().models();

    public static void main(String[] args) {
        // The jar ships its own logging setup under a name no other module uses; an explicit one still wins.
        if (System.getProperty(LOGBACK_PROPERTY) == null) {
            System.setProperty(LOGBACK_PROPERTY, LOGBACK_CONFIG);
        }
        int exitCode = new CommandLine(new SimulatorMain()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        SimulatorServer server = SimulatorServer.start(settings());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        stopped.await();
        return 0;
    }

    /** The settings the options describe; a bad combination is reported as a usage error. */
    SimulatorSettings settings() {
        try {
            SimulatorFaults faults = new SimulatorFaults(failureRate, rateLimitRate, overloadRate, unauthorizedRate,
                    malformedRate, resetRate, hangRate, stallRate);
            return new SimulatorSettings(host, port, Duration.ofMillis(latencyMs), Duration.ofMillis(jitterMs),
                    faults, seed, models);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
