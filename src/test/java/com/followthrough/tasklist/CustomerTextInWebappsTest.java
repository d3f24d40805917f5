package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AsyncSteps;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.cockpit.CockpitBrowser;
import com.followthrough.organization.TasklistFilters;
import com.followthrough.vocabulary.Processes;
import com.sun.net.httpserver.HttpServer;

/**
 * A customer writes markup that would make a browser fetch from a tracker (a Markdown image, an HTML image, a link, a
 * bare URL) into the description, the subject and a message. The agent opens the task in Tasklist and an analyst the
 * case in Cockpit: the text shows as typed, and the tracker (a local HTTP server that counts every request) is never
 * asked for anything.
 */
@FollowThroughSpringTest
class CustomerTextInWebappsTest {

    @RegisterExtension
    static TasklistBrowser tasklist = new TasklistBrowser();

    @RegisterExtension
    static CockpitBrowser cockpit = new CockpitBrowser();

    @Autowired ProcessEngine engine;

    private final AppHttp http;
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> trackerHits = new CopyOnWriteArrayList<>();
    private HttpServer tracker;

    CustomerTextInWebappsTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @BeforeEach
    void startTracker() throws Exception {
        ClockUtil.reset();
        tracker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tracker.createContext("/", exchange -> {
            trackerHits.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        tracker.start();
    }

    @AfterEach
    void stopTracker() {
        tracker.stop(0);
    }

    @Test
    void markupThatWouldFetchFromATrackerShowsAsTextAndNothingIsFetched() throws Exception {
        String at = "http://127.0.0.1:" + tracker.getAddress().getPort();
        String description = "My invoice is wrong. ![x](" + at + "/description.png) <img src=\"" + at
                + "/description-img.png\"> [click me](" + at + "/description-link) " + at + "/bare";
        String subject = "Invoice <img src=\"" + at + "/subject.png\"> wrong";
        String message = "Any news? ![y](" + at + "/message.png) <img src=" + at + "/message-img.png>";
        HttpResponse<String> opened = http.postJson("/api/cases", "portal:portal", json.writeValueAsString(json.createObjectNode()
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("customer", json.createObjectNode().put("name", "Tracy Tracker")
                        .put("email", "tracy@example.org").put("phone", "+1 555 0199").put("plan", "standard"))
                .put("language", "en").put("channel", "web").put("priority", "normal")
                .put("subject", subject).put("description", description)));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String reference = json.readTree(opened.body()).path("reference").asText();
        AsyncSteps.runFor(engine, reference);
        HttpResponse<String> wrote = http.postJson("/api/cases/" + reference + "/messages", "portal:portal",
                json.writeValueAsString(json.createObjectNode().put("text", message).put("channel", "web")));
        assertThat(wrote.statusCode()).as(wrote.body()).isEqualTo(202);
        AsyncSteps.runFor(engine, reference);

        tasklist.logInAs("anna").openFilter(TasklistFilters.TEAM_QUEUE).searchCase(reference)
                .openTask("Listen to Tracy Tracker — " + reference, taskOf(reference, "Task_ListenToCustomer"))
                .claim().waitForText("What the customer reported");
        settle();
        tasklist.screenshot("listen-form-with-tracker-markup");

        assertThat(trackerHits).as("requests that reached the tracker from the task's form").isEmpty();
        assertThat(tasklist.driver().findElements(By.cssSelector(".task-details img, .task-details a[href^='" + at + "']")))
                .as("images or links made from the customer's text").isEmpty();
        assertThat(tasklist.bodyText()).contains(
                "![x](" + at + "/description.png) <img src=\"" + at + "/description-img.png\"> [click me](" + at
                        + "/description-link) " + at + "/bare",
                "Invoice <img src=\"" + at + "/subject.png\"> wrong",
                "Any news? ![y](" + at + "/message.png) <img src=" + at + "/message-img.png>");

        // Written before anyone listened, the message is on the Listen form above; once anna has listened, the
        // customer's next message gets an answer task of its own.
        engine.getTaskService().complete(taskOf(reference, "Task_ListenToCustomer"), Map.of(
                "problemInCustomersWords", "Invoice wrong", "factsGathered", "Amount differs from the order",
                "questionsAsked", "Which invoice?", "preferredContactChannel", "phone", "callbackNumber", "+1 555 0199",
                "discountRequested", false, "spokeToCustomer", "yes"));
        wrote = http.postJson("/api/cases/" + reference + "/messages", "portal:portal",
                json.writeValueAsString(json.createObjectNode().put("text", message).put("channel", "web")));
        assertThat(wrote.statusCode()).as(wrote.body()).isEqualTo(202);
        AsyncSteps.runFor(engine, reference);
        tasklist.openFilter(TasklistFilters.MY_TASKS).searchCase(reference)
                .openTask("Answer Tracy Tracker — " + reference, taskOf(reference, "Task_AnswerCustomerMessage"))
                .waitForText("The customer wrote");
        settle();
        assertThat(trackerHits).as("requests that reached the tracker from the answer's form").isEmpty();
        assertThat(tasklist.bodyText()).contains("Any news? ![y](" + at + "/message.png) <img src=" + at + "/message-img.png>");
        tasklist.screenshot("answer-form-with-tracker-markup");
        assertThat(tasklist.driver().findElements(By.cssSelector(".task-details img, .task-details a[href^='" + at + "']")))
                .as("images or links made from the customer's message").isEmpty();
        assertThat(trackerHits).as("requests that reached the tracker from Tasklist").isEmpty();

        cockpit.logInAs("alex").openProcessInstance(processInstanceOf(reference)).waitForText(at + "/description.png");
        settle();
        cockpit.screenshot("process-instance-with-tracker-markup");
        assertThat(cockpit.driver().findElements(By.cssSelector("img[src^='" + at + "'], a[href^='" + at + "']")))
                .as("images or links made from the customer's text").isEmpty();
        assertThat(trackerHits).as("requests that reached the tracker from Tasklist or Cockpit").isEmpty();
    }

    /** Time for a browser to fetch what a page asks it to, had it asked. */
    private static void settle() throws InterruptedException {
        Thread.sleep(2_000);
    }

    private String taskOf(String reference, String taskDefinitionKey) {
        List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(taskDefinitionKey).list();
        assertThat(tasks).as("open tasks %s of case %s", taskDefinitionKey, reference).hasSize(1);
        return tasks.get(0).getId();
    }

    private String processInstanceOf(String reference) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(Processes.SUPPORT_CASE).singleResult().getId();
    }
}
