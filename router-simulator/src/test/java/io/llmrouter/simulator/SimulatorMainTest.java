package io.llmrouter.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulatorMainTest {

    @Test
    void turnsTheOptionsIntoSettings() {
        SimulatorMain main = new SimulatorMain();
        new CommandLine(main).parseArgs("--host", "0.0.0.0", "--port", "9001", "--latency-ms", "40",
                "--jitter-ms", "10", "--failure-rate", "0.1", "--rate-limit-rate", "0.2", "--seed", "7",
                "--models", "alpha,beta");

        SimulatorSettings settings = main.settings();

        assertThat(settings).isEqualTo(new SimulatorSettings("0.0.0.0", 9001, Duration.ofMillis(40),
                Duration.ofMillis(10), 0.1, 0.2, 7, List.of("alpha", "beta")));
    }

    @Test
    void turnsTheFailoverFaultOptionsIntoFaultRates() {
        SimulatorMain main = new SimulatorMain();
        new CommandLine(main).parseArgs("--failure-rate", "0.1", "--rate-limit-rate", "0.05",
                "--overload-rate", "0.2", "--unauthorized-rate", "0.15", "--malformed-rate", "0.1",
                "--reset-rate", "0.05", "--hang-rate", "0.125", "--stall-rate", "0.025");

        SimulatorSettings settings = main.settings();

        assertThat(settings.faults()).isEqualTo(new SimulatorFaults(0.1, 0.05, 0.2, 0.15, 0.1, 0.05, 0.125, 0.025));
    }

    @Test
    void leavesTheFailoverFaultsOffByDefault() {
        SimulatorMain main = new SimulatorMain();
        new CommandLine(main).parseArgs();

        assertThat(main.settings().faults()).isEqualTo(SimulatorFaults.NONE);
    }

    @Test
    void reportsFaultRatesAddingUpToMoreThanOneAsAUsageError() {
        StringWriter errors = new StringWriter();
        CommandLine command = new CommandLine(new SimulatorMain()).setErr(new PrintWriter(errors));

        int exitCode = command.execute("--hang-rate", "0.7", "--reset-rate", "0.7");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(errors.toString()).contains("fault rates must add up to at most 1", "resetRate 0.7 + hangRate 0.7");
    }

    @Test
    void listensOnPort18090ByDefault() {
        SimulatorMain main = new SimulatorMain();
        new CommandLine(main).parseArgs();

        assertThat(main.settings().port()).isEqualTo(18090);
        assertThat(main.settings().models()).isEqualTo(SimulatorSettings.defaults().models());
    }

    @Test
    void reportsAnInvalidRateAsAUsageError() {
        StringWriter errors = new StringWriter();
        CommandLine command = new CommandLine(new SimulatorMain()).setErr(new PrintWriter(errors));

        int exitCode = command.execute("--failure-rate", "1.5");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(errors.toString()).contains("failureRate must be between 0 and 1, got 1.5");
    }
}
