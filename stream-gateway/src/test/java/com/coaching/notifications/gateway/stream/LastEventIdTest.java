package com.coaching.notifications.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LastEventIdTest {

    @Test
    void headerWinsOverTheQueryParameter() {
        assertThat(LastEventId.parse("7", "9")).hasValue(7);
        assertThat(LastEventId.parse(null, "9")).hasValue(9);
        assertThat(LastEventId.parse(null, null)).isEqualTo(OptionalLong.empty());
    }

    @Test
    void largestSeqABrowserHoldsExactlyIsAcceptedOneMoreIsNot() {
        assertThat(LastEventId.parse("9007199254740991", null)).hasValue(9007199254740991L);
        assertThatIllegalArgumentException().isThrownBy(() -> LastEventId.parse("9007199254740992", null));
    }
}
