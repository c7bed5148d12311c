package com.coaching.notifications.gateway.stream;

import com.coaching.notifications.gateway.web.StreamPaths;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Streams are not observed as HTTP requests. A request's observation (its context, key values, the
 * {@code http.server.requests.active} sample) lives until the response ends, that is for the whole life
 * of a stream, to report at the end a duration that {@code sse.connection.duration} already reports
 * ({@link StreamMetrics}). Every other request, the stream's session included, still is.
 */
@Configuration(proxyBeanMethods = false)
public class StreamObservations {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Bean
    ObservationPredicate streamsAreNotHttpRequestObservations() {
        return (name, context) -> !(HTTP_SERVER_REQUESTS.equals(name)
                && context instanceof ServerRequestObservationContext request
                && StreamPaths.STREAM.equals(request.getCarrier().getPath().pathWithinApplication().value()));
    }
}
