package com.coaching.notifications.audit;

/**
 * Why the tool stops, as one line for the user and an exit code for scripts: 2 for input the tool
 * cannot use, 3 for infrastructure it cannot reach or find.
 */
final class AuditFailure extends RuntimeException {

    static final int USAGE = 2;
    static final int UNAVAILABLE = 3;

    private final int exitCode;

    private AuditFailure(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static AuditFailure usage(String message) {
        return new AuditFailure(message, USAGE, null);
    }

    static AuditFailure unavailable(String message, Throwable cause) {
        return new AuditFailure(message, UNAVAILABLE, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
