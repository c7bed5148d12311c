package com.coaching.notifications.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Stateless SSE gateway: reads every partition of the event topic and pushes each event to its user's streams. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StreamGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(StreamGatewayApplication.class, args);
    }
}
