package io.gannotebooks.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gannotebooks.util.Files2;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The four notebooks as a learner meets them: {@code ./gan lab} (Jupyter Notebook) on a free loopback port with a
 * token, headless Chromium from the system ({@code chromium}, {@code chromium-driver}), the kernel "Java (GAN
 * notebooks)" picked from the Kernel menu, every cell run from the Cell menu in the smoke profile, and the page
 * read as it is drawn: no error box, the promised images rendered as PNG data, notebook 3's dashboard redrawn
 * while training runs. And the failure paths, through the same buttons: notebook 4 before notebook 3 (one
 * readable message), the stop button during training (where it stopped, how to go on, and the cell run again
 * continues), the kernel restarted during training (the notebook run again continues from the checkpoint).
 *
 * <p>Runs only with {@code -Dgan.browser=true}: {@code ./gan test-browser}, which {@code ./gan test} calls when
 * Chromium and its driver are installed. The lab serves a copy of the notebooks in build/browser/work/, so
 * nothing it saves touches notebooks/; screenshots and the lab's log go to build/browser/.
 */
@EnabledIfSystemProperty(named = "gan.browser", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotebooksInBrowserTest {
    private static final Path ROOT = Path.of(System.getProperty("gan.root", ".")).toAbsolutePath().normalize();
    private static final Path OUT = ROOT.resolve("build/browser");
    private static final Path WORK = OUT.resolve("work");
    private static final String KERNEL = "Java (GAN notebooks)";
    private static final Duration CELL_WAIT = Duration.ofSeconds(Long.getLong("gan.browser.cellSeconds", 240));

    private Process lab;
    private String base;
    private String token;
    private ChromeDriver driver;
    private long started;

    @BeforeAll
    void startLabAndBrowser() throws Exception {
        started = System.nanoTime();
        Files2.deleteTree(OUT);
        Files.createDirectories(WORK.resolve("notebooks"));
        try (Stream<Path> notebooks = Files.list(ROOT.resolve("notebooks"))) {
            for (Path nb : notebooks.filter(p -> p.toString().endsWith(".ipynb")).toList()) {
                Files.copy(nb, WORK.resolve("notebooks").resolve(nb.getFileName()));
            }
        }
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        token = UUID.randomUUID().toString().replace("-", "");
        base = "http://127.0.0.1:" + port;
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("gan").toString(), "lab",
                "--notebook-dir=" + WORK.resolve("notebooks"), "--ip=127.0.0.1", "--port=" + port, "--port-retries=0",
                "--NotebookApp.token=" + token)
                .redirectErrorStream(true).redirectOutput(OUT.resolve("lab.log").toFile());
        pb.environment().put("GAN_PROFILE", "smoke");
        pb.environment().put("GAN_LAB", "notebook");   // the classic Notebook UI this test reads
        pb.environment().put("JUPYTER_CONFIG_DIR", WORK.resolve("jupyter-config").toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", WORK.resolve("jupyter-runtime").toString());
        lab = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        waitFor("the lab to answer on " + base + " (log: build/browser/lab.log)", Duration.ofSeconds(180), () -> {
            if (!lab.isAlive()) {
                fail("./gan lab exited with " + lab.exitValue() + ": " + tail(OUT.resolve("lab.log")));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + "/api/status?token=" + token)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("gan.chromedriver", "/usr/bin/chromedriver")).toFile())
                .withLogFile(OUT.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("gan.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + WORK.resolve("chromium-profile"));
        driver = new ChromeDriver(service, options);
        log("lab and browser up in %.0f s", seconds());
    }

    @AfterAll
    void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (lab != null) {
            lab.toHandle().descendants().forEach(ProcessHandle::destroy);
            lab.destroy();
            lab.waitFor();
        }
        log("browser test: %.0f s in all", seconds());
    }

    @Test
    @Order(1)
    void analysisBeforeTrainingSaysWhatToDo() {
        open("04-analysis.ipynb");
        pickKernel();
        runAll();
        List<WebElement> cells = cells();
        int first = cellIndex("RunFolders.trainedRun");
        List<WebElement> errors = cells.get(first).findElements(By.cssSelector(".output_error"));
        assertEquals(1, errors.size(), "the first cell shows one error box");
        String message = errors.get(0).getText();
        log("notebook 04 before 03 says: %s", message);
        assertTrue(message.contains("run notebook 03"), message);
        assertFalse(message.contains("\tat ") || message.matches("(?s).*\\bat [a-z]+\\.[a-zA-Z.$]+\\(.*"),
                "a message, not a stack trace: " + message);
        assertTrue(message.lines().count() <= 3, "a few lines at most: " + message);
        // Run All stops at the failed cell (stop_on_error; tools/kernel/rapaio-fix's ShellChannel): the cells below
        // are not run, so the page shows that one message and no error of theirs
        List<WebElement> all = driver.findElements(By.cssSelector(".output_error"));
        assertEquals(1, all.size(), "one error box on the page, the first cell's: " + texts(all));
        for (int i = first + 1; i < cells.size(); i++) {
            if (cells.get(i).getAttribute("class").contains("code_cell")) {
                assertEquals("In [ ]:", prompt(cells.get(i)), "cell " + i + ", below the failed one, did not run");
            }
        }
        screenshot(errors.get(0), "04-before-03.png");
        closeKernels();
    }

    @Test
    @Order(2)
    void maths() {
        runAndCheck("01-maths.ipynb");
    }

    @Test
    @Order(3)
    void architecture() {
        runAndCheck("02-architecture.ipynb");
    }

    /**
     * Notebook 3 as a learner runs it, with the two accidents of a long run: Run All, and the dashboard redrawn while
     * the training cell runs; the stop button (the cell says where it stopped and how to go on, Run All stops there,
     * the cell run again continues from that iteration); the kernel restarted during training (Run All again
     * continues from the checkpoint, and every cell then finishes). One pass, so the smoke run trains once in all.
     */
    @Test
    @Order(4)
    void trainingStoppedAndRestarted() {
        open("03-training.ipynb");
        pickKernel();
        int train = cellIndex("Dashboard.of(trainer)");
        startRunAll();
        WebElement cell = cells().get(train);
        // the dashboard: the same picture, redrawn by updateDisplay while the cell runs
        String first = waitForImage(cell, null);
        assertRunning(cell, "the training cell, at the first dashboard");
        String second = waitForImage(cell, first);
        assertRunning(cell, "the training cell, when its dashboard had changed");
        assertNotEquals(first, second);
        screenshot(cell.findElement(By.cssSelector(".output_png img")), "03-dashboard.png");
        log("dashboard redrawn during training (%.0f s)", seconds());

        // the stop button: the run says where it stopped and how to go on, and Run All goes no further
        driver.findElement(By.cssSelector("button[data-jupyter-action='jupyter-notebook:interrupt-kernel']")).click();
        String stopped = waitForText(cell, Pattern.compile("stopped at iteration (\\d+) of (\\d+): run this cell again"));
        long stoppedAt = Long.parseLong(number(stopped, 1));
        long total = Long.parseLong(number(stopped, 2));
        assertTrue(stoppedAt > 0 && stoppedAt < total, stopped);
        waitFor("the kernel to be idle after the stop", CELL_WAIT, () -> kernelIdle()
                && cells().stream().noneMatch(c -> prompt(c).contains("*")));
        List<WebElement> all = cells();
        for (int i = train + 1; i < all.size(); i++) {
            if (all.get(i).getAttribute("class").contains("code_cell")) {
                assertEquals("In [ ]:", prompt(all.get(i)), "cell " + i + ", below the stopped one, did not run");
            }
        }
        screenshot(cell, "03-stopped.png");
        log("stop button: %s (%.0f s)", stopped, seconds());

        // the same cell run again continues from there
        cell.findElement(By.cssSelector(".input_area")).click();
        driver.findElement(By.cssSelector("button[data-jupyter-action='jupyter-notebook:run-cell-and-select-next']")).click();
        waitForText(cell, Pattern.compile("continuing from iteration " + stoppedAt + " of " + total));
        String resumed = waitForImage(cell, null);
        waitForImage(cell, resumed);
        assertRunning(cell, "the training cell run again, when the kernel is restarted");
        log("the cell run again continues from iteration %d (%.0f s)", stoppedAt, seconds());

        // the kernel restarted mid-training: the notebook run again continues from the checkpoint (the one the stop
        // saved, or a later one: the restart stops the training as the stop button does, and the run folder saves it)
        menu("kernellink", "restart_kernel");
        click(By.cssSelector(".modal-footer button.btn-danger"));
        waitFor("the restarted kernel", CELL_WAIT, () -> kernelIdle() && !driver.findElements(By.cssSelector(".modal-dialog")).stream()
                .anyMatch(WebElement::isDisplayed));
        log("kernel restarted during training (%.0f s)", seconds());
        runAll();
        String opened = cells().get(cellIndex("RunFolder.openOrResume")).findElement(By.cssSelector(".output_area")).getText();
        Matcher at = Pattern.compile("starting at iteration (\\d+),").matcher(opened);
        assertTrue(at.find() && Long.parseLong(at.group(1)) >= stoppedAt && Long.parseLong(at.group(1)) < total,
                "resumed from the checkpoint (at or after iteration " + stoppedAt + "): " + opened);
        log("after the restart, Run All continues from iteration %s", at.group(1));
        checkPage("03-training.ipynb");
        closeKernels();
    }

    @Test
    @Order(5)
    void analysisAfterTraining() {
        runAndCheck("04-analysis.ipynb");
    }

    // ---- a learner's steps

    private void runAndCheck(String notebook) {
        open(notebook);
        pickKernel();
        runAll();
        checkPage(notebook);
        closeKernels();
    }

    private void open(String notebook) {
        driver.get(base + "/notebooks/" + notebook + "?token=" + token);
        waitFor("the notebook page and its kernel", CELL_WAIT, () -> Boolean.TRUE.equals(js(
                "return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel"
                        + " && Jupyter.notebook.kernel.is_connected())")) && kernelIdle());
        log("%s open (%.0f s)", notebook, seconds());
    }

    /**
     * Kernel > Change kernel > Java (GAN notebooks), and the indicator names it. The notebooks name that kernel in
     * their metadata, so it is normally running already: then the menu only shows it (choosing it again would
     * start a second kernel for nothing).
     */
    private void pickKernel() {
        click(By.id("kernellink"));
        WebElement change = driver.findElement(By.id("menu-change-kernel"));
        new Actions(driver).moveToElement(change).perform();
        WebElement choice = driver.findElement(By.cssSelector("#kernel-submenu-java-gan a"));
        waitFor("the kernel list", Duration.ofSeconds(10), choice::isDisplayed);
        assertEquals(KERNEL, choice.getText());
        if (KERNEL.equals(driver.findElement(By.cssSelector(".kernel_indicator_name")).getText())) {
            click(By.id("kernellink"));   // closes the menu
            return;
        }
        choice.click();
        waitFor("the kernel " + KERNEL, CELL_WAIT, () -> kernelIdle()
                && KERNEL.equals(driver.findElement(By.cssSelector(".kernel_indicator_name")).getText()));
    }

    /** Cell > Run All, then waits until no cell is queued or running. */
    private void runAll() {
        startRunAll();
        waitFor("every cell to finish", CELL_WAIT.multipliedBy(3), () -> kernelIdle()
                && cells().stream().noneMatch(c -> prompt(c).contains("*")));
    }

    private void startRunAll() {
        menu("celllink", "run_all_cells");
        waitFor("a cell to start", Duration.ofSeconds(30), () -> cells().stream().anyMatch(c -> prompt(c).contains("*")));
    }

    private void menu(String menuId, String itemId) {
        click(By.id(menuId));
        click(By.cssSelector("#" + itemId + " > a"));
    }

    private void closeKernels() {
        js("Jupyter.notebook.session.delete()");
        waitFor("the kernel to shut down", Duration.ofSeconds(30),
                () -> Boolean.TRUE.equals(js("return Jupyter.notebook.kernel === null || !Jupyter.notebook.kernel.is_connected()")));
    }

    // ---- what the page shows

    /** No error box; every cell tagged expect-image shows a PNG that decodes; one screenshot per image cell. */
    private void checkPage(String notebook) {
        List<WebElement> cells = cells();
        List<String> problems = new ArrayList<>();
        int images = 0;
        String name = notebook.replace(".ipynb", "");
        for (int i = 0; i < cells.size(); i++) {
            WebElement cell = cells.get(i);
            if (!cell.getAttribute("class").contains("code_cell")) {
                continue;
            }
            String p = prompt(cell);
            if (!p.matches("In \\[\\d+\\]:")) {
                problems.add("cell " + i + " did not run: " + p);
            }
            for (WebElement error : cell.findElements(By.cssSelector(".output_error"))) {
                problems.add("cell " + i + " shows an error: " + error.getText().lines().limit(3).toList());
            }
            Object tags = js("return Jupyter.notebook.get_cell(" + i + ").metadata.tags || []");
            if (tags instanceof List<?> list && list.contains("expect-image")) {
                List<WebElement> shown = cell.findElements(By.cssSelector(".output_png img"));
                if (shown.isEmpty()) {
                    problems.add("cell " + i + " is tagged expect-image but shows no PNG");
                    continue;
                }
                for (WebElement img : shown) {
                    BufferedImage decoded = png(img.getAttribute("src"));
                    Number width = (Number) js("return arguments[0].naturalWidth", img);
                    if (decoded == null || decoded.getWidth() < 16 || width.intValue() != decoded.getWidth()) {
                        problems.add("cell " + i + ": an image without PNG data the browser drew");
                    }
                }
                images++;
                screenshot(cell.findElement(By.cssSelector(".output_wrapper")), String.format("%s-cell%02d.png", name, i));
            }
        }
        log("%s: %d images checked, %s (%.0f s)", notebook, images, problems.isEmpty() ? "no problems" : problems, seconds());
        assertTrue(problems.isEmpty(), notebook + ": " + String.join("; ", problems));
        assertTrue(images > 0, notebook + " shows images");
    }

    private static BufferedImage png(String src) {
        String prefix = "data:image/png;base64,";
        if (src == null || !src.startsWith(prefix) || src.length() < prefix.length() + 100) {
            return null;
        }
        try {
            return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(src.substring(prefix.length()))));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The src of the cell's (first) PNG once there is one that differs from {@code other} (null: any). */
    private String waitForImage(WebElement cell, String other) {
        String[] seen = new String[1];
        waitFor(other == null ? "a dashboard" : "the dashboard to be redrawn", CELL_WAIT, () -> {
            List<WebElement> imgs = cell.findElements(By.cssSelector(".output_png img"));
            if (imgs.isEmpty()) {
                return false;
            }
            String src = imgs.get(0).getAttribute("src");
            if (png(src) == null || src.equals(other)) {
                return false;
            }
            seen[0] = src;
            return true;
        });
        return seen[0];
    }

    private String waitForText(WebElement cell, Pattern pattern) {
        String[] line = new String[1];
        waitFor("the cell to say /" + pattern + "/", CELL_WAIT, () -> {
            Matcher m = pattern.matcher(cell.findElement(By.cssSelector(".output_wrapper")).getText());
            if (m.find()) {
                line[0] = m.group();
                return true;
            }
            return false;
        });
        return line[0];
    }

    private static String number(String text, int group) {
        Matcher m = Pattern.compile("stopped at iteration (\\d+) of (\\d+)").matcher(text);
        assertTrue(m.find(), text);
        return m.group(group);
    }

    private void assertRunning(WebElement cell, String what) {
        assertEquals("In [*]:", prompt(cell), what + " is still running");
    }

    private List<WebElement> cells() {
        return driver.findElements(By.cssSelector("#notebook-container > .cell"));
    }

    private int cellIndex(String sourceContains) {
        Number i = (Number) js("return Jupyter.notebook.get_cells().findIndex(c => c.get_text().includes(arguments[0]))",
                sourceContains);
        assertTrue(i.intValue() >= 0, "a cell with " + sourceContains);
        return i.intValue();
    }

    private static String prompt(WebElement cell) {
        List<WebElement> p = cell.findElements(By.cssSelector(".input_prompt"));
        return p.isEmpty() ? "" : p.get(0).getText().replace('\u00a0', ' ').trim();
    }

    private boolean kernelIdle() {
        return !driver.findElements(By.cssSelector("#kernel_indicator_icon.kernel_idle_icon")).isEmpty();
    }

    private void click(By by) {
        waitFor("to click " + by, Duration.ofSeconds(20), () -> {
            List<WebElement> found = driver.findElements(by);
            if (found.isEmpty() || !found.get(0).isDisplayed()) {
                return false;
            }
            found.get(0).click();
            return true;
        });
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private void screenshot(WebElement element, String file) {
        try {
            js("arguments[0].scrollIntoView({block: 'center'})", element);
            Files.write(OUT.resolve(file), element.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(e -> e.getText().lines().limit(2).toList().toString()).toList();
    }

    private void waitFor(String what, Duration limit, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                // the notebook redrew what was read: read again
            }
            if (System.nanoTime() > end) {
                if (driver != null) {
                    try {
                        Files.write(OUT.resolve("failure.png"), driver.getScreenshotAs(OutputType.BYTES));
                    } catch (IOException | RuntimeException ignored) {
                        // the failure below says what matters
                    }
                }
                fail("waited " + limit.toSeconds() + " s for " + what + " (page: build/browser/failure.png)");
            }
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.println("browser: " + String.format(format, args));
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
