package com.coaching.notifications.writer.notification;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The field rules are checked on every property. With JPA present, Hibernate Validator otherwise asks JPA
 * before each property whether it is loaded, so as not to load a lazy association; what is validated here are
 * request records, never entities, and on the request topic those questions were two-fifths of validating.
 */
@Configuration(proxyBeanMethods = false)
public class ValidationConfiguration {

    @Bean
    ValidationConfigurationCustomizer everyPropertyReachable() {
        return configuration -> configuration.traversableResolver(new EveryPropertyReachable());
    }

    private static final class EveryPropertyReachable implements TraversableResolver {

        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                                   ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                                    ElementType elementType) {
            return true;
        }
    }
}
