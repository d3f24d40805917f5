package com.followthrough.workload;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

import com.followthrough.SettingChecks;

/**
 * How many open cases an agent owns before they are handed no new ones ({@code follow-through.workload.capacity.*}):
 * {@code default} for everyone, {@code users.<user id>} for someone who works part time, is new, or leads the team;
 * and how often absences that have begun are looked for ({@code absence-start.*}).
 */
@ConfigurationProperties("follow-through.workload")
public record WorkloadProperties(@DefaultValue Capacity capacity, @DefaultValue AbsenceStart absenceStart) {

    /**
     * How often each node looks for absences that have begun ({@code absence-start.*}); {@link AbsencesBeginning}
     * schedules itself with these names, bound here so that they are checked like every other setting.
     */
    public record AbsenceStart(@DefaultValue("true") boolean enabled, @DefaultValue("PT1M") Duration interval) {

        public AbsenceStart {
            SettingChecks.positive("follow-through.workload.absence-start.interval", interval);
        }
    }

    public record Capacity(@Name("default") @DefaultValue("8") int standard,
                           @DefaultValue Map<String, Integer> users) {

        public Capacity {
            SettingChecks.atLeast("follow-through.workload.capacity.default", standard, 0);
            users.forEach((user, capacity) ->
                    SettingChecks.atLeast("follow-through.workload.capacity.users." + user, capacity, 0));
        }
    }

    public int capacityOf(String userId) {
        return capacity.users().getOrDefault(userId, capacity.standard());
    }
}
