package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neardup calibrate} on two stills, without a model. */
class CalibrateCommandTest {
  @TempDir Path tmp;

  @Test
  void calibrate_reports_recall_per_edit_and_false_matches_and_leaves_the_folder_alone()
      throws IOException {
    Path dir = tmp.resolve("imgs");
    TestData.copy(dir, "stills/fruits.jpg", "stills/baboon.jpg");
    Path out = tmp.resolve("cal.json");
    CliRun r =
        CliRun.run(
            tmp,
            "calibrate",
            dir.toString(),
            "--sample",
            "2",
            "--edits",
            "jpeg-90,hflip",
            "--stages",
            "scan",
            "--fractions",
            "0.05",
            "--out",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count()); // nothing written into the user's folder
    }
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertEquals(2, json.get("originals").asInt());
    JsonNode row = json.get("rows").get(0);
    assertEquals("scan", row.get("stage").asText());
    // A quality-90 re-encode passes the pixel-diff check; a mirrored photo passes it after the
    // default (aligned) level registers it.
    assertEquals(1.0, row.get("recall_by_edit").get("jpeg-90").asDouble());
    assertEquals(1.0, row.get("recall_by_edit").get("hflip").asDouble());
    assertEquals(0, row.get("false_matches").asInt());
    assertEquals(2, row.get("unique_images").asInt());
    assertTrue(r.out().contains("jpeg-90"), r.out());

    // The classic check alone does not see a mirrored copy.
    Path pixelOut = tmp.resolve("pixel.json");
    CliRun p =
        CliRun.run(
            tmp,
            "calibrate",
            dir.toString(),
            "--sample",
            "2",
            "--edits",
            "jpeg-90,hflip",
            "--stages",
            "scan",
            "--fractions",
            "0.05",
            "--verify",
            "pixel",
            "--out",
            pixelOut.toString());
    assertEquals(0, p.exit(), p.err());
    JsonNode pixelRow = new ObjectMapper().readTree(pixelOut.toFile()).get("rows").get(0);
    assertEquals(0.0, pixelRow.get("recall_by_edit").get("hflip").asDouble());
    assertEquals(4, pixelRow.get("unique_images").asInt()); // 2 originals + 2 flips
  }
}
