package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.TestData;
import dev.neardup.bench.ScaleFolders;
import dev.neardup.bench.ScaleText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench scale} end to end at two small sizes, every step a real child {@code neardup}: the
 * table's structure and the facts it can be checked on (counts, bytes, the slope from its own
 * rows), never a timing.
 */
class BenchScaleCommandTest {
  @TempDir Path tmp;

  @Test
  void bench_scale_reports_one_row_per_size_with_exact_counts_and_the_slope_of_its_rows()
      throws IOException {
    Path work = tmp.resolve("work");
    Path json = tmp.resolve("scale.json");
    Path md = tmp.resolve("scale.md");
    CliRun r =
        CliRun.run(
            tmp,
            "bench",
            "scale",
            "--sizes",
            "20,10",
            "--queries",
            "1",
            "--uploads",
            "1",
            "--data",
            TestData.shared().toString(),
            "--work-dir",
            work.toString(),
            "--keep-folders",
            "--out",
            json.toString(),
            "--markdown",
            md.toString());
    assertEquals(0, r.exit(), r.err());

    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("bench scale: seed 42, model none, 1 queries"), r.out());
    assertEquals(ScaleText.COLUMNS, Arrays.asList(lines.get(1).trim().split("\\s{2,}")));
    int[] sizes = {10, 20};
    JsonNode result = new ObjectMapper().readTree(json.toFile()).get("result");
    JsonNode rows = result.get("rows");
    assertEquals(2, rows.size());
    for (int i = 0; i < sizes.length; i++) {
      int n = sizes[i];
      String[] cells = lines.get(2 + i).trim().split("\\s+");
      assertEquals(ScaleText.COLUMNS.size(), cells.length, lines.get(2 + i));
      assertEquals(Integer.toString(n), cells[0]);
      assertEquals(Integer.toString(ScaleFolders.framesIn(n)), cells[1]);

      JsonNode row = rows.get(i);
      assertEquals(n, row.get("size").asInt());
      assertEquals(n, row.get("indexed_images").asInt(), row.toString());
      assertEquals(n, row.get("dedup_images").asInt(), row.toString());
      assertTrue(row.get("index_bytes").asLong() > 0, row.toString());
      assertEquals(
          row.get("index_bytes").asLong() / (double) n,
          row.get("index_bytes_per_image").asDouble(),
          1e-9);
      assertEquals(
          Long.toString(Math.round(row.get("index_bytes_per_image").asDouble())), cells[4]);
      int kept = row.get("kept").asInt();
      assertTrue(kept >= 1 && kept <= n, row.toString());
      assertEquals(Integer.toString(kept), cells[8]);
      assertEquals(1, row.get("query_ms").size());
      assertEquals(1, row.get("upload_ms").size());
      assertEquals(0, row.get("service_errors").asInt(), row.toString());

      Path folder = work.resolve(String.format(Locale.ROOT, "n-%06d", n)).resolve("images");
      assertEquals(n, count(folder));
      assertEquals(ScaleFolders.framesIn(n), count(folder.resolve("cameras")));
    }

    double indexSlope =
        (Math.log(rows.get(1).get("index_seconds").asDouble())
                - Math.log(rows.get(0).get("index_seconds").asDouble()))
            / Math.log(2);
    double dedupSlope =
        (Math.log(rows.get(1).get("dedup_seconds").asDouble())
                - Math.log(rows.get(0).get("dedup_seconds").asDouble()))
            / Math.log(2);
    assertEquals(indexSlope, result.get("index_slope").asDouble(), 1e-9);
    assertEquals(dedupSlope, result.get("dedup_slope").asDouble(), 1e-9);
    assertEquals(
        String.format(
            Locale.ROOT,
            "slope of log(time) against log(n), least squares over 2 sizes: index %.2f, dedup %.2f,"
                + " query p50 %.2f",
            indexSlope,
            dedupSlope,
            result.get("query_slope").asDouble()),
        lines.get(4));

    List<String> mdLines = Files.readAllLines(md);
    assertTrue(
        mdLines.contains("| " + String.join(" | ", ScaleText.COLUMNS) + " |"), mdLines.toString());
    assertEquals(2, mdLines.stream().filter(l -> l.matches("\\| (10|20) \\| .*")).count());
  }

  private static long count(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }
}
