package com.coaching.notifications.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamSeqTest {

    @Test
    void plainDigitsFromZeroToTheLargestIntegerABrowserHoldsExactlyAreASeq() {
        assertThat(StreamSeq.parse("0")).hasValue(0);
        assertThat(StreamSeq.parse("42")).hasValue(42);
        assertThat(StreamSeq.parse("9007199254740991")).hasValue(StreamSeq.MAX);
    }

    @ParameterizedTest(name = "''{0}'' is no seq")
    @ValueSource(strings = {"", " 1", "1 ", "+1", "-1", "1.0", "1e3", "0x10", "9007199254740992", "99999999999999999",
            "١٢"})
    void anythingElseIsNoSeq(String text) {
        assertThat(StreamSeq.parse(text)).isEqualTo(OptionalLong.empty());
    }

    @Test
    void nullIsNoSeq() {
        assertThat(StreamSeq.parse(null)).isEqualTo(OptionalLong.empty());
    }
}
