package com.followthrough.tasklist;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.followthrough.browser.WebappBrowser;

/**
 * Camunda Tasklist in Debian's headless Chromium, driven as a person would: log in, open a filter, open a task,
 * claim it, fill its Camunda Form by the labels on the screen, complete it. One browser per test class; the browser,
 * the login and the screenshots are {@link WebappBrowser}'s.
 *
 * <pre>
 * &#64;RegisterExtension static TasklistBrowser browser = new TasklistBrowser();
 * </pre>
 */
public class TasklistBrowser extends WebappBrowser {

    public TasklistBrowser() {
        super("Tasklist");
    }

    /** A Tasklist in a browser whose clock runs in {@code browserZone}, not the support team's. */
    public TasklistBrowser(java.time.ZoneId browserZone) {
        super("Tasklist", java.util.Optional.of(browserZone));
    }

    // --- a person in Tasklist --------------------------------------------------------------------------------------

    /** Logs in to Tasklist as a demo user (the password is the user id); whoever was logged in is logged out. */
    public TasklistBrowser logInAs(String user) {
        logIn("/camunda/app/tasklist/default/", user, By.cssSelector(".task-filters .task-filter"));
        return this;
    }

    /** The names of the filters in the left column, as the user sees them. */
    public List<String> filterNames() {
        return wait.until(d -> {
            List<String> names = d.findElements(By.cssSelector(".task-filters .task-filter")).stream()
                    .map(TasklistBrowser::filterName).toList();
            return names.isEmpty() ? null : names;
        });
    }

    public TasklistBrowser openFilter(String name) {
        WebElement filter = waitFor(() -> "the filter '" + name + "' among " + filterNames())
                .until(d -> d.findElements(By.cssSelector(".task-filters .task-filter")).stream()
                        .filter(f -> filterName(f).equals(name)).findFirst().orElse(null));
        filter.findElement(By.cssSelector("h4.name a")).click();
        wait.until(d -> d.findElements(By.cssSelector(".task-filters .task-filter.active")).stream()
                .anyMatch(f -> filterName(f).equals(name)));
        waitForTaskList();
        return this;
    }

