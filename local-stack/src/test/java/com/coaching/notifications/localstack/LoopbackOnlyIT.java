package com.coaching.notifications.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.localstack.ListeningSockets.Listener;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The local stack on a machine that others use too: nothing it runs can be reached from another machine, and its
 * token issuer, which mints a valid token for any user, answers only requests that name this machine. A web page
 * from elsewhere whose name resolves to 127.0.0.1 (DNS rebinding) reaches the issuer with its own name in
 * {@code Host}, and any page sends its own {@code Origin} with a cross-site request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoopbackOnlyIT {

    private RunningLocalStack stack;

    @BeforeAll
    void startStack() throws Exception {
        stack = RunningLocalStack.start("loopback-only-it-data");
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyListenerOfTheStackIsBoundToLoopbackOnly() throws Exception {
        List<Listener> listeners = ListeningSockets.heldBy(stack.pids());
        InetAddress ipv4 = InetAddress.getByName("127.0.0.1");
        InetAddress ipv6 = InetAddress.getByName("::1");

        assertThat(listeners).as("the stack's listening sockets").extracting(Listener::port)
                .containsAll(stack.ports().values());
        assertThat(listeners).as("listeners on an address other than 127.0.0.1 or ::1, by port: %s", stack.ports())
                .filteredOn(l -> !l.address().equals(ipv4) && !l.address().equals(ipv6))
                .isEmpty();
    }
}
