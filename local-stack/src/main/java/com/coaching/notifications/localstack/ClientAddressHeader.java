package com.coaching.notifications.localstack;

import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the services behind the one origin who the client is: {@code X-Forwarded-For} is set to the address
 * this proxy sees, replacing whatever the client sent (and its {@code Forwarded} and {@code X-Real-IP} are
 * dropped), so the gateways, which trust this proxy, limit each client under its own address and no client
 * can choose another. Nothing stands in front of this proxy, so there is no earlier hop to keep. Runs last
 * among the proxy's header filters, so nothing appends to it afterwards.
 */
@Component
class ClientAddressHeader implements HttpHeadersFilter, Ordered {

    /** Where the gateways see this proxy's connections come from. */
    static final String PROXY_ADDRESS = "127.0.0.1";

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        headers.remove("Forwarded");
        headers.remove("X-Real-IP");
        InetSocketAddress client = exchange.getRequest().getRemoteAddress();
        if (client != null && client.getAddress() != null) {
            headers.set("X-Forwarded-For", client.getAddress().getHostAddress());
        } else {
            headers.remove("X-Forwarded-For");
        }
        return headers;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
