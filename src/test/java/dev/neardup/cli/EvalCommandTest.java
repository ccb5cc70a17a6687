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

/** {@code neardup eval} on a byte-identical copy and two distinct stills, without a model. */
class EvalCommandTest {
  @TempDir Path tmp;

  Path folder() throws IOException {
    Path dir = tmp.resolve("imgs");
    TestData.copy(dir, "stills/fruits.jpg", "stills/baboon.jpg", "stills/orange.jpg");
    Files.copy(dir.resolve("fruits.jpg"), dir.resolve("fruits-copy.jpg"));
    return dir;
  }

  @Test
  void eval_scores_every_stage_against_json_truth_and_writes_json() throws IOException {
    Path dir = folder();
    Path truth = tmp.resolve("truth.json");
    Files.writeString(truth, "[[\"fruits.jpg\", \"fruits-copy.jpg\"], [\"baboon.jpg\"]]");
    Path out = tmp.resolve("eval.json");
    CliRun r =
        CliRun.run(
            tmp,
            "eval",
            dir.toString(),
            "--truth",
            truth.toString(),
            "--index",
            tmp.resolve("index").toString(),
            "--sweep",
            "--fractions",
            "0.05,0.2",
            "--out",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Embedding stage OFF"), r.out());
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertEquals(4, json.get("images").asInt());
    assertEquals(3, json.get("labelled").asInt()); // orange.jpg is not listed: a group of its own
    assertEquals(4, json.get("rows").size()); // phash and scan x 2 fractions; no model
    for (JsonNode row : json.get("rows")) {
      assertEquals(1.0, row.get("precision").asDouble(), row.toString());
      assertEquals(1.0, row.get("recall").asDouble(), row.toString());
      assertEquals(3, row.get("unique_images").asInt(), row.toString());
    }
    assertEquals("phash", json.get("recommended").get("stage").asText());
    assertEquals(0.05, json.get("recommended").get("fraction").asDouble());
  }

  @Test
  void a_truth_file_that_names_no_image_of_the_folder_is_an_error() throws IOException {
    Path dir = folder();
    Path truth = tmp.resolve("truth.csv");
    Files.writeString(truth, "file,group\nother.jpg,1\n");
    CliRun r =
        CliRun.run(
            tmp,
            "eval",
            dir.toString(),
            "--truth",
            truth.toString(),
            "--index",
            tmp.resolve("index").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("none of the 4 images under"), r.err());
  }
}
