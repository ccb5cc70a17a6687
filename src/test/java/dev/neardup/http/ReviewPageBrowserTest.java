package dev.neardup.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.review.ReviewFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    ServiceConfig config = ServiceConfig.defaults(List.of(tmp), tmp.resolve("storage")).withPort(0);
    try (NeardupService service =
        NeardupService.start(
            ReviewFixture.config(index, tmp.resolve("absent-model.pt")),
            config,
            ReviewFixture.CLOCK)) {
      try (Chrome chrome = Chrome.start(tmp.resolve("chrome-profile"), 1400, 900)) {
        chrome.open("http://127.0.0.1:" + service.port() + "/");

        // Open the biggest group (the list is sorted by size) by clicking it.
        String item = chrome.find("#group-list li");
        int id = Integer.parseInt(chrome.attribute(item, "data-group-id"));
        chrome.click(item);
        String kept = chrome.attribute(chrome.find("#group .card.kept"), "data-path");
        String member = chrome.attribute(chrome.find("#group .card.member"), "data-path");

        // Keyboard: l focuses the first duplicate, x marks it "not a duplicate".
        chrome.type(chrome.find("#group"), "lx");
        chrome.find("#group .card.member[data-not-duplicate=\"true\"]");
        assertTrue(service.engine().index().decisions().isNotDuplicate(kept, member));

        chrome.refresh();
        String marked = chrome.find("#group .card.member[data-not-duplicate=\"true\"]");
        assertEquals(member, chrome.attribute(marked, "data-path"));
        assertEquals("NOT A DUPLICATE", chrome.text(chrome.find("#group .card.member.no .tag")));
        assertTrue(chrome.url().contains("group=" + id), chrome.url());
        String current = chrome.find("#group-list li.current");
        assertEquals(String.valueOf(id), chrome.attribute(current, "data-group-id"));

        chrome.type(chrome.find("#group"), "d"); // the difference overlay on, then off again
        chrome.find("#group.diff .card.member .pic img.under");
        chrome.type(chrome.find("#group"), "d");
        chrome.find("#group:not(.diff)");
        chrome.screenshot(SCREENSHOT);
      }
      assertTrue(Files.size(SCREENSHOT) > 10_000, "a real screenshot at " + SCREENSHOT);
    }
  }
}
