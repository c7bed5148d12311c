package com.coaching.notifications.writer;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs}. docs/openapi.json at the repository root is
 * a copy that a test compares with what the running writer serves.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

    @Bean
    OpenAPI notificationWriterApi() {
        return new OpenAPI()
                .info(new Info().title("notification-writer").version("1")
                        .description("Notifications of the coaching platform: the user's inbox (user token; the user is "
                                + "the token's subject) and creation by other services (scope notifications:write; a broadcast also "
                                + "notifications:broadcast). "
                                + "Errors are RFC 9457 application/problem+json."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
