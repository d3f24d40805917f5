package com.followthrough.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.followthrough.SettingChecks;

/**
 * The demo history ({@code follow-through.demo.history.*}, demo profile): how many cases to generate on the first start
 * (0: none), over how many weeks before now, and the seed of the random mix (the same seed and size give the same mix).
 */
@ConfigurationProperties("follow-through.demo.history")
public record DemoHistoryProperties(@DefaultValue("200") int cases, @DefaultValue("6") int weeks,
                                    @DefaultValue("20261123") long seed) {

    public DemoHistoryProperties {
        SettingChecks.atLeast("follow-through.demo.history.cases", cases, 0);
        SettingChecks.atLeast("follow-through.demo.history.weeks", weeks, 1);
    }
}
