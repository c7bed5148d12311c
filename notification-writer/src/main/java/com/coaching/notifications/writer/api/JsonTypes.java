package com.coaching.notifications.writer.api;

import com.coaching.notifications.events.EventJson;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Request bodies are read with every JSON value as its own type, as on the request topic: a title
 * of {@code 5} is a 400 naming {@code title}, not the text "5", and an empty {@code related_session_id}
 * is a 400, not "no session". Unknown fields stay ignored.
 */
@Configuration(proxyBeanMethods = false)
public class JsonTypes {

    @Bean
    JsonMapperBuilderCustomizer exactJsonTypes() {
        return EventJson::exactTypes;
    }
}
