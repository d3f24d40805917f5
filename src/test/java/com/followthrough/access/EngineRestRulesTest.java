package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

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
}
