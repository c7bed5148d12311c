package com.coaching.notifications.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code notifications.user-ids.*} bound as the application does, and the rule it makes. */
class UserIdPropertiesTest {

    @Test
    void theDefaultPatternTakesTheIdsInUseAndNothingElse() {
        UserIds defaults = new UserIds(bind(Map.of()));

        assertThat(defaults.matches("alice")).isTrue();
        assertThat(defaults.matches("3f1c2a64-8d6e-4c1b-9a57-0e2f4b6d8c10")).isTrue();
        assertThat(defaults.matches("user-3f1c2a64-8d6e-4c1b-9a57-0e2f4b6d8c10")).isTrue();
        assertThat(defaults.matches("u".repeat(255))).isTrue();
        assertThat(defaults.matches("u".repeat(256))).isFalse();
        assertThat(defaults.matches("alice smith")).isFalse();
        assertThat(defaults.matches(".hidden")).isFalse();
        assertThat(defaults.matches("")).isFalse();
        assertThat(defaults.matches("alice\n")).as("the whole id, not a line of it").isFalse();
    }

    @Test
    void aPatternThatIsNoRegularExpressionStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> bind(Map.of("notifications.user-ids.pattern", "user-[")))
                .isInstanceOf(BindException.class)
                .hasStackTraceContaining("notifications.user-ids.pattern is no regular expression");
    }

    private static UserIdProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("notifications.user-ids", UserIdProperties.class);
    }
}
