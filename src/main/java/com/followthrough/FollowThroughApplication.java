package com.followthrough;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Actuator is here for health only (liveness, readiness; nothing else exposed, docs/operations.md). Its metrics and
 * observations would fill a meter registry nobody reads: JVM, Tomcat, Hikari and logback binders, an observation of
 * every web request. Left out, the start creates about 60 beans fewer (issue 16's start-up goal) and no request pays
 * for an observation. Expose a metrics endpoint? Remove the exclusion with it. No bean methods here, so no CGLIB
 * subclass of this class is generated at the start either.
 */
@SpringBootApplication(proxyBeanMethods = false,
        exclude = {MetricsAutoConfiguration.class, ObservationAutoConfiguration.class})
@EnableConfigurationProperties(SupportProperties.class)
public class FollowThroughApplication {

    public static void main(String[] args) {
        SpringApplication.run(FollowThroughApplication.class, args);
    }
}
