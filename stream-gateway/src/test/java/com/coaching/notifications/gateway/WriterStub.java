package com.coaching.notifications.gateway;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * A stand-in for the notification writer's history endpoint ({@code GET /api/notifications/events}) over
 * real HTTP, for the gateway's own tests (the real writer takes part in the end-to-end tests). One per
 * JVM; each test scripts the answers for its own user (the token's {@code sub}); other users get an
 * empty page.
 */
final class WriterStub {

    /** One request as the writer saw it; {@code maxBytes} null when not asked for. */
    record Request(String userId, long after, int limit, Integer maxBytes, String authorization) {
    }

    /** What the writer answers; {@code status} 0 drops the connection without an answer. */
    record Answer(int status, String contentType, String body) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static WriterStub shared;

    private final DisposableServer server;
    private final Map<String, Function<Request, Mono<Answer>>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private WriterStub() {
        // Loops of its own: closing a gateway context disposes Reactor Netty's global ones.
        server = HttpServer.create().runOn(LoopResources.create("writer-stub", 1, true)).host("127.0.0.1").port(0)
                .route(routes -> routes.get("/api/notifications/events", this::handle))
                .bindNow();
    }

    static synchronized WriterStub shared() {
        if (shared == null) {
            shared = new WriterStub();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.server::disposeNow));
        }
        return shared;
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    void answer(String userId, Function<Request, Mono<Answer>> answer) {
        answers.put(userId, answer);
    }

    List<Request> requests(String userId) {
        return requests.stream().filter(r -> userId.equals(r.userId())).toList();
    }

    /**
     * A page of the history: events with the given seqs, data from {@code data} written into it as they are, as the
     * writer writes the bytes it stored; the history holds every seq from 1.
     */
    static Answer page(List<Long> seqs, Function<Long, byte[]> data, long lastSeq, boolean hasMore) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode events = page.putArray("events");
        for (long seq : seqs) {
            ObjectNode event = events.addObject();
            event.put("seq", seq);
            event.put("event", "notification");
            event.set("data", JSON.getNodeFactory().rawValueNode(
                    new RawValue(new String(data.apply(seq), StandardCharsets.UTF_8))));
        }
        page.put("last_seq", lastSeq);
        page.put("has_more", hasMore);
        page.put("oldest_seq", 1);
        return new Answer(200, "application/json", JSON.writeValueAsString(page));
    }

    static Answer gone(long oldestSeq) {
        return new Answer(410, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Gone\",\"status\":410,\"oldest_seq\":" + oldestSeq + "}");
    }

    static Answer status(int status) {
        return new Answer(status, "application/problem+json", "{\"status\":" + status + "}");
    }

    static Answer dropConnection() {
        return new Answer(0, null, null);
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String authorization = request.requestHeaders().get("Authorization");
        List<String> maxBytes = query.parameters().get("max_bytes");
        Request seen = new Request(subject(authorization), Long.parseLong(query.parameters().get("after").get(0)),
                Integer.parseInt(query.parameters().get("limit").get(0)),
                maxBytes == null ? null : Integer.valueOf(maxBytes.get(0)), authorization);
        requests.add(seen);
        Function<Request, Mono<Answer>> script = answers.getOrDefault(seen.userId(),
                r -> Mono.just(page(List.of(), seq -> new byte[0], r.after(), false)));
        return script.apply(seen).flatMap(answer -> {
            if (answer.status() == 0) {
                request.withConnection(connection -> connection.dispose());
                return Mono.empty();
            }
            return response.status(answer.status())
                    .header("Content-Type", answer.contentType())
                    .sendString(Mono.just(answer.body()), StandardCharsets.UTF_8)
                    .then();
        });
    }

    /** The token's {@code sub}, read without checking the signature: the gateway has checked it. */
    private static String subject(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        byte[] claims = Base64.getUrlDecoder().decode(parts[1]);
        return JSON.readTree(claims).get("sub").asString();
    }

    static List<Long> seqs(long from, long to) {
        List<Long> seqs = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            seqs.add(seq);
        }
        return seqs;
    }
}
