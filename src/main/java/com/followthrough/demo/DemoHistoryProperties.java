package com.followthrough.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * The demo history ({@code follow-through.demo.history.*}, demo profile): how many cases to generate on the first start
 * (0: none), over how many weeks before now, and the seed of the random mix (the same seed and size give the same mix).
 */
@Validated
@ConfigurationProperties("follow-through.demo.history")
public record DemoHistoryProperties(@DefaultValue("200") @Min(0) int cases, @DefaultValue("6") @Min(1) int weeks,
                                    @DefaultValue("20261123") long seed) {
}
