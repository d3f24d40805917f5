package com.followthrough.feedback;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.communication.MessageKind;
import com.followthrough.communication.MessagePreparation;
import com.followthrough.vocabulary.CaseVariable;

/**
 * As the satisfaction survey is sent: a fresh token, its hash recorded in {@code ft_feedback}, and the link with the
 * token for the message (transient variable {@code surveyLink}). All in the transaction that records the message, so a
 * failed send leaves no survey behind and a retry issues a new token.
 */
@Component
class SurveyInvitation implements MessagePreparation {

    private final SurveyTokens tokens;
    private final Surveys surveys;
    private final EngineClock clock;
    private final FeedbackProperties properties;

    SurveyInvitation(SurveyTokens tokens, Surveys surveys, EngineClock clock, FeedbackProperties properties) {
        this.tokens = tokens;
        this.surveys = surveys;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public MessageKind kind() {
        return MessageKind.SATISFACTION_SURVEY;
    }

    @Override
    public void prepare(DelegateExecution execution) {
        String reference = CaseVariable.CASE_REFERENCE.text(execution);
        String token = tokens.issue();
        surveys.sent(reference, SurveyTokens.hash(token), clock.now());
        String link = properties.surveyUrl()
                .replace("{reference}", encoded(reference))
                .replace("{token}", encoded(token))
                .replace("{language}", encoded(CaseVariable.LANGUAGE.text(execution)));
        execution.setVariableLocal("surveyLink", Variables.stringValue(link, true));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
