package com.followthrough.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.cockpit.CockpitBrowser;
import com.followthrough.tasklist.TasklistBrowser;

/**
 * Camunda 7.24 community edition shows "It is time to migrate to Camunda 8 ..." in a red strip above every webapp's
 * header. It is not the support team's to act on: each webapp's {@code styles/user-styles.css} (Camunda's place for a
 * product's styles) hides it. An agent in Tasklist, an analyst in Cockpit and the administrator in Admin and Welcome
 * read no word of Camunda 8, and still see their header (the webapp, its menus, their name) with the page right
 * under it.
 */
@FollowThroughSpringTest
class NoMigrationNoticeInWebappsTest {

    @RegisterExtension
    static TasklistBrowser tasklist = new TasklistBrowser();

    @RegisterExtension
    static CockpitBrowser cockpit = new CockpitBrowser();

    @RegisterExtension
    static StockWebappBrowser webapp = new StockWebappBrowser();

    @Test
    void agentInTasklist() {
        tasklist.logInAs("anna");
        assertTheHeaderWithoutTheNotice(tasklist, "Camunda Tasklist", "Start process", "Anna Clarke");
        tasklist.screenshot("tasklist");
    }

    @Test
    void analystInCockpit() {
        cockpit.logInAs("alex").openDashboard();
        assertTheHeaderWithoutTheNotice(cockpit, "Camunda Cockpit", "Processes", "Alex Moreau");
        cockpit.screenshot("cockpit");
    }

    @Test
    void administratorInAdminAndWelcome() {
        webapp.logInToAdminAs("demo");
        assertTheHeaderWithoutTheNotice(webapp, "Camunda Admin", "Users", "Demo Admin");
        webapp.screenshot("admin");

        webapp.logInToWelcomeAs("demo");
        assertTheHeaderWithoutTheNotice(webapp, "Camunda Welcome", "", "Demo Admin");
        webapp.screenshot("welcome");
    }

    private static void assertTheHeaderWithoutTheNotice(WebappBrowser browser, String webappName, String menu,
                                                        String userName) {
        assertThat(browser.bodyText()).as("the page").doesNotContain("Camunda 8").doesNotContain("Camunda 7 CE");
        assertThat(browser.headerText()).as("the header").contains(webappName, menu, userName);
        assertThat(browser.gapUnderHeader()).as("blank pixels between the header and the page").isZero();
    }
}
