package com.coaching.notifications.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * WebFlux resolves a handler method's arguments through a cache of its own per request (a 256-slot map),
 * which the response's operators keep for as long as a stream lives; a method without parameters never
 * fills one.
 */
class NotificationStreamControllerTest {

    @Test
    void theStreamHandlerTakesNoArgumentsForWebFluxToResolve() {
        Method handler = Arrays.stream(NotificationStreamController.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(GetMapping.class))
                .findFirst().orElseThrow();

        assertThat(handler.getParameterCount()).isZero();
    }
}
