package com.followthrough.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import com.followthrough.SettingChecks;

/**
 * Limits of the REST APIs ({@code follow-through.api.*}): {@code maxRequestSize} for a request body of {@code /api},
 * {@code /engine-rest} and the webapps' APIs; {@code maxDeploymentSize} for a deployment through the engine's APIs
 * (the Modeler's "Deploy", the delivery pipeline), whose models are larger.
 */
@ConfigurationProperties("follow-through.api")
public record ApiProperties(@DefaultValue("128KB") DataSize maxRequestSize,
                            @DefaultValue("10MB") DataSize maxDeploymentSize) {

    public ApiProperties {
        SettingChecks.positive("follow-through.api.max-request-size", maxRequestSize);
        SettingChecks.positive("follow-through.api.max-deployment-size", maxDeploymentSize);
    }
}
