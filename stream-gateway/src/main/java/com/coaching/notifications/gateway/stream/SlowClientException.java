package com.coaching.notifications.gateway.stream;

/** Ends the stream of a client that let its connection's buffer fill up; the server then closes the connection. */
public class SlowClientException extends RuntimeException {

    public SlowClientException(int bufferSize) {
        super("client did not keep up: " + bufferSize + " frames waiting, connection closed", null, false, false);
    }
}
