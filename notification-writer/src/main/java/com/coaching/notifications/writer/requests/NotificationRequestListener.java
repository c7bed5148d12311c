package com.coaching.notifications.writer.requests;

import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationRequest;
import com.coaching.notifications.events.Topics;
import com.coaching.notifications.writer.problem.FieldProblem;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Creates the notifications other services ask for on {@link Topics#REQUESTS}. Parses each record as
 * its schema says (nothing unknown, nothing converted) and validates it with the API's rules; a
 * record that fails either is rejected to the dead-letter topic and consumption goes on. A
 * redelivered request creates nothing new (idempotent by {@code request_id}).
 */
@Component
public class NotificationRequestListener {

    private final NotificationRequests requests;

    public NotificationRequestListener(NotificationRequests requests) {
        this.requests = requests;
    }

    @KafkaListener(topics = Topics.REQUESTS, containerFactory = RequestListenerConfiguration.CONTAINER_FACTORY)
    void onRequest(ConsumerRecord<String, byte[]> record) {
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
        requests.create(request).ifPresent(problem -> {
            throw new RejectedRequestException(problem);
        });
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
