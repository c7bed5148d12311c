package com.coaching.notifications.auth;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link UserIds} bean from {@code notifications.user-ids.*}, imported by each service that needs the rule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UserIdProperties.class)
public class UserIdConfiguration {

    @Bean
    UserIds userIds(UserIdProperties properties) {
        return new UserIds(properties);
    }
}
