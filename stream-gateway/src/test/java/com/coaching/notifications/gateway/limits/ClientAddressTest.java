package com.coaching.notifications.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/**
 * The address a client is limited under: its TCP peer, unless that peer is a trusted proxy, in which case
 * the nearest untrusted address of {@code X-Forwarded-For}, read from the right (each proxy appends the
 * address it saw), so whatever a client writes into the header itself is never taken.
 */
class ClientAddressTest {

    private static final ClientAddress BEHIND_PROXIES = new ClientAddress(List.of(
            AddressRange.of("127.0.0.1"), AddressRange.of("10.0.0.0/8"), AddressRange.of("fd00::/8")));

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For [{1}] -> {2}")
    @CsvSource(delimiter = ';', nullValues = "NONE", value = {
            // A peer that is no trusted proxy is the client, whatever it claims.
            "203.0.113.9; NONE; 203.0.113.9",
            "203.0.113.9; 198.51.100.1; 203.0.113.9",
            "203.0.113.9; 127.0.0.1; 203.0.113.9",
            // Behind one proxy that sets the header to the address it saw.
            "127.0.0.1; 198.51.100.1; 198.51.100.1",
            // A proxy that appends: what the client wrote comes first and is passed over.
            "127.0.0.1; 192.0.2.66, 198.51.100.1; 198.51.100.1",
            "127.0.0.1; 192.0.2.66,198.51.100.1; 198.51.100.1",
            // Two trusted proxies in a row: the first untrusted address from the right.
            "127.0.0.1; 192.0.2.66, 198.51.100.1, 10.1.2.3; 198.51.100.1",
            // Nothing untrusted left: the leftmost proxy is as far as can be seen.
            "127.0.0.1; 10.1.2.3; 10.1.2.3",
            // A trusted proxy that did not say: the proxy itself.
            "127.0.0.1; NONE; 127.0.0.1",
            "127.0.0.1; '  '; 127.0.0.1",
            // Garbage where the proxy's entry should be: never a name to resolve, never the client's choice.
            "127.0.0.1; unknown; 127.0.0.1",
            "127.0.0.1; 198.51.100.1, example.com; 127.0.0.1",
            "127.0.0.1; 999.1.1.1; 127.0.0.1",
            "127.0.0.1; 1.2.3; 127.0.0.1",
            // Ports and brackets some proxies add.
            "127.0.0.1; 198.51.100.1:4711; 198.51.100.1",
            "127.0.0.1; [2001:db8::7]:4711; 2001:db8:0:0:0:0:0:7",
            "127.0.0.1; 2001:db8::7; 2001:db8:0:0:0:0:0:7",
            "fd00::1; 198.51.100.1; 198.51.100.1",
    })
    void takesTheNearestUntrustedAddress(String peer, String forwardedFor, String expected) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/notifications/stream")
                .remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }

        assertThat(BEHIND_PROXIES.of(request.build())).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "198.51.100.1, 10.0.0.1"})
    void withoutTrustedProxiesTheHeaderIsNeverRead(String forwardedFor) {
        ClientAddress direct = new ClientAddress(List.of());
        MockServerHttpRequest request = MockServerHttpRequest.get("/")
                .remoteAddress(new InetSocketAddress("127.0.0.1", 40000))
                .header("X-Forwarded-For", forwardedFor)
                .build();

        assertThat(direct.of(request)).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "Forwarded; for=198.51.100.1",
            "X-Real-IP; 198.51.100.1"})
    void otherForwardingHeadersAreNotTrusted(String header, String value) {
        MockServerHttpRequest request = MockServerHttpRequest.get("/")
                .remoteAddress(new InetSocketAddress("127.0.0.1", 40000))
                .header(header, value)
                .build();

        assertThat(BEHIND_PROXIES.of(request)).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "10.0.0.0/8; 10.255.1.2; true",
            "10.0.0.0/8; 11.0.0.1; false",
            "172.16.0.0/12; 172.31.255.255; true",
            "172.16.0.0/12; 172.32.0.0; false",
            "192.0.2.7; 192.0.2.7; true",
            "192.0.2.7/32; 192.0.2.8; false",
            "0.0.0.0/0; 198.51.100.1; true",
            "0.0.0.0/0; 2001:db8::1; false",
            "fd00::/8; fdab::1; true",
            "fd00::/8; fe80::1; false",
            "::1; ::1; true",
            "2001:db8::/33; 2001:db8:7fff::1; true",
            "2001:db8::/33; 2001:db8:8000::1; false"})
    void rangesMatchByPrefix(String range, String address, boolean contained) {
        assertThat(AddressRange.of(range).contains(new InetSocketAddress(address, 1).getAddress())).isEqualTo(contained);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "proxy.example.com", "10.0.0.0/33", "10.0.0.0/-1", "fd00::/129",
            "10.0.0.1/8x", "1.2.3", "256.1.1.1", "10.0.0.0/", "/8"})
    void aRangeThatIsNoAddressIsRefusedWithAMessage(String range) {
        assertThatThrownBy(() -> AddressRange.of(range))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IP address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/8", "fd00::1/8"})
    void aRangeWithHostBitsSetIsRefused(String range) {
        assertThatThrownBy(() -> AddressRange.of(range))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Arrays.asList(range.split("/")).get(0));
    }
}
