package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.TestData;
import dev.neardup.group.Group;
import dev.neardup.index.FailedFile;
import dev.neardup.review.ReviewFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * neardup at its defaults (no model, {@code --verify aligned}) on the peers' own test images,
 * judged by what those projects' tests expect ({@code GROUND_TRUTH.json} beside the images): the
 * mirrored, resized and rotated copies imagededup's CNN finds, JImageHash's rotations, thumbnail,
 * watermark and transparency pairs, imagehash's ICC pair.
 */
class PeerGroundTruthTest {
  @TempDir Path tmp;

  /** The group number (by kept image) of every file name, after a default dedup of {@code dir}. */
  record Result(Map<String, String> groupOf, List<FailedFile> unreadable) {
    boolean together(List<String> files) {
      String g = groupOf.get(files.get(0));
      return g != null && files.stream().allMatch(f -> g.equals(groupOf.get(f)));
    }

    boolean alone(String file) {
      return !groupOf.containsKey(file);
    }
  }

  Result dedup(Path dir) throws Exception {
    try (Engine engine =
        Engine.open(ReviewFixture.config(tmp.resolve("idx"), tmp.resolve("absent.pt")))) {
      DedupRun run = engine.deduplicator().dedup(List.of(dir), List.of(), Progress.NONE);
      Map<String, String> groupOf = new HashMap<>();
      for (Group g : run.grouping().groups()) {
        String kept = Path.of(g.kept().path()).getFileName().toString();
        groupOf.put(kept, kept);
        for (Group.Member m : g.members()) {
          groupOf.put(Path.of(m.image().path()).getFileName().toString(), kept);
        }
      }
      return new Result(groupOf, run.unreadable());
    }
  }

  static JsonNode truth(String peer) throws Exception {
    return new ObjectMapper()
        .readTree(TestData.shared("peers/" + peer + "/GROUND_TRUTH.json").toFile());
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void imagededup_mixed_images_the_four_ukbench00120_versions_are_one_group() throws Exception {
    JsonNode t = truth("imagededup").get("mixed_images");
    Result r = dedup(TestData.shared("peers/imagededup/mixed_images"));
    for (JsonNode group : t.get("duplicate_groups")) {
      assertTrue(r.together(strings(group)), strings(group) + " in " + r.groupOf());
    }
    for (String unique : strings(t.get("unique"))) {
      assertTrue(r.alone(unique), unique + " in " + r.groupOf());
    }
    List<String> unreadable =
        r.unreadable().stream().map(f -> Path.of(f.path()).getFileName().toString()).toList();
    assertEquals(strings(t.get("corrupt_unreadable")), unreadable);
  }

  @Test
  void jimagehash_rotations_are_one_group_and_the_distinct_images_stand_alone() throws Exception {
    JsonNode t = truth("jimagehash");
    Result r = dedup(TestData.shared("peers/jimagehash"));
    Map<String, List<String>> groups = new HashMap<>();
    for (JsonNode group : t.get("duplicate_groups")) {
      groups.put(group.get("name").asText(), strings(group.get("files")));
    }
    assertTrue(r.together(groups.get("lenna-rotated")), r.groupOf().toString());
    assertTrue(
        r.together(List.of("highQuality.jpg", "highQualityBase.png")), r.groupOf().toString());
    for (String distinct : strings(t.get("distinct"))) {
      assertTrue(r.alone(distinct), distinct + " in " + r.groupOf());
    }
    // Deliberately not grouped, although GROUND_TRUTH.json lists them: transparent0/1.png are a
    // MINI and a Citroen logo in black on transparency (their colour planes are both all black,
    // so a hash that treats transparency as black cannot tell them apart, which is what
    // JImageHash's test checks). Composited over white, as a viewer shows them, they differ.
    List<String> logos = groups.get("transparent");
    assertFalse(r.together(logos), r.groupOf().toString());
  }

  @Test
  void imagehash_the_icc_pair_is_one_group_and_the_others_stand_alone() throws Exception {
    JsonNode t = truth("imagehash");
    Path dir = tmp.resolve("imagehash");
    Files.createDirectories(dir);
    try (Stream<Path> s = Files.list(TestData.shared("peers/imagehash"))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".png")).toList()) {
        Files.copy(p, dir.resolve(p.getFileName()));
      }
    }
    Result r = dedup(dir);
    for (JsonNode group : t.get("duplicate_groups")) {
      assertTrue(r.together(strings(group.get("files"))), r.groupOf().toString());
    }
    for (String distinct : strings(t.get("distinct"))) {
      assertTrue(r.alone(distinct), distinct + " in " + r.groupOf());
    }
  }
}
