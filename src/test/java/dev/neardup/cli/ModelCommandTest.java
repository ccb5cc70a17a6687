package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.TestData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TorchScript path end to end with the project-made random-weight ResNet50. Nothing here judges
 * the quality of random embeddings; it checks what is exact: the model is named, refused unless
 * asked for, recorded in the index, and the pipeline runs through.
 */
class ModelCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path folder;
  Path index;
  String model;

  @BeforeEach
  void copyImages() throws IOException {
    folder = tmp.resolve("images");
    index = tmp.resolve("idx");
    model = TestData.testModel().toString();
    TestData.copy(
        folder,
        "cctv/pets2001/in000010.jpg",
        "cctv/pets2001/in000011.jpg",
        "cctv/pets2001/in000012.jpg",
        "ukbench/ukbench00000.jpg",
        "ukbench/ukbench00004.jpg",
        "peers/imagededup/mixed_images/ukbench09268_corrupt.jpg");
  }

  @Test
  void dedup_with_the_torchscript_model_names_it_in_the_report() throws IOException {
    Path report = tmp.resolve("r.json");
    CliRun r =
        CliRun.run(
            tmp,
            "dedup",
            folder.toString(),
            "--index",
            index.toString(),
            "--model",
            model,
            "--allow-random-weights",
            "--report",
            report.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode rep = JSON.readTree(report.toFile());
    assertTrue(rep.at("/model/embedding_stage").asBoolean());
    assertEquals("random", rep.at("/model/weights").asText());
    assertTrue(rep.at("/model/id").asText().startsWith("resnet50-random.pt sha256:"));
    assertTrue(r.out().contains("RANDOM WEIGHTS"), r.out());
    assertEquals(5, rep.at("/totals/images").asInt());
    assertEquals(1, rep.at("/totals/unreadable").asInt());
  }

  @Test
  void random_weights_are_refused_unless_asked_for_by_name() throws IOException {
    CliRun r =
        CliRun.run(tmp, "index", folder.toString(), "--index", index.toString(), "--model", model);
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("--allow-random-weights"), r.err());
  }

  @Test
  void a_second_index_run_skips_unchanged_files() throws IOException {
    CliRun first = indexWithTestModel();
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().contains("6 images found: 5 indexed now"), first.out());
    assertTrue(first.out().contains("1 unreadable"), first.out());
    CliRun second = indexWithTestModel();
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.out().contains("0 indexed now"), second.out());
    assertTrue(second.out().contains("6 unchanged"), second.out());
    assertTrue(second.out().contains("1 unreadable"), second.out());
  }

  @Test
  void an_index_made_with_one_model_refuses_another() throws IOException {
    CliRun made = indexWithTestModel();
    assertEquals(0, made.exit(), made.err());
    CliRun other = CliRun.run(tmp, "dedup", folder.toString(), "--index", index.toString());
    assertEquals(1, other.exit());
    assertTrue(other.err().contains("resnet50-random.pt sha256:"), other.err());
    assertTrue(other.err().contains("none (embedding stage off"), other.err());
  }

  @Test
  void query_finds_an_indexed_image_with_evidence_and_leaves_the_index_alone() throws IOException {
    CliRun made = indexWithTestModel();
    assertEquals(0, made.exit(), made.err());
    Path probe = TestData.shared("cctv/pets2001/in000011.jpg");
    CliRun q =
        CliRun.run(
            tmp,
            "query",
            probe.toString(),
            "--index",
            index.toString(),
            "--model",
            model,
            "--allow-random-weights");
    assertEquals(0, q.exit(), q.err());
    JsonNode result = JSON.readTree(q.out()).get("results").get(0);
    assertTrue(result.get("duplicate").asBoolean(), q.out());
    JsonNode best = result.get("matches").get(0);
    assertTrue(best.get("path").asText().endsWith("in000011.jpg"), q.out());
    assertEquals("exact", best.get("via").asText());

    CliRun again = indexWithTestModel();
    assertTrue(again.out().contains("6 unchanged"), again.out());
  }

  /** {@code neardup index} of the test folder with the random-weight model, asked for by name. */
  private CliRun indexWithTestModel() throws IOException {
    return CliRun.run(
        tmp,
        "index",
        folder.toString(),
        "--index",
        index.toString(),
        "--model",
        model,
        "--allow-random-weights");
  }
}
