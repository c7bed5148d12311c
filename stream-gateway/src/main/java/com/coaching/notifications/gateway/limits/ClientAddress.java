package com.coaching.notifications.gateway.limits;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The address a request is limited under. It is the TCP peer, unless the peer is one of the trusted
 * proxies ({@code notifications.stream.limits.trusted-proxies}); then {@code X-Forwarded-For} is read from
 * the right, hop by hop, while the address so far is a trusted proxy: each proxy appends (or sets) the
 * address it saw, so the first untrusted one is the client, and whatever a client wrote into the header
 * itself lies further left and is never taken. Only {@code X-Forwarded-For} is read, the one header
 * nginx and Spring Cloud Gateway both set; a trusted proxy that wrote no usable entry is itself the client.
 */
@Component
public class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<AddressRange> trustedProxies;

    @Autowired
    public ClientAddress(LimitsProperties properties) {
        this(properties.trustedProxies());
    }

    ClientAddress(List<AddressRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** The client's address as text, {@code unknown} when the request has no peer address. */
    public String of(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer == null || peer.getAddress() == null) {
            return peer == null ? "unknown" : peer.getHostString();
        }
        InetAddress client = peer.getAddress();
        if (trusted(client)) {
            List<String> hops = hops(request.getHeaders().get(FORWARDED_FOR));
            for (int i = hops.size() - 1; i >= 0 && trusted(client); i--) {
                Optional<InetAddress> hop = address(hops.get(i));
                if (hop.isEmpty()) {
                    break;
                }
                client = hop.get();
            }
        }
        return client.getHostAddress();
    }

    private boolean trusted(InetAddress address) {
        for (AddressRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Every entry of every {@code X-Forwarded-For} line, in order. */
    private static List<String> hops(List<String> headers) {
        List<String> hops = new ArrayList<>();
        if (headers != null) {
            for (String header : headers) {
                for (String hop : header.split(",")) {
                    hops.add(hop.strip());
                }
            }
        }
        return hops;
    }

    /** An entry's address, without the port some proxies add ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711}). */
    private static Optional<InetAddress> address(String hop) {
        String host = hop;
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            if (close < 0 || !isPort(hop.substring(close + 1))) {
                return Optional.empty();
            }
            host = hop.substring(0, close + 1);
        } else if (hop.indexOf(':') >= 0 && hop.indexOf(':') == hop.lastIndexOf(':')) {
            if (!isPort(hop.substring(hop.indexOf(':')))) {
                return Optional.empty();
            }
            host = hop.substring(0, hop.indexOf(':'));
        }
        return AddressRange.literal(host);
    }

    private static boolean isPort(String suffix) {
        return suffix.isEmpty() || suffix.matches(":\\d{1,5}");
    }
}
