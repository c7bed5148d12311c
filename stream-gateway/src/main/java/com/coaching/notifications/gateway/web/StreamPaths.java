package com.coaching.notifications.gateway.web;

import org.springframework.http.server.reactive.ServerHttpRequest;

/** The paths of the stream feature: the stream itself and its session endpoint. */
public final class StreamPaths {

    public static final String STREAM = "/api/notifications/stream";
    public static final String SESSION = STREAM + "/session";

    private StreamPaths() {
    }

    public static boolean matches(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        return STREAM.equals(path) || SESSION.equals(path);
    }
}
