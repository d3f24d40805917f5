package com.followthrough.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.followthrough.DecisionTestEngine;

/** The team-routing decision (processes/team-routing.dmn): the customer is heard by a team that speaks their language. */
@Deployment(resources = "processes/team-routing.dmn")
class TeamRoutingDecisionTest {

    @RegisterExtension
    static ProcessEngineExtension engine = DecisionTestEngine.extension();

    /** Injected by the extension. */
    ProcessEngine processEngine;

    @ParameterizedTest(name = "{0}: customers writing in ''{1}'' go to {2}")
    @CsvSource({
            "English team, en, agents-en",
            "German team,  de, agents-de"
    })
    void eachLanguageGoesToTheTeamThatSpeaksIt(String rule, String language, String team) {
        DmnDecisionResult result = route(language);

        assertThat(result).hasSize(1);
        assertThat(result.getSingleResult().<String>getEntry("team")).isEqualTo(team);
    }

    @Test
    void aLanguageWeDoNotSupportMatchesNoTeamBecauseTheAppRejectsItBeforehand() {
        assertThat(route("fr")).isEmpty();
    }

    private DmnDecisionResult route(String language) {
        return processEngine.getDecisionService().evaluateDecisionByKey("TeamRouting")
                .variables(Variables.createVariables().putValue("language", language))
                .evaluate();
    }
}
