package com.coaching.notifications.gateway.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address, or a block of them in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}).
 * Only literals are read, never a host name: resolving a name taken from a request would let a client
 * make this replica wait on DNS, and a name in the settings could change what it trusts behind its back.
 */
public final class AddressRange {

    /** Four decimal parts 0..255: the JDK also reads {@code 1.2.3} or {@code 010.1.1.1} as IPv4. */
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** At least one colon, and starting with a hex digit or colon, so the JDK treats it as a literal and never resolves it. */
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefixLength;

    private AddressRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Reads {@code 192.0.2.7}, {@code 10.0.0.0/8}, {@code ::1} or {@code fd00::/8}; bound from settings
     * by this name.
     *
     * @throws IllegalArgumentException with a message naming the value, for anything else
     */
    public static AddressRange of(String range) {
        String text = range == null ? "" : range.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress network = literal(address).orElseThrow(() -> new IllegalArgumentException(
                "'" + range + "' is not an IP address or CIDR block (such as 10.0.0.0/8 or fd00::/8)"));
        int bits = network.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("'" + range + "' has no valid prefix length (0.." + bits
                        + ") after its IP address");
            }
            prefix = Integer.parseInt(length);
        }
        AddressRange block = new AddressRange(network.getAddress(), prefix);
        if (!block.hostBitsClear()) {
            throw new IllegalArgumentException("'" + range + "' has bits set past its prefix: the block of "
                    + address + "/" + prefix + " starts lower");
        }
        return block;
    }

    /** An IP address literal (IPv4, IPv6, or IPv6 in brackets), never resolved as a name; empty for anything else. */
    public static Optional<InetAddress> literal(String text) {
        String candidate = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(candidate).matches() && !IPV6.matcher(candidate).matches()) {
            return Optional.empty();
        }
        try {
            // A literal by the patterns above, so the JDK only parses it and looks nothing up.
            return Optional.of(InetAddress.getByName(candidate));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

    /** Whether the address lies in this block; an IPv4 address is never in an IPv6 block, nor the other way round. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }

    private boolean hostBitsClear() {
        for (int bit = prefixLength; bit < network.length * 8; bit++) {
            if ((network[bit / 8] >> (7 - bit % 8) & 1) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
