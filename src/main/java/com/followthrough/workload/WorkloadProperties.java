package com.followthrough.workload;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

/**
 * How many open cases an agent owns before they are handed no new ones ({@code follow-through.workload.capacity.*}):
 * {@code default} for everyone, {@code users.<user id>} for someone who works part time, is new, or leads the team.
 */
@Validated
@ConfigurationProperties("follow-through.workload")
public record WorkloadProperties(@DefaultValue @Valid Capacity capacity) {

    public record Capacity(@Name("default") @DefaultValue("8") @Min(0) int standard,
                           @DefaultValue Map<String, @Min(0) Integer> users) {
    }

    public int capacityOf(String userId) {
        return capacity.users().getOrDefault(userId, capacity.standard());
    }
}
