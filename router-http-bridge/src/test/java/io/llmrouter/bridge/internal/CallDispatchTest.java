package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmrouter.schemas.RoutingHints;
import org.junit.jupiter.api.Test;

class CallDispatchTest {

    @Test
    void noCacheControlAndNoStrategyGiveNoHints() {
        assertThat(CallDispatch.hints(null, null)).isEqualTo(RoutingHints.NONE);
    }

    @Test
    void noCacheAndNoStoreOptOutOfTheCaches() {
        assertThat(CallDispatch.hints("no-cache", null).noCache()).isTrue();
        assertThat(CallDispatch.hints("private, No-Store", null).noCache()).isTrue();
        assertThat(CallDispatch.hints("max-age=60", null)).isEqualTo(RoutingHints.NONE);
    }

    @Test
    void strategyHeaderIsPassedOnTrimmed() {
        assertThat(CallDispatch.hints(null, " cost ").strategy()).isEqualTo("cost");
    }
}
