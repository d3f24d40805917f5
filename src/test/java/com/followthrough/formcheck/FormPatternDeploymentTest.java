package com.followthrough.formcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.FollowThroughSpringTest;

/**
 * A form whose validation pattern the server cannot read as a Java regular expression is refused when it is deployed
 * (from {@code forms/} at the start, or from the Modeler), naming the form and the field, not found when a customer's
 * case is submitted: the server checks every pattern again and accepted any value for one it could not read.
 */
@FollowThroughSpringTest
class FormPatternDeploymentTest {

    @Autowired RepositoryService repositoryService;

    private static String form(String pattern) {
        return """
                {"id": "pattern-probe", "type": "default", "components": [
                  {"type": "textfield", "key": "orderNumber", "label": "Order number",
                   "validate": {"pattern": "%s"}}]}""".formatted(pattern);
    }

    @Test
    void aPatternJavaCannotReadIsRefusedAtDeploymentNamingTheFormAndTheField() {
        // "[^]" is any character to JavaScript, so Tasklist takes it; Java reads an unclosed class.
        assertThatThrownBy(() -> repositoryService.createDeployment().name("pattern-probe")
                .addString("pattern-probe.form", form("^[^]+$")).deploy())
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("pattern-probe.form")
                .hasMessageContaining("\"Order number\" (orderNumber)")
                .hasMessageContaining("^[^]+$");
        assertThat(repositoryService.createDeploymentQuery().deploymentName("pattern-probe").count()).isZero();
    }

    @Test
    void aPatternJavaReadsIsDeployed() {
        String id = repositoryService.createDeployment().name("pattern-probe")
                .addString("pattern-probe.form", form("^[A-Z]{2}-\\\\d+$")).deploy().getId();
        repositoryService.deleteDeployment(id, true);
    }
}
