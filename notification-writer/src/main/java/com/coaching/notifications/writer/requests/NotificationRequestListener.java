package com.coaching.notifications.writer.requests;

import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationRequest;
import com.coaching.notifications.events.Topics;
import com.coaching.notifications.events.TraceParentHeader;
import com.coaching.notifications.writer.outbox.OutboxTraceContext;
import com.coaching.notifications.writer.problem.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Creates the notifications other services ask for on {@link Topics#REQUESTS}, a poll's records in one
 * transaction. Parses each record as its schema says (nothing unknown, nothing converted) and validates
 * it with the API's rules; a record that fails either is set aside on the dead-letter topic and the
 * others are created all the same. A redelivered request creates nothing new (idempotent by {@code
 * request_id}).
 */
@Component
public class NotificationRequestListener {

    private final NotificationRequests requests;
    private final RequestDeadLetters deadLetters;
    private final RequestFailures failures;

    public NotificationRequestListener(NotificationRequests requests, RequestDeadLetters deadLetters,
                                       RequestFailures failures) {
        this.requests = requests;
        this.deadLetters = deadLetters;
        this.failures = failures;
    }

    @KafkaListener(topics = Topics.REQUESTS, containerFactory = RequestListenerConfiguration.CONTAINER_FACTORY)
    void onRequests(List<ConsumerRecord<String, byte[]>> records) {
        try {
            createAll(records);
        } catch (RuntimeException e) {
            if (failures.classify(e) == RequestFailures.Kind.TRANSIENT) {
                // Nothing was committed: the whole poll waits for the database or the broker.
                throw new BatchListenerFailedException("requests not created", e, 0);
            }
            // A record the database refuses, or a bug: one at a time, so that only the record behind it is
            // retried and set aside, and the records before it are created.
            for (int i = 0; i < records.size(); i++) {
                try {
                    createAll(List.of(records.get(i)));
                } catch (RuntimeException failure) {
                    throw new BatchListenerFailedException("request not created", failure, i);
                }
            }
        }
    }

    /** Creates the valid requests in one transaction, then sets the others aside. */
    private void createAll(List<ConsumerRecord<String, byte[]>> records) {
        List<Optional<String>> rejections = new ArrayList<>(records.size());
        List<Integer> parsed = new ArrayList<>();
        List<NotificationRequest> valid = new ArrayList<>();
        List<String> traceparents = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                valid.add(parse(record));
                // The producer's trace goes on through this request's event, as a REST caller's does.
                Header traceparent = record.headers().lastHeader(TraceParentHeader.NAME);
                traceparents.add(OutboxTraceContext.wellFormed(traceparent == null ? null : traceparent.value()));
                parsed.add(rejections.size());
                rejections.add(Optional.empty());
            } catch (RejectedRequestException e) {
                rejections.add(Optional.of(e.getMessage()));
            }
        }
        List<Optional<String>> created = requests.createAll(valid, traceparents);
        for (int v = 0; v < parsed.size(); v++) {
            rejections.set(parsed.get(v), created.get(v));
        }
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            rejections.get(i).ifPresent(reason -> deadLetters.reject(record, reason));
        }
    }

    private static NotificationRequest parse(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new RejectedRequestException("the record has no value");
        }
        NotificationRequest request;
        try {
            request = EventJson.fromBytesStrictly(record.value(), NotificationRequest.class);
        } catch (EventJson.InvalidEventException e) {
            throw new RejectedRequestException(reason(e));
        }
        if (request == null) {
            throw new RejectedRequestException("not a notification request: the value is JSON null");
        }
        return request;
    }

    /** Named as the API names a bad field ({@code title: must be a string}), else what is wrong with the whole. */
    private static String reason(EventJson.InvalidEventException e) {
        if (e.getCause() instanceof JacksonException json) {
            Optional<FieldProblem> field = FieldProblem.of(json);
            if (field.isPresent()) {
                return field.get().field() + ": " + field.get().message();
            }
        }
        return "not a notification request: " + e.getMessage();
    }
}
