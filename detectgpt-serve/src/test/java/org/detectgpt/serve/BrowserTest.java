package org.detectgpt.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.detectgpt.calibrate.Verdict;
import org.detectgpt.document.DocumentReader;
import org.detectgpt.report.DocumentReport;
import org.detectgpt.report.HtmlReport;
import org.detectgpt.report.ReportContext;
import org.detectgpt.scan.DocumentScorer;
import org.detectgpt.scan.ScanResult;
import org.detectgpt.scan.BatchScan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: headless Chromium, driven through the system's chromedriver (Debian's
 * {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs), uploads the
 * repository's {@code examples/} folder and checks the rows, the counts and the highlighted view
 * against scan's own BatchScan. It saves the README's screenshots ({@code docs/serve.png}, and
 * {@code docs/report.png} of the HTML report of the same batch).
 */
class BrowserTest {
    /**
     * The samples of the repository's {@code examples/} (its files, not the {@code library/} project
     * beside them, whose build output a folder upload would also send), copied to a folder of that name.
     */
    private static Path EXAMPLES;
    private static Path examplesParent;
    private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();
    /** Selenium says at length that it has no DevTools bindings for this Chromium: the test uses none. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");
    private static DetectGptServer server;
    private static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
        examplesParent = Files.createTempDirectory("detectgpt-browser-test");
        EXAMPLES = Files.createDirectory(examplesParent.resolve("examples"));
        try (Stream<Path> s = Files.list(Path.of("..", "examples"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.copy(p, EXAMPLES.resolve(p.getFileName()));
            }
        }
        server = TestServers.start(ServeLimits.DEFAULTS);
        driver = chromium("en-US");
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (examplesParent != null) {
            TempFolders.deleteTree(examplesParent);
        }
    }

    /** @return headless Chromium through the system chromedriver; Selenium Manager never downloads one */
    private static WebDriver chromium(String language) {
        Path chromedriver = firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        Path browser = firstExisting("/usr/bin/chromium", "/usr/lib/chromium/chromium");
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        ChromeOptions o = new ChromeOptions();
        o.setBinary(browser.toFile());
        o.addArguments("--headless=new", "--window-size=1280,2300", "--lang=" + language, "--disable-gpu",
            "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-extensions",
            "--disable-component-update", "--hide-scrollbars", "--force-device-scale-factor=1");
        // navigator.languages follows this preference (headless Chromium on Linux ignores --lang)
        o.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        if ("root".equals(System.getProperty("user.name"))) {
            o.addArguments("--no-sandbox"); // Chromium's sandbox refuses to run as root (CI runs as root)
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().window().setSize(new Dimension(1280, 2300));
        return d;
    }

    private static Path firstExisting(String... paths) {
        for (String p : paths) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        throw new AssertionError("none of " + String.join(", ", paths) + " is installed: the browser test needs "
            + "Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does it)");
    }

    private static WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    @Test
    void uploadsTheExamplesFolderAndShowsTheScan() throws Exception {
        driver.get(server.url().toString());
        waiting(30).until(d -> !d.findElement(By.id("limits")).getText().isEmpty());
        assertTrue(driver.findElement(By.id("caution")).getText().contains("not proof"));

        // the folder, as "Choose a folder" sends it: unsupported files are left out, as scan does
        driver.findElement(By.id("folder")).sendKeys(EXAMPLES.toString());
        List<Path> documents;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            documents = s.filter(DocumentReader::isSupported).sorted().toList();
        }
        String chosen = driver.findElement(By.id("chosen")).getText();
        assertTrue(chosen.startsWith(documents.size() + " documents chosen"), chosen);
        assertTrue(chosen.contains("make-samples.py"), chosen);
        driver.findElement(By.id("scan")).click();
        waiting(180).until(d -> "done".equals(d.findElement(By.id("batch")).getAttribute("data-state")));
        assertEquals("Done: " + documents.size() + " documents.", driver.findElement(By.id("status")).getText());

        // the rows: one per document, with scan's verdicts
        DocumentScorer scorer = TestServers.scorer();
        ScanResult direct = BatchScan.of(scorer).scan(documents, Map.of(), r -> { });
        List<WebElement> rows = driver.findElements(By.cssSelector("#results tbody tr"));
        assertEquals(documents.size(), rows.size());
        Map<String, Integer> expected = new HashMap<>();
        for (DocumentReport r : direct.reports()) {
            expected.merge(r.label(), 1, Integer::sum);
            String name = "examples/" + Path.of(r.path()).getFileName();
            WebElement row = rows.stream().filter(tr -> tr.findElement(By.cssSelector("a.open")).getText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + name));
            assertEquals(r.label(), row.getAttribute("data-verdict"), name);
            assertEquals(r.label(), row.findElements(By.tagName("td")).get(1).getText(), name);
        }
        // the counts, as the report shows them
        for (String v : DocumentReport.LABELS) {
            WebElement li = driver.findElement(By.cssSelector("#counts li[data-verdict='" + v + "']"));
            assertEquals(Integer.toString(expected.getOrDefault(v, 0)), li.findElement(By.tagName("b")).getText(), v);
        }
        assertTrue(expected.getOrDefault(Verdict.LIKELY_MACHINE.label(), 0) > 0 && expected.getOrDefault(Verdict.LIKELY_HUMAN.label(), 0) > 0,
            "the examples hold both verdicts: " + expected);

