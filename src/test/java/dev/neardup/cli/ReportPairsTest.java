package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --report-pairs}: by default the JSON report lists duplicate pairs, failed checks and near
 * misses and counts the rest; {@code all} lists every pair. On a whole real folder of photos (no
 * model: every kept image is a candidate, so most pairs are plainly different), the default report
 * must list exactly the pairs of the full one that the rule selects, count the others by level, and
 * leave groups and totals as they are.
 */
class ReportPairsTest {
  private static final double FRACTION = 0.05; // the shipped default (config/neardup.yaml)

  @TempDir static Path tmp;

  private static JsonNode notable;
  private static JsonNode all;

  @BeforeAll
  static void dedupTwice() throws IOException {
    Path photos = TestData.shared("ukbench");
    Path index = tmp.resolve("index");
    notable = dedup(photos, index, "notable");
    all = dedup(photos, index, "all");
  }

  private static JsonNode dedup(Path folder, Path index, String which) throws IOException {
    Path report = tmp.resolve(which + ".json");
    CliRun r =
        CliRun.run(
            tmp,
            "dedup",
            folder.toString(),
            "--index",
            index.toString(),
            "--report",
            report.toString(),
            "--report-pairs",
            which);
    assertEquals(0, r.exit(), r.err());
    return new ObjectMapper().readTree(Files.readString(report));
  }

  @Test
  void the_default_report_lists_exactly_the_duplicates_failed_checks_and_near_misses() {
    List<String> expected = new ArrayList<>();
    Map<String, Integer> leftOut = new TreeMap<>();
    for (JsonNode p : all.get("pairs")) {
      boolean listed =
          p.get("duplicate").asBoolean()
              || Set.of("failed", "aligned", "scene").contains(p.get("level").asText())
              || (p.has("changed_fraction")
                  && p.get("changed_fraction").asDouble() <= 2 * FRACTION);
      if (listed) {
        expected.add(key(p));
      } else {
        leftOut.merge(p.get("level").asText(), 1, Integer::sum);
      }
    }
    List<String> got = new ArrayList<>();
    notable.get("pairs").forEach(p -> got.add(key(p)));
    assertEquals(expected, got);
    assertTrue(leftOut.size() > 0, "a folder of unrelated photos has plainly different pairs");

    JsonNode omitted = notable.get("pairs_left_out");
    assertEquals(all.get("pairs").size() - got.size(), omitted.get("count").asInt());
    Map<String, Integer> byLevel = new TreeMap<>();
    omitted
        .get("by_level")
        .fields()
        .forEachRemaining(e -> byLevel.put(e.getKey(), e.getValue().asInt()));
    assertEquals(leftOut, byLevel);
    assertFalse(all.has("pairs_left_out"), "--report-pairs all leaves nothing out");
  }

  @Test
  void groups_and_totals_do_not_depend_on_which_pairs_are_listed() {
    assertEquals(all.get("groups"), notable.get("groups"));
    for (String count :
        List.of("images", "similar_pairs", "duplicate_pairs", "groups", "kept", "to_remove")) {
      assertEquals(all.get("totals").get(count), notable.get("totals").get(count), count);
    }
    assertEquals(all.get("pairs").size(), notable.get("totals").get("similar_pairs").asInt());
  }

  @Test
  void every_group_member_is_traced_to_a_listed_pair() {
    Set<String> listed = new HashSet<>();
    notable.get("pairs").forEach(p -> listed.add(p.get("a").asText() + " " + p.get("b").asText()));
    for (JsonNode g : notable.get("groups")) {
      for (JsonNode m : g.get("members")) {
        assertTrue(
            listed.contains(m.get("path").asText() + " " + g.get("kept").asText()),
            m.get("path").asText());
      }
    }
  }

  private static String key(JsonNode p) {
    return p.get("a").asText() + " | " + p.get("b").asText();
  }
}
