package com.followthrough.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.followthrough.DecisionTestEngine;

/**
 * Who reads the survey answer (processes/survey-answer.dmn): the survey says "we read every comment", so a poor rating
 * goes to a supervisor as a last-chance call, any other comment to the owner, and only a fair or good rating without a
 * comment to nobody.
 */
@Deployment(resources = "processes/survey-answer.dmn")
class SurveyAnswerReaderDecisionTest {

    @RegisterExtension
    static ProcessEngineExtension engine = DecisionTestEngine.extension();

    /** Injected by the extension. */
    ProcessEngine processEngine;

    @Test
    void aPoorRatingGoesToASupervisorWithOrWithoutAComment() {
        assertThat(decide(1, null)).containsEntry("answerReader", "supervisor")
                .containsEntry("lastChanceReason", "They rated us poorly: find out what went wrong for them.");
        assertThat(decide(2, "Took far too long")).containsEntry("answerReader", "supervisor");
    }

    @Test
    void aCommentWithAFairOrGoodRatingGoesToTheOwner() {
        assertThat(decide(3, "Fine, but slow")).containsEntry("answerReader", "owner");
        assertThat(decide(5, "Thank you!")).containsEntry("answerReader", "owner");
    }

    @Test
    void aFairOrGoodRatingWithoutACommentNeedsNobody() {
        assertThat(decide(3, null)).containsEntry("answerReader", "nobody");
        assertThat(decide(5, null)).containsEntry("answerReader", "nobody");
    }

    /** Every answer with a comment reaches a person; nobody reads only a rating of 3 to 5 without one. */
    @Test
    void everyCommentAndEveryPoorRatingReachesAPerson() {
        List<String> comments = Arrays.asList(null, "x", "Why did nobody call?");
        for (int rating = 1; rating <= 5; rating++) {
            for (String comment : comments) {
                String expected = rating <= 2 ? "supervisor" : comment != null ? "owner" : "nobody";
                assertThat(decide(rating, comment)).as(rating + "/" + comment).containsEntry("answerReader", expected);
            }
        }
    }

    private Map<String, Object> decide(int rating, String comment) {
        DmnDecisionResult result = processEngine.getDecisionService().evaluateDecisionByKey("SurveyAnswerReader")
                .variables(Variables.createVariables().putValue("rating", rating).putValue("satisfactionComment", comment))
                .evaluate();
        assertThat(result).as("a FIRST table with a catch-all rule always answers once").hasSize(1);
        return result.getSingleResult().getEntryMap();
    }
}
