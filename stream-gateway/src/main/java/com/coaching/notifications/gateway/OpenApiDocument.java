package com.coaching.notifications.gateway;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the gateway's HTTP endpoints, served at {@code /v3/api-docs}; the stream's
 * frames are described in docs/asyncapi.yaml. docs/openapi-stream-gateway.json is a copy that a test
 * compares with what the running gateway serves.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

    @Bean
    OpenAPI streamGatewayApi() {
        return new OpenAPI()
                .info(new Info().title("stream-gateway").version("1")
                        .description("The user's notifications as Server-Sent Events (frames: docs/asyncapi.yaml), "
                                + "and the session that lets a browser's EventSource authenticate with a cookie. "
                                + "Errors are RFC 9457 application/problem+json."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
                        .addSecuritySchemes("streamSession", new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE).name("notifications_stream")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("streamSession"));
    }
}
