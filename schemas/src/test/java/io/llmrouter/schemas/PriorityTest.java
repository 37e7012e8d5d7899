package io.llmrouter.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PriorityTest {

    @ParameterizedTest
    @EnumSource(Priority.class)
    void theWireNameIsTheLowerCaseName(Priority priority) {
        assertThat(priority.wireName()).isEqualTo(priority.name().toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest
    @EnumSource(Priority.class)
    void parsingTheWireNameGivesThePriorityBack(Priority priority) {
        assertThat(Priority.parse(priority.wireName())).isEqualTo(priority);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HIGH", "High", " high ", "high\n"})
    void parsingIgnoresCaseAndSurroundingWhitespace(String value) {
        assertThat(Priority.parse(value)).isEqualTo(Priority.HIGH);
    }

    @Test
    void parsingAnUnknownNameFailsListingTheKnownOnes() {
        assertThatThrownBy(() -> Priority.parse("urgent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown priority 'urgent': use critical, high, normal or low");
    }

    @Test
    void parsingNothingFails() {
        assertThatThrownBy(() -> Priority.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown priority 'null'");
    }

    @Test
    void prioritiesAreDeclaredHighestFirst() {
        assertThat(Priority.values()).containsExactly(Priority.CRITICAL, Priority.HIGH, Priority.NORMAL,
                Priority.LOW);
    }

    @Test
    void eachPriorityHasItsOwnRequestTopic() {
        assertThat(Priority.NORMAL.requestTopic()).isEqualTo("llm.requests.normal");
        assertThat(Priority.CRITICAL.requestTopic()).isEqualTo("llm.requests.critical");
    }
}
