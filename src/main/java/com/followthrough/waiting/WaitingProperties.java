package com.followthrough.waiting;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.followthrough.SettingChecks;

/**
 * Waiting on the customer ({@code follow-through.waiting.*}): how many reminders a customer who has not answered our
 * question gets, one update interval of their plan apart, before the case closes kindly with an invitation to write
 * back.
 */
@ConfigurationProperties("follow-through.waiting")
public record WaitingProperties(@DefaultValue("2") int maxReminders) {

    public WaitingProperties {
        SettingChecks.atLeast("follow-through.waiting.max-reminders", maxReminders, 0);
    }
}
