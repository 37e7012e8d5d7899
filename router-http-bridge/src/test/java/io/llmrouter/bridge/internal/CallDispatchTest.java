package io.llmrouter.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void timeoutHeaderIsReadInMilliseconds() {
        assertThat(CallDispatch.askedTimeout(" 2500 ")).isEqualTo(2_500L);
        assertThat(CallDispatch.askedTimeout(null)).isNull();
    }

    @Test
    void timeoutOutsideOneMillisecondToTenMinutesIsABadRequest() {
        for (String bad : new String[] {"0", "-5", "600001", "soon", "1.5"}) {
            assertThatThrownBy(() -> CallDispatch.askedTimeout(bad))
                    .isInstanceOfSatisfying(ChatRequestCheck.InvalidRequest.class, e -> {
                        assertThat(e.error().status()).isEqualTo(400);
                        assertThat(e.error().message()).contains("X-Router-Timeout-Ms");
                    });
        }
    }
}
