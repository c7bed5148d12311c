package com.coaching.notifications.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TCP sockets in LISTEN state that some processes hold, as Linux shows them: every socket of the network
 * namespace in {@code /proc/net/tcp} and {@code /proc/net/tcp6} (address, port, state, inode), and which
 * process holds which inode in the {@code socket:[inode]} links of {@code /proc/<pid>/fd}. What a process
 * really listens on, whatever its configuration says.
 */
final class ListeningSockets {

    /** One listening socket: the local address it is bound to, its port, and the process that holds it. */
    record Listener(InetAddress address, int port, long pid) {

        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port + " (pid " + pid + ")";
        }
    }

    private static final String LISTEN = "0A";
    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");

    private ListeningSockets() {
    }

    /** The listening sockets held by these processes. */
    static List<Listener> heldBy(Collection<Long> pids) {
        Map<Long, Bound> listening = new HashMap<>();
        listening.putAll(read(Path.of("/proc/net/tcp")));
        listening.putAll(read(Path.of("/proc/net/tcp6")));
        List<Listener> held = new ArrayList<>();
        for (long pid : pids) {
            for (long inode : socketInodes(pid)) {
                Bound bound = listening.get(inode);
                if (bound != null) {
                    held.add(new Listener(bound.address(), bound.port(), pid));
                }
            }
        }
        return held;
    }

    private record Bound(InetAddress address, int port) {
    }

    /**
     * Listening sockets by inode. A line: {@code sl local_address rem_address st tx_queue:rx_queue tr:tm->when
     * retrnsmt uid timeout inode ...}, the address in hex as the kernel holds it, in 32-bit words of this
     * machine's byte order, then {@code :} and the port in hex.
     */
    private static Map<Long, Bound> read(Path table) {
        Map<Long, Bound> sockets = new HashMap<>();
        if (!Files.exists(table)) {
            return sockets;
        }
        try {
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (!fields[3].equals(LISTEN)) {
                    continue;
                }
                String[] local = fields[1].split(":");
                sockets.put(Long.parseLong(fields[9]), new Bound(address(local[0]), Integer.parseInt(local[1], 16)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table, e);
        }
        return sockets;
    }

    private static InetAddress address(String hex) {
        ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2);
        for (int word = 0; word < hex.length(); word += 8) {
            int value = (int) Long.parseLong(hex.substring(word, word + 8), 16);
            bytes.put(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
        }
        try {
            // An IPv4-mapped IPv6 address (::ffff:127.0.0.1, a dual-stack socket) comes back as its IPv4 address.
            return InetAddress.getByAddress(bytes.array());
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("not an address: " + hex, impossible);
        }
    }

    /** The inodes of the sockets a process holds; none if it has gone meanwhile. */
    private static List<Long> socketInodes(long pid) {
        List<Long> inodes = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    Matcher socket = SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
                    if (socket.matches()) {
                        inodes.add(Long.parseLong(socket.group(1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed between listing and reading it
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return inodes;
    }
}