    /**
     * Narrows the open filter's list to one case, as a person types the reference into Tasklist's search ("Business
     * Key" = reference: every instance a case runs has it). Tasklist shows 15 tasks a page, and a long-lived list
     * (anna's, in a suite of many cases) hides the case a test is about on a later page.
     */
    public TasklistBrowser searchCase(String caseReference) {
        String search = "[{\"type\":\"processInstanceBusinessKey\",\"operator\":\"eq\",\"value\":\"" + caseReference
                + "\"}]";
        String url = driver().getCurrentUrl().replaceAll("([?&])searchQuery=[^&]*&?", "$1").replaceAll("[?&]$", "");
        driver().get(url + (url.contains("?") ? "&" : "?") + "searchQuery="
                + java.net.URLEncoder.encode(search, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        waitFor(() -> "only tasks of case " + caseReference + " in the list, which shows: " + taskCards())
                .until(d -> !d.findElements(By.cssSelector("[cam-widget-search-pill]")).isEmpty()
                        && taskCards().stream().allMatch(card -> card.contains(caseReference)));
        return this;
    }

    /**
     * The reason the server gave for refusing the form, as the person reads it at the top of the task (our Tasklist
     * script {@code refusal-notice.js} keeps it there; Tasklist's own notification is gone within a second).
     */
    public String refusal() {
        return waitFor(() -> "the reason for the refusal at the top of the task").until(d ->
                d.findElements(By.cssSelector(".task-details .ft-refusal")).stream()
                        .map(WebElement::getText).filter(text -> !text.isBlank()).findFirst().orElse(null));
    }

    /**
     * What the header of the task list says the list is sorted by, once it names {@code expected}; it says otherwise
     * (say "Created") and the wait ends in a failure that shows what it said.
     */
    public List<String> sortedBy(String expected) {
        return waitFor(() -> "the list's header to name '" + expected + "'; it says: "
                + texts(By.cssSelector("[cam-sorting-choices] li.sorting-choice")))
                .until(d -> {
                    List<String> by = texts(By.cssSelector("[cam-sorting-choices] li.sorting-choice")).stream()
                            .map(String::trim).filter(text -> !text.isEmpty()).toList();
                    return by.stream().anyMatch(text -> text.contains(expected)) ? by : null;
                });
    }

    /** The tasks in the list of the open filter, each as the text of its card (name, case, customer, ...). */
    public List<String> taskCards() {
        waitForTaskList();
        return texts(By.cssSelector(".tasks-list li.task"));
    }

    /**
     * Opens a task listed in the open filter. The list does not show which case a task belongs to (see
     * {@link #taskCard(String)}), so the test names the task it means by its id; the person sees its name.
     */
    public TasklistBrowser openTask(String taskName, String taskId) {
        WebElement card = taskCard(taskId);
        assertCard(card, taskName);
        WebElement link = card.findElement(By.cssSelector("h4.task a"));
        scrollIntoView(link);
        wait.until(ExpectedConditions.elementToBeClickable(link)).click();
        waitFor(() -> "the task '" + taskName + "' to open")
                .until(d -> d.findElements(By.cssSelector(".task-details")).stream()
                        .anyMatch(details -> details.getText().contains(taskName)));
        return this;
    }

    /** The card of that task in the list of the open filter: its name, process, due date, priority. */
    public WebElement taskCard(String taskId) {
        waitForTaskList();
        return waitFor(() -> "the task " + taskId + " in the list, which shows: " + taskCards())
                .until(d -> d.findElements(By.cssSelector(".tasks-list li.task")).stream()
                        .filter(t -> !t.findElements(By.cssSelector("a[href='#/?task=" + taskId + "']")).isEmpty())
                        .findFirst().orElse(null));
    }

    /** Whether the list of the open filter shows that task, once Tasklist has loaded the list. */
    public boolean hasTaskCard(String taskId) {
        waitForTaskList();
        return !driver().findElements(By.cssSelector(".tasks-list li.task a[href='#/?task=" + taskId + "']")).isEmpty();
    }

    private static void assertCard(WebElement card, String taskName) {
        String name = card.findElement(By.cssSelector("h4.task")).getText().trim();
        if (!name.equals(taskName)) {
            throw new AssertionError("expected the task '" + taskName + "' in the list, but it reads '" + name + "'");
        }
    }

    /** Claims the open task; only then does Tasklist show its form. */
    public TasklistBrowser claim() {
        clickWhenReady(By.cssSelector(".task-details .claim"));
        waitForForm();
        return this;
    }

    /** Gives the open task back to its queue (the ✕ beside one's own name) and waits for its Claim button. */
    public TasklistBrowser unclaim() {
        clickWhenReady(By.cssSelector(".task-details button.unclaim"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-details .claim")));
        return this;
    }

    /** Starts a process from the header's "Start process", by its name, and waits for its start form. */
    public TasklistBrowser startProcess(String processName) {
        clickWhenReady(By.cssSelector(".start-process-action a"));
        // The dialog fades in: a click while it is still moving can miss. Click again until the start form shows.
        for (int attempt = 1; ; attempt++) {
            WebElement process = waitFor(() -> "the process '" + processName + "' under Start process")
                    .until(d -> d.findElements(By.cssSelector(".modal-body a"))
                            .stream().filter(a -> a.getText().trim().equals(processName)).findFirst().orElse(null));
            wait.until(ExpectedConditions.elementToBeClickable(process)).click();
            try {
                new WebDriverWait(driver(), Duration.ofSeconds(5))
                        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
                return this;
            } catch (TimeoutException notYet) {
                if (attempt == 3) {
                    throw notYet;
                }
            }
        }
    }

    /**
     * Types into the form field with that label (text field, text area, number, date or time). Form-js may render the
     * form again while its variables arrive, which drops what was typed before: a text is typed again until it stays.
     * A date or time field may refuse a value (a day that has passed), so its value is not insisted on.
     */
    public TasklistBrowser fill(String label, String value) {
        for (int attempt = 1; ; attempt++) {
            try {
                WebElement input = field(label);
                input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
                input.sendKeys(value);
                if (!holdsText(input) || settles(() -> value.equals(field(label).getAttribute("value"))) || attempt == 3) {
                    return this;
                }
            } catch (StaleElementReferenceException rendered) {
                if (attempt == 3) {
                    throw rendered;
                }
            }
        }
    }

    /** Picks an option of a select, radio group or checkbox group, by the label of the field and of the option. */
    public TasklistBrowser choose(String label, String option) {
        for (int attempt = 1; ; attempt++) {
            try {
                pick(label, option);
                if (settles(() -> isChosen(label, option)) || attempt == 3) {
                    return this;
                }
            } catch (StaleElementReferenceException rendered) {
                if (attempt == 3) {
                    throw rendered;
                }
            }
        }
    }

    private void pick(String label, String option) {
        WebElement field = fieldContainer(label);
        scrollIntoView(field);
        List<WebElement> choices = field.findElements(By.cssSelector("label.fjs-form-field-label"));
        Optional<WebElement> radio = choices.stream().filter(c -> c.getText().trim().equals(option)).findFirst();
        if (radio.isPresent()) {
            scrollIntoView(radio.get());
            wait.until(ExpectedConditions.elementToBeClickable(radio.get())).click();
            return;
        }
        field.findElement(By.cssSelector(".fjs-select-display")).click();
        WebElement item = wait.until(d -> field.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
                .filter(i -> i.getText().trim().equals(option)).findFirst().orElse(null));
        item.click();
    }

    private boolean isChosen(String label, String option) {
        WebElement field = fieldContainer(label);
        Optional<WebElement> radio = field.findElements(By.cssSelector("label.fjs-form-field-label")).stream()
                .filter(c -> c.getText().trim().equals(option)).findFirst();
        if (radio.isPresent()) {
            String id = radio.get().getAttribute("for");
            return id == null || driver().findElement(By.id(id)).isSelected();
        }
        return field.findElements(By.cssSelector(".fjs-select-display")).stream()
                .anyMatch(display -> display.getText().trim().equals(option));
    }

    /** A text the field keeps as typed; a date or time picker may turn it down or write it its own way. */
    private static boolean holdsText(WebElement input) {
        return input.findElements(By.xpath("ancestor::*[contains(@class,'fjs-form-field-datetime')]")).isEmpty();
    }

    /** Whether the condition holds within two seconds. */
    private boolean settles(java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(driver(), Duration.ofSeconds(2)).ignoring(StaleElementReferenceException.class)
                    .until(d -> condition.getAsBoolean());
            return true;
        } catch (TimeoutException notSettled) {
            return false;
        }
    }

    /** Presses the form's submit button: "Complete" on a task, "Start" on a start form. */
    public TasklistBrowser submit(String buttonText) {
        dismissNotifications();
        WebElement button = wait.until(d -> d.findElements(By.cssSelector("button")).stream()
                .filter(b -> b.isDisplayed() && b.getText().trim().equals(buttonText)).findFirst().orElse(null));
        scrollIntoView(button);
        wait.until(ExpectedConditions.elementToBeClickable(button)).click();
        return this;
    }

    /**
     * Clicks the button as a person would, with whatever the page shows over it: a notification covering it makes
     * the click fail instead of being closed first.
     */
    public TasklistBrowser press(String buttonText) {
        WebElement button = wait.until(d -> d.findElements(By.cssSelector("button")).stream()
                .filter(b -> b.isDisplayed() && b.getText().trim().equals(buttonText)).findFirst().orElse(null));
        scrollIntoView(button);
        button.click();
        return this;
    }

    /** Completes the open task with {@link #press} and waits until Tasklist has taken its form away. */
    public TasklistBrowser pressComplete() {
        press("Complete");
        waitFor(() -> "the completed task's form to go away; the page says: " + notifications())
                .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".task-details .fjs-form")));
        return this;
    }

