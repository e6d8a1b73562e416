package io.scanflow.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver ({@code apt-get install -y chromium chromium-driver}),
 * headless, with a fresh profile; never a downloaded browser. Missing binaries fail the test: the
 * dashboard must really be looked at. Modules using it declare {@code selenium-java} themselves.
 */
public final class HeadlessChromium {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  /** Starts a browser whose window is {@code width} x {@code height} pixels. */
  public static ChromeDriver start(int width, int height) throws IOException {
    for (Path binary : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException(
            binary
                + " is needed for the browser tests: apt-get install -y chromium chromium-driver");
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /** A fresh profile (about 3 MB once used), removed when the test JVM exits. */
  private static Path profile() throws IOException {
    Path profile = Files.createTempDirectory("scanflow-chromium-");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(profile)));
    return profile;
  }

  private static void deleteQuietly(Path root) {
    try {
      Directories.deleteRecursively(root);
    } catch (IOException | UncheckedIOException e) {
      // Best effort at exit: what stays is a temporary directory.
    }
  }
}
