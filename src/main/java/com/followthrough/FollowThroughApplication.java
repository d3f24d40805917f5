package com.followthrough;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import com.followthrough.communication.MailSettings;

@SpringBootApplication
@EnableConfigurationProperties({SupportProperties.class, MailSettings.class})
public class FollowThroughApplication {

    public static void main(String[] args) {
        SpringApplication.run(FollowThroughApplication.class, args);
    }
}
