package com.coaching.notifications.gateway.auth;

import com.coaching.notifications.gateway.web.ProblemResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 for a missing, malformed, expired or otherwise invalid bearer token: a {@code WWW-Authenticate:
 * Bearer} challenge (RFC 6750, with {@code error="invalid_token"} when a token was sent) and an RFC 9457
 * {@code application/problem+json} body. The detail names the reason, never an exception or stack trace.
 */
@Component
public class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        OAuth2Error error = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError() : null;
        String detail = error != null && StringUtils.hasText(error.getDescription())
                ? error.getDescription()
                : "A bearer token is required.";

        return ProblemResponse.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail),
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge(error)));
    }

    private static String challenge(OAuth2Error error) {
        if (error == null) {
            return "Bearer";
        }
        StringBuilder challenge = new StringBuilder("Bearer error=\"").append(quoted(error.getErrorCode())).append('"');
        if (StringUtils.hasText(error.getDescription())) {
            challenge.append(", error_description=\"").append(quoted(error.getDescription())).append('"');
        }
        if (StringUtils.hasText(error.getUri())) {
            challenge.append(", error_uri=\"").append(quoted(error.getUri())).append('"');
        }
        return challenge.toString();
    }

    /** Header-safe: no quotes or backslashes to break the quoted-string, no line breaks, ASCII only. */
    private static String quoted(String value) {
        String safe = value.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]", " ");
        return new String(safe.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
    }
}
