package com.followthrough.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.followthrough.DecisionTestEngine;

/**
 * The service-levels decision (processes/service-levels.dmn): plan, priority and channel decide the
 * first-response target, the update interval and the resolution target of a case.
 */
@Deployment(resources = "processes/service-levels.dmn")
class ServiceLevelsDecisionTest {

    @RegisterExtension
    static ProcessEngineExtension engine = DecisionTestEngine.extension();

    static final List<String> PLANS = List.of("standard", "premium", "enterprise");
    static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    static final List<String> CHANNELS = List.of("phone", "email", "web", "chat");
    static final List<String> LIVE_CHANNELS = List.of("phone", "chat");
    static final List<String> WRITTEN_CHANNELS = List.of("email", "web");

    /** Injected by the extension. */
    ProcessEngine processEngine;

    /** One case per rule of the table, in table order: plan, priority, channels, first response, update interval, resolution. */
    static Stream<Arguments> rules() {
        return Stream.of(
                rule("standard", "low", LIVE_CHANNELS, "PT4H", "P1D", "P10D"),
                rule("standard", "low", WRITTEN_CHANNELS, "P1D", "P1D", "P10D"),
                rule("standard", "normal", LIVE_CHANNELS, "PT2H", "PT8H", "P5D"),
                rule("standard", "normal", WRITTEN_CHANNELS, "PT8H", "PT8H", "P5D"),
                rule("standard", "high", LIVE_CHANNELS, "PT1H", "PT4H", "P3D"),
                rule("standard", "high", WRITTEN_CHANNELS, "PT4H", "PT4H", "P3D"),
                rule("standard", "urgent", LIVE_CHANNELS, "PT30M", "PT2H", "P1D"),
                rule("standard", "urgent", WRITTEN_CHANNELS, "PT1H", "PT2H", "P1D"),
                rule("premium", "low", LIVE_CHANNELS, "PT2H", "PT8H", "P5D"),
                rule("premium", "low", WRITTEN_CHANNELS, "PT8H", "PT8H", "P5D"),
                rule("premium", "normal", LIVE_CHANNELS, "PT1H", "PT4H", "P3D"),
                rule("premium", "normal", WRITTEN_CHANNELS, "PT4H", "PT4H", "P3D"),
                rule("premium", "high", LIVE_CHANNELS, "PT30M", "PT2H", "P2D"),
                rule("premium", "high", WRITTEN_CHANNELS, "PT2H", "PT2H", "P2D"),
                rule("premium", "urgent", LIVE_CHANNELS, "PT15M", "PT1H", "PT12H"),
                rule("premium", "urgent", WRITTEN_CHANNELS, "PT30M", "PT1H", "PT12H"),
                rule("enterprise", "low", LIVE_CHANNELS, "PT1H", "PT4H", "P3D"),
                rule("enterprise", "low", WRITTEN_CHANNELS, "PT4H", "PT4H", "P3D"),
                rule("enterprise", "normal", LIVE_CHANNELS, "PT30M", "PT2H", "P2D"),
                rule("enterprise", "normal", WRITTEN_CHANNELS, "PT2H", "PT2H", "P2D"),
                rule("enterprise", "high", LIVE_CHANNELS, "PT15M", "PT1H", "P1D"),
                rule("enterprise", "high", WRITTEN_CHANNELS, "PT1H", "PT1H", "P1D"),
                rule("enterprise", "urgent", LIVE_CHANNELS, "PT10M", "PT30M", "PT8H"),
                rule("enterprise", "urgent", WRITTEN_CHANNELS, "PT15M", "PT30M", "PT8H"));
    }

