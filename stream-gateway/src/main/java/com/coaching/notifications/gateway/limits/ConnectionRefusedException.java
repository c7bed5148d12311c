package com.coaching.notifications.gateway.limits;

/** Ends a stream before its first frame when a connection limit refuses it; carries the answer to give. */
public class ConnectionRefusedException extends RuntimeException {

    private final transient Rejection rejection;

    public ConnectionRefusedException(Rejection rejection) {
        super(rejection.detail(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