    /**
     * The texts of the alerts visible on the page (Tasklist's notifications and our refusal notice), once a closed
     * notification has had three seconds to fade out.
     */
    public List<String> visibleAlerts() {
        settles(() -> shownAlerts().size() <= 1);
        return shownAlerts();
    }

    private List<String> shownAlerts() {
        return driver().findElements(By.cssSelector(".alert")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText).filter(text -> !text.isBlank()).toList();
    }

    /** The validation messages the form shows under its fields, once there are any. */
    public List<String> formErrors() {
        return waitFor(() -> "a validation message on the form").until(d -> {
            List<String> errors = texts(By.cssSelector(".fjs-form-field-error")).stream()
                    .filter(text -> !text.isBlank()).toList();
            return errors.isEmpty() ? null : errors;
        });
    }

    /** What the form field with that label holds now. */
    public String valueOf(String label) {
        return field(label).getAttribute("value");
    }

    public boolean isEnabled(String buttonText) {
        return driver().findElements(By.cssSelector("button")).stream()
                .filter(b -> b.isDisplayed() && b.getText().trim().equals(buttonText))
                .findFirst().map(WebElement::isEnabled).orElse(false);
    }

    /** Completes the open task and waits until Tasklist has taken its form away. */
    public TasklistBrowser complete() {
        submit("Complete");
        waitFor(() -> "the completed task's form to go away; the page says: " + notifications())
                .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".task-details .fjs-form")));
        return this;
    }

    /** Starts the process from its start form and waits until Tasklist has closed the form. */
    public TasklistBrowser start() {
        submit("Start");
        waitFor(() -> "the start form to close; the page says: " + notifications())
                .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-dialog")));
        return this;
    }

    /** The reference of the case just started, as shown at the top of the page (our script case-started.js). */
    public String startedCaseReference() {
        return waitFor(() -> "the started case's reference at the top of the page; the page says: " + notifications())
                .until(d -> d.findElements(By.cssSelector(".ft-case-started .ft-case-reference")).stream()
                        .filter(WebElement::isDisplayed).map(WebElement::getText).filter(text -> !text.isBlank())
                        .findFirst().orElse(null));
    }

    /** The whole notice with the started case's reference: the reference and what comes next. */
    public String startedCaseNotice() {
        startedCaseReference();
        return texts(By.cssSelector(".ft-case-started")).stream().filter(text -> !text.isBlank()).findFirst().orElse("");
    }

    /** Closes the notice with the started case's reference, as the agent does once the caller has it. */
    public TasklistBrowser closeStartedCaseNotice() {
        clickWhenReady(By.cssSelector(".ft-case-started button.close"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".ft-case-started")));
        return this;
    }

    /** The notifications Tasklist shows (errors of a refused completion, for example). */
    public List<String> notifications() {
        return texts(By.cssSelector(".notifications .alert, .fjs-form-field-error"));
    }

    /** Closes Tasklist's notifications, which cover the buttons at the bottom right until they fade. */
    public void dismissNotifications() {
        for (WebElement close : driver().findElements(By.cssSelector(".page-notifications .alert button.close.ng-scope"))) {
            try {
                if (close.isDisplayed()) {
                    close.click();
                }
            } catch (StaleElementReferenceException gone) {
                // it faded by itself
            }
        }
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".page-notifications .alert")));
    }

    @Override
    public TasklistBrowser waitForText(String text) {
        super.waitForText(text);
        return this;
    }

    /** Tasklist's notifications cover the buttons at the bottom right until they fade. */
    @Override
    protected void beforeScreenshot() {
        dismissNotifications();
    }

    // --- finding things --------------------------------------------------------------------------------------------

    private WebElement field(String label) {
        WebElement labelElement = waitFor(() -> "a form field labelled '" + label + "'")
                .until(d -> d.findElements(By.cssSelector("label.fjs-form-field-label")).stream()
                        .filter(l -> l.isDisplayed() && withoutAsterisk(l.getText()).equals(label)).findFirst().orElse(null));
        String id = labelElement.getAttribute("for");
        WebElement input = driver().findElement(By.id(id));
        scrollIntoView(input);
        return input;
    }

    private WebElement fieldContainer(String label) {
        return waitFor(() -> "a form field labelled '" + label + "'")
                .until(d -> d.findElements(By.cssSelector(".fjs-form-field")).stream()
                        .filter(f -> f.isDisplayed() && f.findElements(By.cssSelector("label.fjs-form-field-label, legend"))
                                .stream().findFirst().map(l -> withoutAsterisk(l.getText()).equals(label)).orElse(false))
                        .findFirst().orElse(null));
    }

    private void waitForForm() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
    }

    private void waitForTaskList() {
        wait.until(d -> d.findElements(By.cssSelector(".tasks-list .loader, .tasks-list .loading-indicator")).stream()
                .noneMatch(WebElement::isDisplayed));
    }

    /** The filter's name without the task counter that Tasklist shows beside the open filter. */
    private static String filterName(WebElement filter) {
        try {
            return filter.findElement(By.cssSelector("h4.name a")).getText().trim().replaceAll("\\s*\\d+$", "");
        } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return "";
        }
    }

    private static String withoutAsterisk(String text) {
        String trimmed = text.trim();
        return trimmed.endsWith("*") ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed;
    }
}
