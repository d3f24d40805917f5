package com.followthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Import;

import com.followthrough.api.ApiProperties;
import com.followthrough.communication.MailSettings;
import com.followthrough.demo.DemoHistoryProperties;
import com.followthrough.feedback.FeedbackProperties;
import com.followthrough.servicelevel.BreachWarnings;
import com.followthrough.waiting.WaitingProperties;
import com.followthrough.workload.WorkloadProperties;

/** Each of our settings refuses a value out of its range: the app does not start, and says which property. */
class BadSettingsRefuseTheStartTest {

    @EnableConfigurationProperties({SupportProperties.class, MailSettings.class, DemoHistoryProperties.class,
            FeedbackProperties.class, BreachWarnings.Settings.class, WaitingProperties.class, WorkloadProperties.class,
            ApiProperties.class})
    @Import(SettingNames.class)
    static class Settings {
    }

    private final ApplicationContextRunner app = new ApplicationContextRunner().withUserConfiguration(Settings.class)
            .withPropertyValues("follow-through.support.phone-number=+49 30 1234 5678");

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("follow-through.support.phone-number= "),
                Arguments.of("follow-through.callback.max-attempts=0"),
                Arguments.of("follow-through.reimbursement.supervisor-authority=-1"),
                Arguments.of("follow-through.mail.from= "),
                Arguments.of("follow-through.mail.retry.max-attempts=0"),
                Arguments.of("follow-through.mail.dispatcher.batch-size=0"),
                Arguments.of("follow-through.demo.history.cases=-1"),
                Arguments.of("follow-through.demo.history.weeks=0"),
                Arguments.of("follow-through.feedback.survey-url= "),
                Arguments.of("follow-through.breach-warning.share=1"),
                Arguments.of("follow-through.breach-warning.share=0"),
                Arguments.of("follow-through.waiting.max-reminders=-1"),
                Arguments.of("follow-through.workload.capacity.default=-1"),
                Arguments.of("follow-through.workload.capacity.users.anna=-1"),
                Arguments.of("follow-through.cases.quiet-period=P0D"),
                Arguments.of("follow-through.cases.follow-up-period=-P1D"),
                Arguments.of("follow-through.callback.reminder-before=-PT15M"),
                Arguments.of("follow-through.callback.retry-wait=PT0S"),
                Arguments.of("follow-through.callback.min-lead=-PT5M"),
                Arguments.of("follow-through.callback.max-ahead=PT1M"),
                Arguments.of("follow-through.reimbursement.approval-window=PT0S"),
                Arguments.of("follow-through.reimbursement.owner-window=-PT1H"),
                Arguments.of("follow-through.feedback.survey-window=P0D"),
                Arguments.of("follow-through.feedback.last-chance-window=PT0S"),
                Arguments.of("follow-through.feedback.comment-window=-P1D"),
                Arguments.of("follow-through.mail.retry.first-delay=PT0S"),
                Arguments.of("follow-through.mail.retry.max-delay=PT10S"),
                Arguments.of("follow-through.mail.dispatcher.interval=PT0S"),
                Arguments.of("follow-through.mail.dispatcher.sending-timeout=PT0S"),
                Arguments.of("follow-through.api.max-request-size=0KB"),
                Arguments.of("follow-through.api.max-deployment-size=0MB"),
                Arguments.of("follow-through.reimbursement.arrangement-window=PT0S"),
                Arguments.of("follow-through.workload.absence-start.interval=PT0S"));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void aValueOutOfRangeStopsTheStartNamingTheProperty(String setting) {
        String property = setting.substring(0, setting.indexOf('='));
        app.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(property);
        });
    }

    /**
     * An operator's typo ({@code max-atempts}) must not leave the default in force unseen: the start stops and names
     * the setting, wherever it was set.
     */
    @ParameterizedTest
    @ValueSource(strings = {"follow-through.callback.max-atempts=5", "follow-through.mail.form=support@example.com",
            "follow-through.calendars.standard.working-hour=08:00-18:00", "follow-through.suport.phone-number=+1 555",
            "follow-through.workload.capacity.defualt=4", "follow-through.api.max-request=1MB"})
    void aMisspeltSettingStopsTheStartNamingIt(String setting) {
        String property = setting.substring(0, setting.indexOf('='));
        app.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("Unknown setting " + property);
        });
    }

    /** With lazy beans ({@code spring.main.lazy-initialization}) a real setting is still known, not "unknown". */
    @Test
    void aRealSettingIsKnownWhenTheBeansAreLazy() {
        app.withInitializer(context -> context.addBeanFactoryPostProcessor(
                        new LazyInitializationBeanFactoryPostProcessor()))
                .withPropertyValues("follow-through.callback.max-attempts=5", "follow-through.mail.from=a@acme.de")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theDefaultsStart() {
        app.run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(MailSettings.class).hasSingleBean(WorkloadProperties.class));
    }
}
