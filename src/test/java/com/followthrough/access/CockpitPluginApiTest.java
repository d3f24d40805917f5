package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * Cockpit's own API ({@code /camunda/api/cockpit/plugin/base/default/...}) answers any webapp session, not only
 * Cockpit's (Camunda's filter asks for a signed-in user, not for the Cockpit application): an agent signed in to
 * Tasklist, or a designer in Cockpit, reaches its case and incident lists. The engine's grants decide what they show:
 * nothing of a case to whoever may not read it, the case and its incident to supervisors and analysts.
 */
@FollowThroughSpringTest
class CockpitPluginApiTest {

    private static final String PLUGIN = "/camunda/api/cockpit/plugin/base/default";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final AppHttp http;
    private final ObjectMapper json = new ObjectMapper();

    CockpitPluginApiTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @ParameterizedTest
    @CsvSource({"anna, tasklist, false", "jonas, tasklist, false", "sam, tasklist, false", "dana, cockpit, false",
            "maria, cockpit, true", "alex, cockpit, true"})
    void cockpitsCaseAndIncidentListsShowACaseOnlyToWhoReadsIt(String user, String app, boolean readsCases)
            throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String execution = engine.getTaskService().createTaskQuery().processInstanceId(c.instance.getId()).list()
                .get(0).getExecutionId();
        engine.getRuntimeService().createIncident("failedJob", execution, "probe",
                "Message for case " + c.reference + ": not delivered");
        AppHttp.WebappSession session = http.signIn(app, user);

        HttpResponse<String> cases = session.postJson(PLUGIN + "/process-instance",
                "{\"processDefinitionId\":\"" + c.instance.getProcessDefinitionId() + "\"}");
        HttpResponse<String> incidents = session.postJson(PLUGIN + "/incident",
                "{\"processInstanceIdIn\":[\"" + c.instance.getId() + "\"]}");

        assertThat(cases.statusCode()).as(cases.body()).isEqualTo(200);
        assertThat(incidents.statusCode()).as(incidents.body()).isEqualTo(200);
        if (readsCases) {
            assertThat(json.readTree(cases.body()).findValuesAsText("businessKey")).contains(c.reference);
            assertThat(incidents.body()).contains("Message for case " + c.reference);
        } else {
            assertThat(json.readTree(cases.body())).isEmpty();
            assertThat(json.readTree(incidents.body())).isEmpty();
        }
    }
}
