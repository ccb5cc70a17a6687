package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.TestData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  static String peer(String name) {
    return TestData.shared("peers/imagededup/mixed_images/" + name).toString();
  }

  @Test
  void compare_accepts_a_mirrored_copy_at_the_aligned_level_by_default() throws IOException {
    CliRun r = CliRun.run(tmp, "compare", peer("ukbench00120.jpg"), peer("ukbench00120_hflip.jpg"));
    assertEquals(0, r.exit(), r.err());
    JsonNode j = JSON.readTree(r.out());
    assertFalse(j.get("pixel_duplicate").asBoolean(), "the plain check is blind to flips");
    assertTrue(j.get("duplicate").asBoolean(), "the final verdict: a mirrored copy");
    assertEquals("aligned", j.get("verify").asText());
    assertEquals("aligned", j.get("duplicate_at").asText());
    JsonNode a = j.get("aligned");
    assertEquals("mirrored", a.get("transform").asText());
    assertTrue(a.get("inliers").asInt() >= 12);
    assertEquals(1.0, a.get("overlap").asDouble(), 0.01);
  }

  @Test
  void compare_refuses_verify_none_naming_the_levels_it_runs() throws IOException {
    for (String level : new String[] {"none", "bogus"}) {
      CliRun r =
          CliRun.run(
              tmp,
              "compare",
              peer("ukbench00120.jpg"),
              peer("ukbench00120.jpg"),
              "--verify",
              level);
      assertTrue(r.exit() != 0, r.out());
      assertTrue(
          r.err().contains("--verify must be one of pixel, aligned, scene; got '" + level + "'"),
          r.err());
    }
  }

  @Test
  void compare_with_verify_pixel_runs_the_plain_check_only() throws IOException {
    CliRun r =
        CliRun.run(
            tmp,
            "compare",
            peer("ukbench00120.jpg"),
            peer("ukbench00120_hflip.jpg"),
            "--verify",
            "pixel");
    JsonNode j = JSON.readTree(r.out());
    assertFalse(j.has("aligned"));
    assertFalse(j.has("duplicate_at"), "absent: no level accepted the pair");
  }

  @Test
  void compare_with_verify_scene_reports_the_homography_evidence() throws IOException {
    Path uk = TestData.shared("ukbench");
    CliRun r =
        CliRun.run(
            tmp,
            "compare",
            uk.resolve("ukbench00000.jpg").toString(),
            uk.resolve("ukbench00001.jpg").toString(),
            "--verify",
            "scene");
    assertEquals(0, r.exit(), r.err());
    JsonNode s = JSON.readTree(r.out()).get("scene");
    assertTrue(s.get("same_scene").asBoolean(), s.toString());
    assertTrue(s.get("inliers").asInt() >= s.get("min_inliers").asInt());
  }

  @Test
  void an_unknown_level_is_refused_with_the_allowed_ones() throws IOException {
    CliRun r =
        CliRun.run(
            tmp, "compare", peer("ukbench00120.jpg"), peer("ukbench00120.jpg"), "--verify", "x");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("pixel, aligned, scene"), r.err());
  }

  @Test
  void an_incomparable_pair_prints_a_null_score_with_the_reason_in_note() throws IOException {
    CliRun r =
        CliRun.run(
            tmp,
            "compare",
            TestData.shared("stills/apple.jpg").toString(),
            TestData.shared("stills/messi5.jpg").toString(),
            "--verify",
            "pixel");
    assertEquals(0, r.exit(), r.err());
    JsonNode j = JSON.readTree(r.out());
    assertTrue(j.has("score") && j.get("score").isNull(), r.out());
    assertTrue(j.get("changed_fraction").isNull(), r.out());
    assertTrue(j.get("note").asText().startsWith("aspect ratios differ"), r.out());
    assertFalse(r.out().contains("NaN"), r.out());
  }
}
