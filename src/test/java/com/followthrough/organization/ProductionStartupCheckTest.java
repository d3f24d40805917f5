package com.followthrough.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.UserQuery;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * What an operator who followed docs/operations.md to the letter (the database and the administrator from the
 * environment, nothing else) would have put in front of customers: no mail at all, the sample number to call, a
 * sender on an example domain, a survey link to localhost, a mail dispatcher switched off. The production profile
 * refuses each, naming the setting.
 */
class ProductionStartupCheckTest {

    private final MockEnvironment environment = new MockEnvironment()
            .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/followthrough")
            .withProperty("spring.datasource.username", "followthrough")
            .withProperty("spring.datasource.password", "db-secret")
            .withProperty("camunda.bpm.admin-user.id", "operator")
            .withProperty("camunda.bpm.admin-user.password", "correct-horse-battery-staple")
            .withProperty("spring.mail.host", "smtp.acme.de")
            .withProperty("follow-through.support.phone-number", "+49 89 555 0100")
            .withProperty("follow-through.mail.from", "support@acme.de")
            .withProperty("follow-through.feedback.survey-url",
                    "https://support.acme.de/survey.html?case={reference}&token={token}&lang={language}");

    @Test
    void aRealInstallationPasses() {
        assertThat(check().problems()).isEmpty();
    }

    @Test
    void withoutAMailServerNoCustomerHearsAnything() {
        environment.setProperty("spring.mail.host", "");

        assertThat(check().problems()).singleElement().asString().contains("spring.mail.host", "SPRING_MAIL_HOST");
    }

    @Test
    void theSampleNumberToCallIsRefused() {
        environment.setProperty("follow-through.support.phone-number", "+49 30 1234 5678");

        assertThat(check().problems()).singleElement().asString().contains("follow-through.support.phone-number");
    }

    @Test
    void aSenderOnAnExampleDomainIsRefused() {
        environment.setProperty("follow-through.mail.from", "support@follow-through.example");

        assertThat(check().problems()).singleElement().asString().contains("follow-through.mail.from");
    }

    @Test
    void aSurveyLinkToLocalhostIsRefused() {
        environment.setProperty("follow-through.feedback.survey-url",
                "http://localhost:8080/survey.html?case={reference}&token={token}&lang={language}");

        assertThat(check().problems()).singleElement().asString().contains("follow-through.feedback.survey-url");
    }

    /**
     * The dispatcher is the only thing that hands the outbox to the mail server; switched off (a setting meant for the
     * tests) every message stays PENDING on every node, no incident is raised and nobody is told.
     */
    @Test
    void aSwitchedOffMailDispatcherIsRefused() {
        environment.setProperty("follow-through.mail.dispatcher.enabled", "false");

        assertThat(check().problems()).singleElement().asString()
                .contains("follow-through.mail.dispatcher.enabled", "FOLLOW_THROUGH_MAIL_DISPATCHER_ENABLED");
    }

    @Test
    void aDispatcherSwitchedOnExplicitlyPasses() {
        environment.setProperty("follow-through.mail.dispatcher.enabled", "true");

        assertThat(check().problems()).isEmpty();
    }

    private ProductionStartupCheck check() {
        IdentityService identity = mock(IdentityService.class);
        UserQuery users = mock(UserQuery.class);
        when(identity.createUserQuery()).thenReturn(users);
        when(users.userIdIn(any(String[].class))).thenReturn(users);
        when(users.list()).thenReturn(List.of());
        return new ProductionStartupCheck(identity, environment);
    }
}
