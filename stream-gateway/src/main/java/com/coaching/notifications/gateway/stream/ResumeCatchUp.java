package com.coaching.notifications.gateway.stream;

import com.coaching.notifications.events.StreamEventPage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches what a client missed from the writer's history, {@code GET {writer}/api/notifications/events
 * ?after=&limit=&max_bytes=}, with the user's own token (the writer shows a user only their own events): every
 * page, one at a time as the stream takes them, then the outcome. Pages are asked for by bytes as well as by
 * count, and no more than the largest page the writer may send for that budget is buffered, so one catch-up
 * holds a bounded amount of memory whatever the client missed. Each event's data goes out exactly as the
 * writer sent it ({@link HistoryPage}), as the live path sends the topic's bytes. HTTP 410 means the events
 * were pruned, and a page whose {@code last_seq} (the user's seq) is below the seq asked after means the
 * client's id is ahead of the user (both {@link StreamItem.HistoryReset}); 401/403 that the credential no longer holds
 * ({@link StreamItem.Reauthenticate}); anything else that is not a page (writer down, slow, a 5xx) is
 * {@link StreamItem.WriterUnavailable}. Non-blocking throughout (WebClient on Reactor Netty).
 * Counted in {@code sse.catchups} by {@code outcome}.
 */
@Component
public class ResumeCatchUp {

    private static final Logger log = LoggerFactory.getLogger(ResumeCatchUp.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebClient writer;
    private final StreamProperties properties;
    private final MeterRegistry meters;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    public ResumeCatchUp(StreamProperties properties, MeterRegistry meters) {
        this.writer = WebClient.builder().baseUrl(properties.writerUrl().toString())
                .codecs(codecs -> codecs.defaultCodecs()
                        .maxInMemorySize(StreamEventPage.largestBody(properties.historyPageBytes())))
                .build();
        this.properties = properties;
        this.meters = meters;
    }

    /** The events after {@code seq}, in seq order, then {@link StreamItem.CaughtUp} or what went wrong. */
    public Flux<StreamItem> after(long seq, String bearerToken) {
        return pages(seq, bearerToken)
                .concatWith(Mono.fromSupplier(() -> counted("caught_up", new StreamItem.CaughtUp())))
                .onErrorResume(failure -> Mono.just(outcome(failure)));
    }

    private Flux<StreamItem> pages(long after, String bearerToken) {
        return page(after, bearerToken).flatMapMany(page -> {
            if (page.lastSeq() < after) {
                // Trusting an id the user never reached (a restored database, a client bug) would drop every
                // live event up to it.
                return Flux.error(new Ahead(page.oldestSeq(), page.lastSeq()));
            }
            List<HistoryPage.Event> events = page.events();
            Flux<StreamItem> items = Flux.fromIterable(events).map(ResumeCatchUp::item);
            if (!page.hasMore() || events.isEmpty()) {
                return items;
            }
            long last = events.get(events.size() - 1).seq();
            return items.concatWith(Flux.defer(() -> pages(last, bearerToken)));
        });
    }

    private Mono<HistoryPage> page(long after, String bearerToken) {
        return writer.get()
                .uri(uri -> uri.path("/api/notifications/events")
                        .queryParam("after", after)
                        .queryParam("limit", properties.historyPageSize())
                        .queryParam("max_bytes", properties.historyPageBytes())
                        .build())
                .headers(headers -> headers.setBearerAuth(bearerToken))
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .exchangeToMono(ResumeCatchUp::read)
                .timeout(properties.writerTimeout());
    }

    private static Mono<HistoryPage> read(ClientResponse response) {
        HttpStatus status = HttpStatus.resolve(response.statusCode().value());
        if (status == HttpStatus.OK) {
            return response.bodyToMono(byte[].class).map(HistoryPage::read);
        }
        if (status == HttpStatus.GONE) {
            return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                    .flatMap(body -> Mono.error(new Pruned(oldestSeq(body))));
        }
        if (status == HttpStatus.UNAUTHORIZED || status == HttpStatus.FORBIDDEN) {
            return response.releaseBody().then(Mono.error(new Refused()));
        }
        return response.releaseBody().then(Mono.error(
                new IllegalStateException("history answered " + response.statusCode().value())));
    }

    private StreamItem outcome(Throwable failure) {
        if (failure instanceof Pruned pruned) {
            return counted("reset", StreamItem.HistoryReset.pruned(StreamFrames.resetPruned(pruned.oldestSeq)));
        }
        if (failure instanceof Ahead ahead) {
            return counted("ahead", StreamItem.HistoryReset.ahead(StreamFrames.resetAhead(ahead.oldestSeq, ahead.lastSeq), ahead.lastSeq));
        }
        if (failure instanceof Refused) {
            return counted("reauthenticate", new StreamItem.Reauthenticate());
        }
        log.warn("Cannot fetch missed events from the writer at {}: {}", properties.writerUrl(), failure.toString());
        return counted("writer_unavailable", new StreamItem.WriterUnavailable());
    }

    private StreamItem counted(String outcome, StreamItem item) {
        outcomes.computeIfAbsent(outcome, tag -> Counter.builder("sse.catchups")
                .description("Catch-ups from the writer's history, by outcome")
                .tag("outcome", tag)
                .register(meters)).increment();
        return item;
    }

    private static StreamItem item(HistoryPage.Event event) {
        String seq = Long.toString(event.seq());
        return new StreamItem.History(event.seq(), SseFrame.of(event.event(), seq, null, event.data()));
    }

    private static Long oldestSeq(byte[] problem) {
        try {
            JsonNode oldest = JSON.readTree(problem).get("oldest_seq");
            return oldest != null && oldest.canConvertToLong() ? oldest.asLong() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** HTTP 410 from the history. */
    private static final class Pruned extends RuntimeException {
        private final Long oldestSeq;

        Pruned(Long oldestSeq) {
            super("history pruned", null, false, false);
            this.oldestSeq = oldestSeq;
        }
    }

    /** A page whose {@code last_seq} is below the seq it was asked after. */
    private static final class Ahead extends RuntimeException {
        private final Long oldestSeq;
        private final long lastSeq;

        Ahead(Long oldestSeq, long lastSeq) {
            super("last event id ahead of the user's seq", null, false, false);
            this.oldestSeq = oldestSeq;
            this.lastSeq = lastSeq;
        }
    }

    /** HTTP 401 or 403 from the history. */
    private static final class Refused extends RuntimeException {
        Refused() {
            super("credential refused", null, false, false);
        }
    }
}
