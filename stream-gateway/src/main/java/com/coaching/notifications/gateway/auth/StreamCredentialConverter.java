package com.coaching.notifications.gateway.auth;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Finds the access token of a request: the {@code Authorization: Bearer} header (malformed: rejected), else,
 * for the stream only, the {@link SessionCookie}. The header wins: a request with both is judged by the
 * header alone. Tokens in the URL are never read (they leak into logs, history and Referer). Signing out
 * ({@link SessionCookie#isSignOut}) reads no credential: an expired token sent with it would be a 401.
 */
public class StreamCredentialConverter implements ServerAuthenticationConverter {

    private final ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        if (SessionCookie.isSignOut(exchange.getRequest())) {
            return Mono.empty();
        }
        return header.convert(exchange).switchIfEmpty(Mono.defer(() -> SessionCookie.token(exchange.getRequest())
                .<Authentication>map(BearerTokenAuthenticationToken::new)
                .map(Mono::just)
                .orElseGet(Mono::empty)));
    }
}
