package com.coaching.notifications.localstack;

import java.net.URI;
import java.util.List;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

/**
 * One origin for the browser (the stream's session cookie needs it): the stream goes to the gateway
 * replicas in turn, the rest of the API to the writer; anything else is the web page, served from
 * web/dist. Spring Cloud Gateway streams {@code text/event-stream} responses without buffering.
 */
@Configuration(proxyBeanMethods = false)
class ProxyRoutes {

    static final String GATEWAYS = "stream-gateway";

    @Bean
    RouteLocator routes(RouteLocatorBuilder builder, LocalStackProperties settings) {
        return builder.routes()
                .route("stream", r -> r.path("/api/notifications/stream", "/api/notifications/stream/**")
                        .uri("lb://" + GATEWAYS))
                .route("inbox", r -> r.path("/api/**")
                        .uri(URI.create("http://127.0.0.1:" + settings.ports().writer())))
                .build();
    }

    /** The gateway replicas, for round-robin load balancing (no service registry in a local run). */
    @Bean
    ServiceInstanceListSupplier gatewayReplicas(LocalStackProperties settings) {
        List<org.springframework.cloud.client.ServiceInstance> replicas = List.of(
                new DefaultServiceInstance(GATEWAYS + "-a", GATEWAYS, "127.0.0.1", settings.ports().gatewayA(), false),
                new DefaultServiceInstance(GATEWAYS + "-b", GATEWAYS, "127.0.0.1", settings.ports().gatewayB(), false));
        return new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return GATEWAYS;
            }

            @Override
            public Flux<List<org.springframework.cloud.client.ServiceInstance>> get() {
                return Flux.just(replicas);
            }
        };
    }
}
