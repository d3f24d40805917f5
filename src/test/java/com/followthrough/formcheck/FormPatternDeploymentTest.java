package com.followthrough.formcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;

/**
 * A form whose validation pattern the server cannot read as a Java regular expression is refused when it is deployed
 * (from {@code forms/} at the start, or from the Modeler), naming the form and the field, not found when a customer's
 * case is submitted: the server checks every pattern again and accepted any value for one it could not read.
 */
@FollowThroughSpringTest
class FormPatternDeploymentTest {

    @Autowired RepositoryService repositoryService;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    FormPatternDeploymentTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

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

    /**
     * What the designer sees after the Modeler's "Deploy": Camunda's own answer to a model it cannot parse, a
     * {@code 400} whose {@code message} names the form and the field, and whose {@code details} list the problem under
     * the form's file with the field's key as the element, as for a BPMN error.
     */
    @Test
    void theModelersDeployOfAnUncheckablePatternIsABadRequestNamingTheFormAndTheField() throws Exception {
        long deployments = repositoryService.createDeploymentQuery().count();

        HttpResponse<String> refused = http.deployAsModeler("dana:dana", "pattern-probe",
                Map.of("pattern-probe.form", form("^[^]+$")));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json.readTree(refused.body());
        assertThat(body.path("type").asText()).isEqualTo("ParseException");
        assertThat(body.path("message").asText())
                .contains("pattern-probe.form", "\"Order number\" (orderNumber)", "^[^]+$");
        JsonNode problem = body.at("/details/pattern-probe.form/errors/0");
        assertThat(problem.path("mainElementId").asText()).isEqualTo("orderNumber");
        assertThat(problem.path("message").asText()).contains("\"Order number\" (orderNumber)", "^[^]+$");
        assertThat(repositoryService.createDeploymentQuery().count()).as("nothing deployed").isEqualTo(deployments);
    }

    @Test
    void aPatternJavaReadsIsDeployed() {
        String id = repositoryService.createDeployment().name("pattern-probe")
                .addString("pattern-probe.form", form("^[A-Z]{2}-\\\\d+$")).deploy().getId();
        repositoryService.deleteDeployment(id, true);
    }
}
