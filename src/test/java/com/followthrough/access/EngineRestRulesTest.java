package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.impl.identity.Authentication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

class EngineRestRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/engine-rest/task/42/bpmnError", "/engine-rest/task/42/bpmnError/",
            "/engine-rest//task/42//bpmnError", "/engine-rest/task/42/bpmnError;x=y", "/engine-rest/task;a=b/42/bpmnError",
            "/engine-rest/task/42/%62pmnError", "/engine-rest/task/42/bpmn%45rror",
            "/engine-rest/engine/default/task/42/bpmnError",
            "/engine-rest/engine/other/task/42/bpmnError", "/engine-rest//engine/default//task/42/bpmnError/",
            "/engine-rest/%65ngine/default/task/42/bpmnError", "/engine-rest/engine;x=y/default/task/42/bpmnError"})
    void everySpellingOfAnOperationIsTheSameOperation(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setServletPath("/engine-rest");

        assertThat(EngineRestRules.operationPath(request)).isEqualTo("/task/42/bpmnError");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/engine-rest/engine", "/engine-rest/engine/"})
    void theListOfEnginesIsNoEnginesOperation(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        request.setServletPath("/engine-rest");

        assertThat(EngineRestRules.operationPath(request)).isEqualTo("/engine");
    }

    /** Production's deployer groups hold on Cockpit's and Tasklist's engine API too, for a designer signed in there. */
    @ParameterizedTest
    @ValueSource(strings = {"designers", ""})
    void onlyTheDeployerGroupsDeployThroughTheWebappsEngineApi(String group) throws Exception {
        EngineRestRules rules = new EngineRestRules(request -> group.isEmpty() ? Optional.empty()
                : Optional.of(new Authentication("dana", List.of(group))), (task, caller) -> false, new ObjectMapper(),
                List.of("camunda-admin"));
        MockHttpServletRequest request = new MockHttpServletRequest("POST",
                "/camunda/api/engine/engine/default/deployment/create");
        request.setServletPath("/camunda/api/engine");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        rules.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("Deployments are made by camunda-admin");
        assertThat(chain.getRequest()).isNull();
    }
}
