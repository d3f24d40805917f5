package com.followthrough.feedback;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.followthrough.SettingChecks;

/**
 * After the case ({@code follow-through.feedback.*}): how long the customer has to answer the survey, how long a
 * supervisor has to call for a last chance, how long the owner has to read a survey comment, and the link in the
 * survey message. The link may name the case
 * ({reference}), the survey token ({token}) and the customer's language ({language}).
 */
@ConfigurationProperties("follow-through.feedback")
public record FeedbackProperties(
        @DefaultValue("P14D") Period surveyWindow,
        @DefaultValue("P2D") Duration lastChanceWindow,
        @DefaultValue("P2D") Duration commentWindow,
        @DefaultValue("http://localhost:8080/survey.html?case={reference}&token={token}&lang={language}")
        String surveyUrl) {

    public FeedbackProperties {
        SettingChecks.notBlank("follow-through.feedback.survey-url", surveyUrl);
        SettingChecks.positive("follow-through.feedback.survey-window", surveyWindow);
        SettingChecks.positive("follow-through.feedback.last-chance-window", lastChanceWindow);
        SettingChecks.positive("follow-through.feedback.comment-window", commentWindow);
    }
}
