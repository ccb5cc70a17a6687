package dev.neardup.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review page and {@code /api/v1/groups} read the engine's one grouping cache: on the same
 * index they list the same groups under the same ids, whichever asks first.
 */
class GroupIdsAgreeTest {
  static final String TOKEN = "t0ken";

  @TempDir Path tmp;

  @Test
  void the_review_page_and_the_groups_route_give_the_same_ids_for_the_same_index()
      throws IOException {
    Path root = tmp.resolve("root");
    Path photos = root.resolve("photos");
    Files.createDirectories(photos);
    try (var files = Files.list(Path.of("examples/photos"))) {
      for (Path p : files.toList()) {
        Files.copy(p, photos.resolve(p.getFileName()));
      }
    }
    ServiceConfig config =
        ServiceConfig.defaults(List.of(root), root.resolve("uploads")).toBuilder()
            .port(0)
            .build()
            .toBuilder()
            .token(TOKEN)
            .build();
    try (NeardupService service =
        NeardupService.start(
            ServiceTestBase.engine(tmp.resolve("idx"), false, 0), config, Clock.systemUTC())) {
      Client client = new Client(service.port(), TOKEN);
      Client.Reply started = client.postJson("/api/v1/index", "{\"paths\": [\"" + photos + "\"]}");
      assertEquals(202, started.status(), started.text());
      String id = started.json().get("id").asText();
      assertEquals(
          "done", client.get("/api/v1/jobs/" + id + "?wait=120").json().get("state").asText());

      // The review page first (it groups on first use), then the API: same groups, same ids.
      Map<Integer, String> review = reviewGroups(client);
      Map<Integer, String> api = apiGroups(client);
      assertFalse(review.isEmpty(), "the examples hold duplicates");
      assertEquals(review, api);
      // A member on the review page: its evidence's fields inline, in their order (no model:
      // no cosine, and nulls are left out).
      int first = review.keySet().iterator().next();
      Client.Reply g = client.get("/api/review/groups/" + first);
      assertEquals(200, g.status(), g.text());
      JsonNode member = g.json().get("members").get(0);
      List<String> fields = new ArrayList<>();
      member.fieldNames().forEachRemaining(fields::add);
      assertEquals(
          List.of(
              "image",
              "via",
              "hamming",
              "score",
              "changed_fraction",
              "regions",
              "scored_width",
              "scored_height",
              "not_duplicate",
              "match"),
          fields);
      // Again, in the other order and after a regroup of the review page.
      assertEquals(200, client.postJson("/api/review/regroup", "{}").status());
      assertEquals(apiGroups(client), reviewGroups(client));
    }
  }

  /** Group id to "kept path: member count" of the review page's list. */
  private static Map<Integer, String> reviewGroups(Client client) {
    Client.Reply r = client.get("/api/review/groups?size=500&sort=id");
    assertEquals(200, r.status(), r.text());
    Map<Integer, String> out = new TreeMap<>();
    for (JsonNode g : r.json().get("groups")) {
      out.put(g.get("id").asInt(), g.get("kept").asText() + ": " + g.get("members").asInt());
    }
    return out;
  }

  /** Group id to "kept path: member count" of {@code /api/v1/groups}. */
  private static Map<Integer, String> apiGroups(Client client) {
    Client.Reply r = client.get("/api/v1/groups?size=500");
    assertEquals(200, r.status(), r.text());
    Map<Integer, String> out = new TreeMap<>();
    for (JsonNode g : r.json().get("groups")) {
      out.put(
          g.get("id").asInt(), g.get("kept").get("path").asText() + ": " + g.get("members").size());
    }
    return out;
  }
}
