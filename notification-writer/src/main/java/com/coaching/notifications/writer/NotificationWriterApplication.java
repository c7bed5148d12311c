package com.coaching.notifications.writer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Stores notifications and emits every change to Kafka through a transactional outbox. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationWriterApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationWriterApplication.class, args);
    }
}
