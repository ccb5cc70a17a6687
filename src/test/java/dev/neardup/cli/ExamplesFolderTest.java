package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code neardup dedup examples}, on the sample folder shipped in the
 * repository (made by {@code examples/MakeExamples.java}): it needs nothing beside the checkout.
 */
class ExamplesFolderTest {
  static final Path EXAMPLES = Path.of("examples");

  @TempDir Path tmp;

  @Test
  void dedup_on_the_examples_groups_the_camera_runs_and_each_photo_with_its_edited_copies()
      throws IOException {
    Path report = tmp.resolve("report.json");
    CliRun r =
        CliRun.run(
            tmp,
            "dedup",
            EXAMPLES.toString(),
            "--index",
            tmp.resolve("index").toString(),
            "--report",
            report.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out()
            .contains(
                "34 images, 0 unreadable, 36 pairs with evidence (32 in the report), 7 groups,"
                    + " 9 kept, 25 to remove"),
        r.out());

    // 36 pairs, not the plain scan's 42: the kept images' indexes never reach the pairs that the
    // signature bound proves failing, so those are counted as skipped, not listed as checked.
    // One line per group: the kept image, then its members in name order. The 24 frames run from
    // c21-1623873231583 to c21-1623873240783, 400 ms apart, and people walk through the scene:
    // each frame joins a kept frame within 5 % of it (frame ...237583 matches the first frame
    // again, not the kept ...236383 nearer in time), so there are four kept frames and no chain.
    List<String> expected =
        List.of(
            "camera/c21-1623873231583.jpg camera/c21-1623873231983.jpg"
                + " camera/c21-1623873232383.jpg camera/c21-1623873232783.jpg"
                + " camera/c21-1623873233183.jpg camera/c21-1623873233583.jpg"
                + " camera/c21-1623873233983.jpg camera/c21-1623873234383.jpg"
                + " camera/c21-1623873234783.jpg camera/c21-1623873235183.jpg"
                + " camera/c21-1623873235583.jpg camera/c21-1623873235983.jpg"
                + " camera/c21-1623873237583.jpg",
            "camera/c21-1623873236383.jpg camera/c21-1623873236783.jpg"
                + " camera/c21-1623873237183.jpg",
            "camera/c21-1623873237983.jpg camera/c21-1623873238383.jpg"
                + " camera/c21-1623873238783.jpg camera/c21-1623873239183.jpg",
            "camera/c21-1623873239583.jpg camera/c21-1623873239983.jpg"
                + " camera/c21-1623873240383.jpg camera/c21-1623873240783.jpg",
            "photos/baboon-mirrored.jpg photos/baboon-watermarked.jpg photos/baboon.jpg",
            "photos/building.jpg photos/building-cropped.jpg",
            "photos/fruits.jpg photos/fruits-half-size.jpg photos/fruits-quality30.jpg");
    assertEquals(expected, groups(new ObjectMapper().readTree(report.toFile())));
  }

  @Test
  void the_examples_folder_stays_small() throws IOException {
    long bytes;
    try (Stream<Path> s = Files.walk(EXAMPLES)) {
      bytes = s.filter(Files::isRegularFile).mapToLong(ExamplesFolderTest::size).sum();
    }
    assertTrue(bytes < 3L * 1024 * 1024, "examples/ holds " + bytes + " bytes; keep it under 3 MB");
  }

  private static List<String> groups(JsonNode report) {
    Path base = EXAMPLES.toAbsolutePath().normalize();
    List<String> lines = new ArrayList<>();
    for (JsonNode g : report.get("groups")) {
      List<String> members = new ArrayList<>();
      for (JsonNode m : g.get("members")) {
        members.add(rel(base, m.get("path").asText()));
      }
      members.sort(null);
      lines.add(rel(base, g.get("kept").asText()) + " " + String.join(" ", members));
    }
    lines.sort(null);
    return lines;
  }

  private static String rel(Path base, String path) {
    return base.relativize(Path.of(path).toAbsolutePath().normalize()).toString();
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
