package io.llmrouter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SimulatorFaultsTest {

    @Test
    void withMethodsSetEachFailoverFaultRate() {
        SimulatorSettings settings = SimulatorSettings.defaults()
                .withOverloadRate(0.1)
                .withUnauthorizedRate(0.2)
                .withMalformedRate(0.05)
                .withResetRate(0.15)
                .withHangRate(0.25)
                .withStallRate(0.125);

        assertThat(settings.faults()).isEqualTo(new SimulatorFaults(0, 0, 0.1, 0.2, 0.05, 0.15, 0.25, 0.125));
    }

    @Test
    void theEightArgumentConstructorLeavesTheFailoverFaultsOff() {
        SimulatorSettings settings = new SimulatorSettings("127.0.0.1", 0, Duration.ZERO, Duration.ZERO, 0.1, 0.2, 7,
                List.of("m"));

        assertThat(settings.faults()).isEqualTo(SimulatorFaults.of(0.1, 0.2));
        assertThat(settings.faults().withFailureRate(0).withRateLimitRate(0)).isEqualTo(SimulatorFaults.NONE);
    }

    @Test
    void failureAndRateLimitRatesStayReadableFromTheSettings() {
        SimulatorSettings settings = SimulatorSettings.defaults().withFailureRate(0.3).withRateLimitRate(0.4);

        assertThat(settings.failureRate()).isEqualTo(0.3);
        assertThat(settings.rateLimitRate()).isEqualTo(0.4);
    }

    @Test
    void rejectsAHangRateAboveOneWithAClearMessage() {
        assertThatThrownBy(() -> SimulatorSettings.defaults().withHangRate(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hangRate must be between 0 and 1, got 1.5");
    }

    @Test
    void rejectsANegativeStallRate() {
        assertThatThrownBy(() -> SimulatorSettings.defaults().withStallRate(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stallRate must be between 0 and 1, got -0.1");
    }

    @Test
    void rejectsANotANumberRate() {
        assertThatThrownBy(() -> SimulatorSettings.defaults().withResetRate(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resetRate must be between 0 and 1, got NaN");
    }

    @Test
    void rejectsFailoverFaultRatesThatAddUpToMoreThanOneNamingTheRatesInUse() {
        assertThatThrownBy(() -> SimulatorSettings.defaults().withOverloadRate(0.5).withStallRate(0.6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fault rates must add up to at most 1 (one draw picks the outcome of each request),"
                        + " got overloadRate 0.5 + stallRate 0.6 = 1.1");
    }

    @Test
    void acceptsRatesThatAddUpToOneDespiteDecimalRounding() {
        SimulatorFaults faults = SimulatorFaults.NONE.withFailureRate(0.1).withRateLimitRate(0.2).withOverloadRate(0.7);

        assertThat(faults.overloadRate()).isEqualTo(0.7);
    }
}