        // sorting by verdict puts likely-machine first or last
        driver.findElement(By.cssSelector("#results th[data-key='rank']")).click();
        List<String> sorted = new ArrayList<>();
        driver.findElements(By.cssSelector("#results tbody tr")).forEach(tr -> sorted.add(tr.getAttribute("data-verdict")));
        List<String> byRank = new ArrayList<>(sorted);
        byRank.sort((a, b) -> Integer.compare(DocumentReport.LABELS.indexOf(a), DocumentReport.LABELS.indexOf(b)));
        assertEquals(byRank, sorted);

        // the highlighted view of the machine essay
        driver.findElements(By.cssSelector("#results a.open")).stream()
            .filter(a -> a.getText().equals("examples/machine-essay-claude-3-opus.docx")).findFirst().orElseThrow().click();
        waiting(30).until(d -> d.findElement(By.id("view")).isDisplayed()
            && !d.findElements(By.cssSelector("#view section.doc mark")).isEmpty());
        WebElement section = driver.findElement(By.cssSelector("#view section.doc"));
        assertTrue(section.findElement(By.tagName("h3")).getText().contains("likely-machine"), section.getText());
        assertTrue(driver.findElements(By.cssSelector("#view section.doc mark")).get(0).getText().length() > 20);

        // downloads point at scan's writers for this batch
        for (String f : List.of("html", "csv", "jsonl")) {
            assertTrue(driver.findElement(By.id("dl-" + f)).getAttribute("href").endsWith("/report." + f));
        }

        screenshot(DOCS.resolve("serve.png"));

        // Chinese interface text, then back
        driver.findElement(By.id("lang")).click();
        assertEquals("文件", driver.findElement(By.cssSelector("#results th[data-key='path']")).getText());
        assertTrue(driver.findElement(By.id("caution")).getText().contains("不是证据"));
        assertTrue(driver.findElements(By.cssSelector("#results tbody td")).stream()
            .anyMatch(td -> td.getText().equals("可能为机器生成")));
        driver.findElement(By.id("lang")).click();
        assertEquals("File", driver.findElement(By.cssSelector("#results th[data-key='path']")).getText());

        // the HTML report of the six samples (README's scan command leaves out examples/README.md),
        // for the README's report screenshot
        List<DocumentReport> named = new ArrayList<>();
        for (DocumentReport r : direct.reports()) {
            String file = Path.of(r.path()).getFileName().toString();
            if (file.startsWith("human-") || file.startsWith("machine-")) {
                named.add(r.withPath("examples/" + file));
            }
        }
        assertEquals(6, named.size());
        named.sort((a, b) -> a.path().compareTo(b.path()));
        Path report = Files.createTempFile("detectgpt-report-", ".html");
        try {
            HtmlReport.write(report, new ReportContext(scorer.models().describe(), scorer.models().criterion(),
                scorer.calibration(), scorer.minWords(), scorer.minChineseChars(), Instant.now()), named);
            driver.manage().window().setSize(new Dimension(1280, 1843));
            driver.get(report.toUri().toString());
            screenshot(DOCS.resolve("report.png"));
            assertFalse(Files.readString(report).contains(EXAMPLES.getParent().toString()), "a local path in the report");
        } finally {
            Files.deleteIfExists(report);
        }

        // a pasted text: nothing to scan says so; then one row, with scan's verdict for the same text
        driver.manage().window().setSize(new Dimension(1280, 1600));
        driver.get(server.url().toString());
        waiting(30).until(d -> !d.findElement(By.id("limits")).getText().isEmpty());
        driver.findElement(By.id("scan")).click();
        assertTrue(driver.findElement(By.id("message")).getText().startsWith("Nothing to scan"));
        Path story = EXAMPLES.resolve("machine-story-gpt-4o.txt");
        driver.findElement(By.id("text")).sendKeys(Files.readString(story));
        driver.findElement(By.id("scan")).click();
        waiting(60).until(d -> "done".equals(d.findElement(By.id("batch")).getAttribute("data-state")));
        List<WebElement> pasted = driver.findElements(By.cssSelector("#results tbody tr"));
        assertEquals(1, pasted.size());
        assertEquals("pasted-text.txt", pasted.get(0).findElement(By.cssSelector("a.open")).getText());
        String storyVerdict = direct.reports().stream().filter(r -> r.path().equals(story.toString())).findFirst()
            .orElseThrow().label();
        assertEquals(storyVerdict, pasted.get(0).getAttribute("data-verdict"));
    }

    @Test
    void speaksChineseToAChineseBrowser() {
        WebDriver zh = chromium("zh-CN");
        try {
            zh.get(server.url().toString());
            new WebDriverWait(zh, Duration.ofSeconds(30)).until(d -> !d.findElement(By.id("limits")).getText().isEmpty());
            assertEquals("zh-CN", zh.findElement(By.tagName("html")).getAttribute("lang"));
            assertEquals("检测", zh.findElement(By.id("scan")).getText());
            assertTrue(zh.findElement(By.id("caution")).getText().contains("不是证据"));
            assertEquals("English", zh.findElement(By.id("lang")).getText());
        } finally {
            zh.quit();
        }
    }

    private static void screenshot(Path to) throws IOException {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(to.getParent());
        Files.copy(shot, to, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(shot);
    }
}
