package com.followthrough.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * One of Camunda's webapps in Debian's headless Chromium, for a browser test: the browser (one per test class), the
 * login, waiting for what a person waits for, and screenshots. Nothing is downloaded: the driver is
 * {@code /usr/bin/chromedriver} (package chromium-driver), so Selenium Manager stays idle. Each key screen is kept as
 * {@code target/screenshots/<test>/<nn>-<step>.png}; a failed test also leaves {@code failure-<webapp>.png} and
 * {@code failure-<webapp>.html} there. Subclasses speak the language of one webapp (Tasklist, Cockpit).
 */
public abstract class WebappBrowser
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterTestExecutionCallback {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final String appName;
    /** The zone the browser's clock and date pickers live in (Chromium reads {@code TZ}); empty: the machine's. */
    private final Optional<ZoneId> browserZone;
    private ChromeDriver driver;
    protected WebDriverWait wait;
    private Path userDataDir;
    private String baseUrl;
    private Path screenshots;
    private int step;

    /** @param appName how failures name the webapp, e.g. "Tasklist" */
    protected WebappBrowser(String appName) {
        this(appName, Optional.empty());
    }

    /** @param browserZone the time zone the browser runs in, as an agent's computer abroad would */
    protected WebappBrowser(String appName, Optional<ZoneId> browserZone) {
        this.appName = appName;
        this.browserZone = browserZone;
    }

    // --- lifecycle -------------------------------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Browser tests need Debian's Chromium and its driver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + ". Install them: apt-get install chromium chromium-driver");
        }
        // Selenium Manager would look for (and download) a driver unless it is told where it is.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        userDataDir = Files.createTempDirectory(appName.toLowerCase() + "-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1600,1000", "--lang=en-US", "--user-data-dir=" + userDataDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withEnvironment(browserZone.map(zone -> Map.of("TZ", zone.getId())).orElse(Map.of())).build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, PATIENCE);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String port = SpringExtension.getApplicationContext(context).getEnvironment().getProperty("local.server.port");
        baseUrl = "http://localhost:" + port;
        screenshots = SCREENSHOTS.resolve(context.getRequiredTestMethod().getName());
        step = 0;
        deleteQuietly(screenshots);
        driver.manage().deleteAllCookies();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Optional<Throwable> failure = context.getExecutionException();
        if (failure.isPresent() && driver != null) {
            try {
                Files.createDirectories(screenshots);
                // One pair per webapp: a test with Tasklist and Cockpit keeps both.
                String dump = "failure-" + appName.toLowerCase(Locale.ROOT);
                Files.writeString(screenshots.resolve(dump + ".html"), "<!-- " + driver.getCurrentUrl() + " -->\n"
                        + driver.getPageSource(), StandardCharsets.UTF_8);
                Files.write(screenshots.resolve(dump + ".png"), driver.getScreenshotAs(OutputType.BYTES));
                System.err.println(appName + " at the failure: "
                        + screenshots.toAbsolutePath().resolve(dump + ".png") + " and " + dump + ".html ("
                        + driver.getCurrentUrl() + ")");
            } catch (RuntimeException | IOException e) {
                failure.get().addSuppressed(e);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
        if (userDataDir != null) {
            deleteQuietly(userDataDir);
        }
    }

    // --- a person in a webapp --------------------------------------------------------------------------------------

    /**
     * Opens the webapp's page (e.g. "/camunda/app/tasklist/default/") and logs in as a demo user (the password is the
     * user id); whoever was logged in is logged out. Waits until the element that shows the app is ready.
     */
    protected void logIn(String appPath, String user, By ready) {
        // The login form can take keys before its Angular model is bound, which sends an empty name: try again then.
        // A webapp's first page on a busy machine can also stay blank past the patience: load it again then.
        for (int attempt = 1; ; attempt++) {
            driver.manage().deleteAllCookies();
            driver.get(baseUrl + appPath);
            WebElement name;
            try {
                name = wait.until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("input[ng-model='username']")));
            } catch (TimeoutException noLoginForm) {
                if (attempt == 3) {
                    throw noLoginForm;
                }
                continue;
            }
            name.sendKeys(user);
            WebElement password = driver.findElement(By.cssSelector("input[ng-model='password']"));
            password.sendKeys(user);
            driver.findElement(By.cssSelector("button[type='submit']")).click();
            try {
                new WebDriverWait(driver, attempt == 3 ? PATIENCE : Duration.ofSeconds(10))
                        .until(ExpectedConditions.visibilityOfElementLocated(ready));
                return;
            } catch (TimeoutException notLoggedIn) {
                if (attempt == 3) {
                    throw notLoggedIn;
                }
            }
        }
    }

    /** Waits until the page shows the text (e.g. a task name, a validation message, a notification). */
    public WebappBrowser waitForText(String text) {
        if (!text.isEmpty()) {
            waitFor(() -> "the text '" + text + "' on " + driver.getCurrentUrl())
                    .until(d -> bodyText().contains(text));
        }
        return this;
    }

    public String bodyText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (StaleElementReferenceException e) {
            return "";
        }
    }

    /** What the header at the top of the webapp shows (its name, its menus, the user's name), as the person reads it. */
    public String headerText() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header]")))
                .getText();
    }

    /**
     * How many pixels of blank page lie between the header's bottom edge and the top of the page's content: 0 when
     * the content starts right under the header.
     */
    public long gapUnderHeader() {
        return ((Number) ((JavascriptExecutor) driver).executeScript("""
                const header = document.querySelector('[cam-widget-header]').getBoundingClientRect().bottom;
                const content = document.querySelector('.page-wrap, .ctn-main');
                const top = content ? content.getBoundingClientRect().top
                    : parseFloat(getComputedStyle(document.body).paddingTop);
                return Math.round(top - header);""")).longValue();
    }

    /** Keeps the screen as {@code target/screenshots/<test>/<nn>-<name>.png}; returns the file. */
    public Path screenshot(String name) {
        beforeScreenshot();
        try {
            Files.createDirectories(screenshots);
            Path file = screenshots.resolve(String.format("%02d-%s.png", ++step, name));
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sizes the window so that the page itself (what a screenshot shows) is {@code width} by {@code height} pixels:
     * the window's frame takes its share of {@code --window-size}, more or less by Chromium's version.
     */
    public void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        List<Number> inner = innerSize();
        driver.manage().window().setSize(new Dimension(2 * width - inner.get(0).intValue(),
                2 * height - inner.get(1).intValue()));
    }

    /**
     * Moves the mouse to the page's bottom right corner and takes the keyboard focus off what was clicked last, so
     * that no tooltip and no focus ring shows where the person last clicked.
     */
    public void handsOff() {
        ((JavascriptExecutor) driver).executeScript("if (document.activeElement) document.activeElement.blur()");
        List<Number> inner = innerSize();
        new Actions(driver).moveToLocation(inner.get(0).intValue() - 5, inner.get(1).intValue() - 5).perform();
    }

    /** The page's width and height in pixels, without the window's frame. */
    @SuppressWarnings("unchecked")
    private List<Number> innerSize() {
        return (List<Number>) ((JavascriptExecutor) driver)
                .executeScript("return [window.innerWidth, window.innerHeight]");
    }

    /** Clears what would cover the screen in a screenshot; nothing by default. */
    protected void beforeScreenshot() {
    }

    public WebDriver driver() {
        return driver;
    }

    protected String baseUrl() {
        return baseUrl;
    }

    // --- finding things --------------------------------------------------------------------------------------------

    /** A wait whose failure says what the test waited for. */
    protected WebDriverWait waitFor(Supplier<String> what) {
        WebDriverWait described = new WebDriverWait(driver, PATIENCE);
        described.withMessage(what);
        return described;
    }

    protected void scrollIntoView(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    protected void clickWhenReady(By by) {
        scrollIntoView(wait.until(ExpectedConditions.presenceOfElementLocated(by)));
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    protected List<String> texts(By by) {
        return driver.findElements(by).stream().map(e -> {
            try {
                return e.getText().trim();
            } catch (StaleElementReferenceException stale) {
                return "";
            }
        }).toList();
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // old screenshots or a temporary profile left behind do no harm
        }
    }
}
