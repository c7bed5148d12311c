package com.coaching.notifications.gateway.web;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cross-origin access to the stream and its session endpoint, prefix {@code notifications.stream.cors}.
 *
 * @param allowedOrigins the exact origins (scheme, host, port) of the pages that may open the stream with
 *                       credentials, for example {@code https://app.example.com}. Default none: only
 *                       same-origin pages. {@code *} is refused, since credentials are never shared
 *                       with any origin.
 */
@Validated
@ConfigurationProperties("notifications.stream.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {

    public CorsProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
        for (String origin : allowedOrigins) {
            if (!isOrigin(origin)) {
                throw new IllegalArgumentException("notifications.stream.cors.allowed-origins: '" + origin
                        + "' is not an explicit origin like https://app.example.com (no '*', no path)");
            }
        }
    }

    private static boolean isOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null && !uri.getHost().contains("*")
                    && uri.getRawUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
