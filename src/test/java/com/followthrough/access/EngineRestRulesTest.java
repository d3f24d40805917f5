package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

class EngineRestRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/engine-rest/task/42/bpmnError", "/engine-rest/task/42/bpmnError/",
            "/engine-rest//task/42//bpmnError", "/engine-rest/task/42/bpmnError;x=y", "/engine-rest/task;a=b/42/bpmnError",
            "/engine-rest/task/42/%62pmnError", "/engine-rest/task/42/bpmn%45rror"})
    void everySpellingOfAnOperationIsTheSameOperation(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setServletPath("/engine-rest");

        assertThat(EngineRestRules.operationPath(request)).isEqualTo("/task/42/bpmnError");
    }
}
