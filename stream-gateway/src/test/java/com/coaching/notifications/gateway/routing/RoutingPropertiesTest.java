package com.coaching.notifications.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Broadcast unless asked otherwise; partition-affine mode does not start without a URL to redirect to. */
class RoutingPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class);

    @Test
    void theDefaultIsBroadcast() {
        context.run(started -> assertThat(started.getBean(RoutingProperties.class).mode())
                .isEqualTo(RoutingMode.BROADCAST));
    }

    @Test
    void partitionAffineModeTakesTheReplicasAdvertisedUrl() {
        context.withPropertyValues("notifications.stream.routing.mode=partition-affine",
                "notifications.stream.routing.advertised-url=http://gw-2.example.com:8082").run(started -> {
                    RoutingProperties routing = started.getBean(RoutingProperties.class);
                    assertThat(routing.affine()).isTrue();
                    assertThat(routing.advertisedUrl()).isEqualTo(URI.create("http://gw-2.example.com:8082"));
                });
    }

    @Test
    void partitionAffineModeWithoutAnAdvertisedUrlStopsTheStartup() {
        context.withPropertyValues("notifications.stream.routing.mode=partition-affine").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("advertised-url");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RoutingProperties.class)
    static class Settings {
    }
}
