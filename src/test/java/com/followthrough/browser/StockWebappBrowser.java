package com.followthrough.browser;

import org.openqa.selenium.By;

/**
 * Camunda's webapps that carry nothing of ours, Admin and Welcome (where {@code /} leads), in Debian's headless
 * Chromium: a test logs in and reads what every webapp shows, such as the header. Tasklist and Cockpit have browsers
 * of their own.
 *
 * <pre>
 * &#64;RegisterExtension static StockWebappBrowser webapp = new StockWebappBrowser();
 * </pre>
 */
public class StockWebappBrowser extends WebappBrowser {

    public StockWebappBrowser() {
        super("Webapp");
    }

    /** Logs in to Admin as a demo user (the password is the user id) and waits for its dashboard. */
    public StockWebappBrowser logInToAdminAs(String user) {
        logIn("/camunda/app/admin/default/", user, By.cssSelector(".dashboard"));
        return this;
    }

    /** Logs in to Welcome as a demo user and waits for the webapps it offers them. */
    public StockWebappBrowser logInToWelcomeAs(String user) {
        logIn("/camunda/app/welcome/default/", user, By.cssSelector(".webapps"));
        return this;
    }
}
