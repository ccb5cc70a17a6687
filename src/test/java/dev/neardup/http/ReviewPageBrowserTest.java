package dev.neardup.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.review.ReviewFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The review page end to end in a real headless Chromium against a real server: open a group, mark
 * a duplicate "not a duplicate" with the keyboard, reload, and find the decision kept (in the page
 * and in the index). Leaves {@code target/review-page.png} for a person to look at.
 */
class ReviewPageBrowserTest {
  static final Path SCREENSHOT = Path.of("target", "review-page.png");

  @TempDir Path tmp;

  @Test
  void a_not_duplicate_decision_made_in_the_browser_survives_a_reload() throws Exception {
    // Index the frames, then serve them with the real service (`neardup serve`'s app).
    Path index;
    try (ReviewFixture f = ReviewFixture.open(tmp)) {
      index = f.index;
    }
    ServiceConfig config =
        ServiceConfig.defaults(List.of(tmp), tmp.resolve("storage")).toBuilder().port(0).build();
    try (NeardupService service =
        NeardupService.start(
            ReviewFixture.config(index, tmp.resolve("absent-model.pt")),
            config,
            ReviewFixture.CLOCK)) {
      ChromeDriver chrome = Chrome.start(tmp.resolve("chrome-profile"), 1400, 900);
      try {
        chrome.get("http://127.0.0.1:" + service.port() + "/");

        // Open the biggest group (the list is sorted by size) by clicking it.
        WebElement item = find(chrome, "#group-list li");
        int id = Integer.parseInt(item.getDomAttribute("data-group-id"));
        item.click();
        String kept = find(chrome, "#group .card.kept").getDomAttribute("data-path");
        String member = find(chrome, "#group .card.member").getDomAttribute("data-path");

        // Keyboard: l focuses the first duplicate, x marks it "not a duplicate".
        find(chrome, "#group").sendKeys("lx");
        find(chrome, "#group .card.member[data-not-duplicate=\"true\"]");
        assertTrue(service.engine().index().decisions().isNotDuplicate(kept, member));

        chrome.navigate().refresh();
        WebElement marked = find(chrome, "#group .card.member[data-not-duplicate=\"true\"]");
        assertEquals(member, marked.getDomAttribute("data-path"));
        assertEquals("NOT A DUPLICATE", find(chrome, "#group .card.member.no .tag").getText());
        String url = chrome.getCurrentUrl();
        assertTrue(url.contains("group=" + id), url);
        WebElement current = find(chrome, "#group-list li.current");
        assertEquals(String.valueOf(id), current.getDomAttribute("data-group-id"));

        find(chrome, "#group").sendKeys("d"); // the difference overlay on, then off again
        find(chrome, "#group.diff .card.member .pic img.under");
        find(chrome, "#group").sendKeys("d");
        find(chrome, "#group:not(.diff)");
        Files.createDirectories(SCREENSHOT.toAbsolutePath().getParent());
        Files.write(SCREENSHOT, chrome.getScreenshotAs(OutputType.BYTES));
      } finally {
        chrome.quit();
      }
      assertTrue(Files.size(SCREENSHOT) > 10_000, "a real screenshot at " + SCREENSHOT);
    }
  }

  /** The element matching {@code css}, waiting up to the implicit wait for it to appear. */
  private static WebElement find(ChromeDriver chrome, String css) {
    return chrome.findElement(By.cssSelector(css));
  }
}
