package com.followthrough;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(SupportProperties.class)
public class FollowThroughApplication {

    public static void main(String[] args) {
        SpringApplication.run(FollowThroughApplication.class, args);
    }
}
