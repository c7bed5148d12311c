package com.coaching.notifications.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the processes a test or a tool starts. Not {@code new ServerSocket(0)}: that port comes
 * from the kernel's ephemeral range, which every outgoing connection on the machine draws from too,
 * so between closing it and the service binding it a client connection can take it. These come from
 * below that range (Linux starts it at 32768), and are checked to be free on 127.0.0.1.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;

    private FreePorts() {
    }

    public static int pick() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST + " on 127.0.0.1");
    }
}
