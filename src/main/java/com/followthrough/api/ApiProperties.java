package com.followthrough.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import com.followthrough.SettingChecks;

/** Limits of our REST API ({@code follow-through.api.*}). */
@ConfigurationProperties("follow-through.api")
public record ApiProperties(@DefaultValue("128KB") DataSize maxRequestSize) {

    public ApiProperties {
        SettingChecks.positive("follow-through.api.max-request-size", maxRequestSize);
    }
}
