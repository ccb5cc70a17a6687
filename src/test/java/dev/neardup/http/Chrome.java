package dev.neardup.http;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium driven by Selenium through Debian's chromedriver.
 *
 * <p>Both paths are given explicitly, so Selenium Manager is never run: it would otherwise try to
 * download a driver and a browser of its own, which neither CI nor an offline developer has.
 *
 * <p>Waiting is WebDriver's own implicit wait (find-element retries until the element exists), so a
 * test waits for a state by asking for an element that only that state has, never sleeps.
 */
final class Chrome {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private Chrome() {}

  /**
   * Starts chromedriver on a free port and a headless Chromium with a fresh profile in {@code
   * profile}; close the driver (quit) to stop both.
   *
   * <p>Fails (does not skip) when Chromium is missing: CI installs it.
   */
  static ChromeDriver start(Path profile, int width, int height) {
    if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
      fail(
          "the browser test needs Debian's Chromium and its driver at "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + "; install them with: sudo apt-get install -y chromium chromium-driver");
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=" + width + "," + height);
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(15));
    return driver;
  }
}
