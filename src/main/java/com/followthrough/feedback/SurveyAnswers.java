package com.followthrough.feedback;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.followthrough.EngineClock;
import com.followthrough.api.ApiProblem;
import com.followthrough.communication.CaseSerializer;

/**
 * The customer answers the survey from the link we sent: the token proves it is them. The answer is recorded in
 * {@code ft_feedback} and reaches "Hear the customer after the case" as {@code rating} and
 * {@code satisfactionComment}, in one transaction: either both happen or neither. An answer that meets the survey
 * window closing at the same moment is tried again ({@link CaseSerializer}) and then finds the survey closed.
 */
@Service
public class SurveyAnswers {

    public static final String SURVEY_ANSWERED = "Message_SurveyAnswered";
    static final String ANSWER_READER = "answerReader";

    private final Surveys surveys;
    private final RuntimeService runtimeService;
    private final TransactionTemplate transaction;
    private final CaseSerializer serializer;
    private final EngineClock clock;

    public SurveyAnswers(Surveys surveys, RuntimeService runtimeService, TransactionTemplate transaction,
                         CaseSerializer serializer, EngineClock clock) {
        this.surveys = surveys;
        this.runtimeService = runtimeService;
        this.transaction = transaction;
        this.serializer = serializer;
        this.clock = clock;
    }

    /**
     * Checked in this order so that a wrong token learns nothing about the case: it reads as no survey at all (the
     * same 404 as a reference that is no case; references are counted up, so a 403 told a stranger which cases were
     * closed with a survey), and comes before the survey's state (409). Answers who reads it, as the feedback process
     * decided in this transaction ({@code answerReader} of decision {@code SurveyAnswerReader}): "supervisor", "owner"
     * or "nobody", so that the survey page promises a reader only where there is one.
     */
    public String answer(String reference, String token, int rating, String comment) {
        Survey survey = surveys.of(reference).filter(it -> SurveyTokens.matches(token, it.tokenHash()))
                .orElseThrow(() -> ApiProblem.notFound("reference", "is no case with a satisfaction survey",
                        "There is no satisfaction survey for case " + reference + " with this link."));
        if (survey.answered()) {
            throw alreadyAnswered(reference);
        }
        return serializer.run(reference, () -> transaction.execute(status -> {
            if (!waitingForTheAnswer(reference)) {
                throw surveyClosed("The survey of case " + reference
                        + " is closed: we waited for an answer until the survey window was over.");
            }
            if (!surveys.answer(reference, rating, comment, clock.now())) {
                throw alreadyAnswered(reference);
            }
            try {
                return runtimeService.createMessageCorrelation(SURVEY_ANSWERED)
                        .processInstanceBusinessKey(reference)
                        .setVariable("rating", rating)
                        .setVariable("satisfactionComment", comment)
                        .correlateWithResultAndVariables(true).getVariables().getValue(ANSWER_READER, String.class);
            } catch (MismatchingMessageCorrelationException closedMeanwhile) {
                throw surveyClosed("The survey of case " + reference + " closed just now.");
            }
        }));
    }

    private boolean waitingForTheAnswer(String reference) {
        return runtimeService.createExecutionQuery().processInstanceBusinessKey(reference)
                .messageEventSubscriptionName(SURVEY_ANSWERED).count() > 0;
    }

    private static ApiProblem surveyClosed(String detail) {
        return ApiProblem.conflict("Survey closed", "reference", "is a case whose survey is closed", detail);
    }

    private static ApiProblem alreadyAnswered(String reference) {
        return ApiProblem.conflict("Survey already answered", "reference",
                "is a case whose survey was answered already",
                "The survey of case " + reference + " was answered already. Thank you; the first answer stands.");
    }
}
