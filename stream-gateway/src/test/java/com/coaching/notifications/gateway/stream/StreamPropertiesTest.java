package com.coaching.notifications.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.events.StreamEventPage;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The history settings must agree with what the writer serves: a page size or byte budget the writer would
 * refuse makes every catch-up fail, so such a value stops the gateway at startup. The bounds are the event
 * contract's, which the writer validates against too.
 */
class StreamPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class);

    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of("history-page-size", "historyPageSize", StreamEventPage.MAX_LIMIT, true),
                Arguments.of("history-page-size", "historyPageSize", StreamEventPage.MAX_LIMIT + 1, false),
                Arguments.of("history-page-size", "historyPageSize", 0, false),
                Arguments.of("history-page-bytes", "historyPageBytes", StreamEventPage.MIN_BUDGET_BYTES, true),
                Arguments.of("history-page-bytes", "historyPageBytes", StreamEventPage.MIN_BUDGET_BYTES - 1, false),
                Arguments.of("history-page-bytes", "historyPageBytes", StreamEventPage.MAX_BUDGET_BYTES, true),
                Arguments.of("history-page-bytes", "historyPageBytes", StreamEventPage.MAX_BUDGET_BYTES + 1, false));
    }

    @ParameterizedTest(name = "{0} = {2}: starts {3}")
    @MethodSource("settings")
    void aValueTheWritersContractRefusesStopsTheStartup(String setting, String field, int value, boolean starts) {
        context.withPropertyValues("notifications.stream." + setting + "=" + value).run(started -> {
            if (starts) {
                assertThat(started).hasNotFailed();
            } else {
                assertThat(started).hasFailed();
                assertThat(started.getStartupFailure()).rootCause().hasMessageContaining(field);
            }
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StreamProperties.class)
    static class Settings {
    }
}
