package com.coaching.notifications.writer.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/** {@code notifications.outbox.*} bound and validated as the application does. */
class OutboxPropertiesTest {

    @Test
    void theRelayPoolHasAConnectionPerWorkerAndOneForTheBacklogGaugeUnlessSet() {
        assertThat(bind(Map.of()).poolSize()).isEqualTo(3);
        assertThat(bind(Map.of("notifications.outbox.workers", "6")).poolSize()).isEqualTo(7);
        assertThat(bind(Map.of("notifications.outbox.workers", "6", "notifications.outbox.pool-size", "2")).poolSize())
                .isEqualTo(2);
    }

    @Test
    void theRelayPoolHasAtLeastOneConnection() {
        assertThatThrownBy(() -> bind(Map.of("notifications.outbox.pool-size", "0")))
                .isInstanceOf(BindException.class)
                .cause().isInstanceOf(BindValidationException.class)
                .hasMessageContaining("poolSize");
    }

    private static OutboxProperties bind(Map<String, String> settings) {
        Binder binder = new Binder(new MapConfigurationPropertySource(settings));
        ValidationBindHandler validation = new ValidationBindHandler(
                new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator()));
        return binder.bindOrCreate("notifications.outbox", Bindable.of(OutboxProperties.class), validation);
    }
}