    private static Arguments rule(String plan, String priority, List<String> channels,
            String firstResponse, String updateInterval, String resolution) {
        String name = String.format("%s plan, %s priority, %s: first response within %s, update every %s, resolved within %s",
                plan, priority, String.join(" or ", channels), firstResponse, updateInterval, resolution);
        return Arguments.of(name, plan, priority, channels, firstResponse, updateInterval, resolution);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleSetsItsTargets(String rule, String plan, String priority, List<String> channels,
            String firstResponse, String updateInterval, String resolution) {
        for (String channel : channels) {
            Map<String, Object> levels = serviceLevels(plan, priority, channel);

            assertThat(levels).as("%s via %s", rule, channel)
                    .containsEntry("firstResponseTarget", firstResponse)
                    .containsEntry("updateInterval", updateInterval)
                    .containsEntry("resolutionTarget", resolution);
        }
    }

    static Stream<Arguments> everyCombination() {
        List<Arguments> combinations = new ArrayList<>();
        for (String plan : PLANS) {
            for (String priority : PRIORITIES) {
                for (String channel : CHANNELS) {
                    combinations.add(Arguments.of(plan, priority, channel));
                }
            }
        }
        return combinations.stream();
    }

    @ParameterizedTest(name = "{0} plan, {1} priority, {2}: exactly one rule, three usable durations")
    @MethodSource("everyCombination")
    void everyCombinationHasExactlyOneServiceLevelWithUsableDurations(String plan, String priority, String channel) {
        DmnDecisionResult result = evaluate(plan, priority, channel);

        assertThat(result).hasSize(1);
        Map<String, Object> levels = result.getSingleResult().getEntryMap();
        assertThat(levels.get("firstResponseTarget")).asString().matches("PT\\d+[HM]|P\\d+D");
        assertThat(levels.get("updateInterval")).asString().matches("PT\\d+[HM]|P\\d+D");
        assertThat(levels.get("resolutionTarget")).asString().matches("PT\\d+[HM]|P\\d+D");
        Duration firstResponse = duration(levels, "firstResponseTarget");
        Duration update = duration(levels, "updateInterval");
        Duration resolution = duration(levels, "resolutionTarget");
        assertThat(firstResponse).isPositive().isLessThan(resolution);
        assertThat(update).isPositive().isLessThan(resolution);
        assertThat(levels.get("nextReplyTarget")).asString().matches("PT\\d+[HM]|P\\d+D");
        assertThat(duration(levels, "nextReplyTarget")).isPositive().isLessThan(resolution);
    }

    @ParameterizedTest(name = "{0} plan, {1} priority, {2}: a customer message in an open case is answered as fast as the first contact")
    @MethodSource("everyCombination")
    void theNextReplyIsNeverSlowerThanTheFirstResponse(String plan, String priority, String channel) {
        Map<String, Object> levels = serviceLevels(plan, priority, channel);

        assertThat(duration(levels, "nextReplyTarget")).isLessThanOrEqualTo(duration(levels, "firstResponseTarget"));
    }

    @ParameterizedTest(name = "{0} priority, {1}: enterprise is at least as fast as premium, premium as standard")
    @MethodSource("priorityAndChannel")
    void higherPlansAreNeverSlower(String priority, String channel) {
        Map<String, Object> standard = serviceLevels("standard", priority, channel);
        Map<String, Object> premium = serviceLevels("premium", priority, channel);
        Map<String, Object> enterprise = serviceLevels("enterprise", priority, channel);

        for (String target : List.of("firstResponseTarget", "updateInterval", "resolutionTarget", "nextReplyTarget")) {
            assertThat(duration(enterprise, target)).as(target).isLessThanOrEqualTo(duration(premium, target));
            assertThat(duration(premium, target)).as(target).isLessThanOrEqualTo(duration(standard, target));
        }
        assertThat(duration(enterprise, "firstResponseTarget")).isLessThan(duration(standard, "firstResponseTarget"));
    }

    static Stream<Arguments> priorityAndChannel() {
        return PRIORITIES.stream().flatMap(priority -> CHANNELS.stream().map(channel -> Arguments.of(priority, channel)));
    }

    @ParameterizedTest(name = "{0} plan, {1}: urgent is at least as fast as high, high as normal, normal as low")
    @MethodSource("planAndChannel")
    void higherPrioritiesAreNeverSlower(String plan, String channel) {
        for (int i = 1; i < PRIORITIES.size(); i++) {
            Map<String, Object> lower = serviceLevels(plan, PRIORITIES.get(i - 1), channel);
            Map<String, Object> higher = serviceLevels(plan, PRIORITIES.get(i), channel);
            for (String target : List.of("firstResponseTarget", "updateInterval", "resolutionTarget", "nextReplyTarget")) {
                assertThat(duration(higher, target)).as("%s: %s vs %s", target, PRIORITIES.get(i), PRIORITIES.get(i - 1))
                        .isLessThanOrEqualTo(duration(lower, target));
            }
        }
        assertThat(duration(serviceLevels(plan, "urgent", channel), "firstResponseTarget"))
                .isLessThan(duration(serviceLevels(plan, "low", channel), "firstResponseTarget"));
    }

    static Stream<Arguments> planAndChannel() {
        return PLANS.stream().flatMap(plan -> CHANNELS.stream().map(channel -> Arguments.of(plan, channel)));
    }

    @ParameterizedTest(name = "{0} plan, {1} priority: phone and chat get a faster first response than email and web")
    @MethodSource("planAndPriority")
    void liveChannelsGetAFasterFirstResponseThanWrittenOnes(String plan, String priority) {
        for (String live : LIVE_CHANNELS) {
            for (String written : WRITTEN_CHANNELS) {
                assertThat(duration(serviceLevels(plan, priority, live), "firstResponseTarget"))
                        .as("%s vs %s", live, written)
                        .isLessThan(duration(serviceLevels(plan, priority, written), "firstResponseTarget"));
            }
        }
    }

    static Stream<Arguments> planAndPriority() {
        return PLANS.stream().flatMap(plan -> PRIORITIES.stream().map(priority -> Arguments.of(plan, priority)));
    }

    private DmnDecisionResult evaluate(String plan, String priority, String channel) {
        return processEngine.getDecisionService().evaluateDecisionByKey("ServiceLevels")
                .variables(Variables.createVariables()
                        .putValue("plan", plan)
                        .putValue("priority", priority)
                        .putValue("channel", channel))
                .evaluate();
    }

    private Map<String, Object> serviceLevels(String plan, String priority, String channel) {
        return evaluate(plan, priority, channel).getSingleResult().getEntryMap();
    }

    private static Duration duration(Map<String, Object> levels, String target) {
        return Duration.parse((String) levels.get(target));
    }
}
