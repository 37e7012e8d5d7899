package io.llmrouter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SimulatorSettingsTest {

    @Test
    void defaultsAreLoopbackFreePortNoLatencyNoFaultsAndTwoModels() {
        SimulatorSettings settings = SimulatorSettings.defaults();

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isZero();
        assertThat(settings.latency()).isZero();
        assertThat(settings.latencyJitter()).isZero();
        assertThat(settings.failureRate()).isZero();
        assertThat(settings.rateLimitRate()).isZero();
        assertThat(settings.models()).containsExactly("simulator-fast", "simulator-smart");
    }

    @Test
    void withMethodsChangeOnlyTheirOwnField() {
        SimulatorSettings settings = SimulatorSettings.defaults()
                .withPort(9999)
                .withLatency(Duration.ofMillis(20))
                .withFailureRate(0.25)
                .withRateLimitRate(0.5);

        assertThat(settings).isEqualTo(new SimulatorSettings("127.0.0.1", 9999, Duration.ofMillis(20), Duration.ZERO,
                0.25, 0.5, SimulatorSettings.defaults().seed(), List.of("simulator-fast", "simulator-smart")));
    }

    @Test
    void rejectsAFailureRateAboveOneWithAClearMessage() {
        assertThatThrownBy(() -> SimulatorSettings.defaults().withFailureRate(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failureRate must be between 0 and 1, got 1.5");
    }

    @Test
    void rejectsANegativeRateLimitRate() {
        assertThatThrownBy(() -> SimulatorSettings.defaults().withRateLimitRate(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rateLimitRate must be between 0 and 1");
    }

    @Test
    void rejectsRatesThatAddUpToMoreThanOne() {
        assertThatThrownBy(() -> SimulatorSettings.defaults().withFailureRate(0.6).withRateLimitRate(0.6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fault rates must add up to at most 1 (one draw picks the outcome of each request),"
                        + " got failureRate 0.6 + rateLimitRate 0.6 = 1.2");
    }

    @Test
    void rejectsANegativeLatency() {
        assertThatThrownBy(() -> SimulatorSettings.defaults().withLatency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latency must not be negative");
    }

    @Test
    void rejectsAnEmptyModelList() {
        assertThatThrownBy(() -> SimulatorSettings.defaults().withModels(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("models must name at least one model");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThatThrownBy(() -> SimulatorSettings.defaults().withPort(70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port must be between 0 and 65535");
    }
}
