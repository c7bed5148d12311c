package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.gateway.auth.SessionCookieProperties;
import com.coaching.notifications.gateway.limits.LimitsProperties;
import com.coaching.notifications.gateway.stream.StreamProperties;
import com.coaching.notifications.gateway.web.CorsProperties;
import com.coaching.notifications.gateway.web.SseFeatureProperties;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Each default of the gateway's own settings lives in its record alone, where the configuration reference
 * takes it from: application.yml only maps environment variables onto them, with no default of its own.
 */
class ApplicationYamlTest {

    private static final List<Class<?>> SETTINGS = List.of(StreamProperties.class, LimitsProperties.class,
            SessionCookieProperties.class, CorsProperties.class, SseFeatureProperties.class);

    @Test
    void applicationYamlSetsTheGatewaysSettingsOnlyFromTheEnvironmentWithoutDefaults() throws IOException {
        Map<String, String> ours = new HashMap<>();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
                new ClassPathResource("application.yml"))) {
            for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                if (name.startsWith("notifications.")) {
                    ours.put(name, String.valueOf(source.getProperty(name)));
                }
            }
        }

        assertThat(ours).isNotEmpty().allSatisfy((name, value) ->
                assertThat(value).as(name).matches("\\$\\{[A-Z0-9_]+:}"));
    }

    @Test
    void withTheEnvironmentUnsetEverySettingIsItsRecordsDefault() {
        ApplicationContextRunner settings = new ApplicationContextRunner()
                .withUserConfiguration(Settings.class)
                // As if unset, whatever the machine running the test has.
                .withPropertyValues("NOTIFICATION_WRITER_URL=", "TRUSTED_PROXIES=");

        settings.withInitializer(new ConfigDataApplicationContextInitializer()).run(fromYaml -> settings.run(defaults -> {
            for (Class<?> type : SETTINGS) {
                assertThat(fromYaml.getBean(type)).as(type.getSimpleName()).isEqualTo(defaults.getBean(type));
            }
        }));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({StreamProperties.class, LimitsProperties.class, SessionCookieProperties.class,
            CorsProperties.class, SseFeatureProperties.class})
    static class Settings {
    }
}
