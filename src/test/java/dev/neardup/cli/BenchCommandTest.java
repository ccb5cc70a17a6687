package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench shell parses its modes and writes JSON; the figures themselves are not asserted. */
class BenchCommandTest {
  @TempDir Path tmp;

  @Test
  void bench_without_a_mode_lists_every_mode() throws IOException {
    CliRun r = CliRun.run(tmp, "bench");
    assertEquals(0, r.exit(), r.err());
    for (String mode :
        new String[] {"decode", "embed", "index", "hnsw", "pixeldiff", "dedup", "scale", "all"}) {
      assertTrue(r.out().contains(mode), mode + " missing from: " + r.out());
    }
  }

  @Test
  void bench_hnsw_writes_its_figures_as_json() throws IOException {
    Path out = tmp.resolve("hnsw.json");
    CliRun r =
        CliRun.run(
            tmp,
            "bench",
            "hnsw",
            "--sizes",
            "300",
            "--dim",
            "16",
            "--queries",
            "3",
            "--widths",
            "10",
            "--graphs",
            "float",
            "--out",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertEquals("hnsw", json.get("benchmark").asText());
    JsonNode result = json.get("result").get(0);
    assertEquals(300, result.get("vectors").asInt());
    double recall = result.get("searches").get(0).get("recall_at10").asDouble(-1);
    assertTrue(recall >= 0 && recall <= 1, json.toString());
  }

  @Test
  void an_unknown_graph_type_is_refused_by_name() throws IOException {
    CliRun r = CliRun.run(tmp, "bench", "hnsw", "--sizes", "100", "--graphs", "fp16");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--graphs must be float or int8; got 'fp16'"), r.err());
  }
}
