package com.coaching.notifications.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;

/**
 * {@code replay}: the events of a time range, optionally of one user and one type, in time order,
 * written as JSON lines or CSV.
 */
final class Replay {

    /** How long after {@code --to} the topic is searched for events that reached it late. */
    static final Duration GRACE = Duration.ofMinutes(10);

    private Replay() {
    }

    /** Writes the matching events to {@code out}; returns how many were written. */
    static long run(CommandLine command, Writer out, Progress progress) {
        long[] written = {0};
        try (TopicReader reader = new TopicReader(command.kafka(), command.timeout())) {
            command.format().header(out);
            reader.read(command.topic(), command.from(), command.to(), GRACE, event -> {
                if ((command.user() == null || command.user().equals(event.userId()))
                        && (command.type() == null || command.type().equals(event.type()))) {
                    try {
                        command.format().write(event, out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    written[0]++;
                }
            }, progress::expect, progress::update);
            out.flush();
            return written[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            progress.finish();
        }
    }
}
