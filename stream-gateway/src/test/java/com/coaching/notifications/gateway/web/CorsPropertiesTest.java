package com.coaching.notifications.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class CorsPropertiesTest {

    @ParameterizedTest(name = "''{0}'' is refused as an allowed origin")
    @ValueSource(strings = {"*", "https://*.example.com", "app.example.com", "https://app.example.com/path",
            "ftp://app.example.com", ""})
    void anythingButAnExplicitOriginIsRefused(String origin) {
        assertThatIllegalArgumentException().isThrownBy(() -> new CorsProperties(List.of(origin)));
    }

    @Test
    void explicitOriginsWithPortsAreAccepted() {
        assertThat(new CorsProperties(List.of("https://app.example.com", "http://localhost:5173")).allowedOrigins())
                .hasSize(2);
    }

    @Test
    void withNoOriginsConfiguredTheStreamHasNoCorsMapping() {
        var source = StreamCorsFilter.source(new CorsProperties(List.of()));

        assertThat(source.getCorsConfiguration(MockServerWebExchange.from(
                MockServerHttpRequest.get(StreamPaths.STREAM).header("Origin", "https://app.example.com"))))
                .isNull();
    }
}
