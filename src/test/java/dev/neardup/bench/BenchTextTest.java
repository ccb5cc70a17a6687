package dev.neardup.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neardup.pipeline.StageProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tables {@code neardup bench} prints, from fixed records (the figures themselves vary). */
class BenchTextTest {
  @Test
  void a_dedup_row_is_one_line_with_its_rate() {
    var row = new DedupBenchmark.Row("/data/pets", "none (hash only)", 600, 93, 10.0, 12.5, 48.0);
    assertEquals(
        "/data/pets (none (hash only)): 600 images, 93 kept, 12.5 s, 48.0 images/s"
            + System.lineSeparator(),
        BenchText.dedup(row));
  }

  @Test
  void the_camera_table_has_a_header_and_one_aligned_line_per_row() {
    var row = new CameraBenchmark.Row(150, 300, 0.05, 2.5, 0.25, 10.0, 40, 40, 1234, 5678);
    String[] lines = BenchText.cameras(List.of(row)).split(System.lineSeparator());
    assertEquals(2, lines.length);
    assertEquals(
        "frames/c  frames  fraction   exhaustive s    neardup s   ratio  kept exh.   kept nd."
            + "   checked    pruned",
        lines[0]);
    assertEquals(
        "     150     300      0.05          2.500        0.250    10.0         40         40"
            + "      1234      5678",
        lines[1]);
  }

  @Test
  void an_hnsw_build_prints_one_line_per_search_width_with_its_graph_kind() {
    var searches =
        List.of(
            new HnswBenchmark.Search(10, false, 0.9876, 1.234, 2.0),
            new HnswBenchmark.Search(50, true, 0.99, 2.5, 3.0));
    var r =
        new HnswBenchmark.Result(
            30_000, 2048, true, 16, 100, 3.0, 10_000, 1, 3L * 1024 * 1024, 0, searches);
    assertEquals(
        List.of(
            "30,000 int8: build 10000 vec/s, 3 MB; width 10: recall@10 0.988, p50 1.23 ms",
            "30,000 int8: build 10000 vec/s, 3 MB; width 50 rescored: recall@10 0.990, p50 2.50 ms"),
        List.of(BenchText.hnsw(r).split(System.lineSeparator())));
  }

  @Test
  void an_embed_row_is_followed_by_each_stages_busy_fraction_in_pipeline_order() {
    var stages =
        List.of(
            new StageProfile("decode", 2, 3.0, 0.254),
            new StageProfile("forward", 1, 9.5, 0.9449),
            new StageProfile("index writer", 1, 1.0, 0.1));
    var row =
        new EmbedBenchmark.Row(224, 8, 1000, 24.0, 23.0, 25.0, 22.0, 21.6, 0.9, 0.9167, stages);
    assertEquals(
        List.of(
            "batch  8: raw 24.00 img/s, decoded 22.00 (0.917), end to end 21.60 (ratio 0.900)",
            "  busy: decode 0.25 (2 threads), forward 0.94, index writer 0.10"),
        List.of(BenchText.embed(List.of(row)).split(System.lineSeparator())));
  }

  @Test
  void an_untimed_run_prints_no_stage_line() {
    assertEquals("", BenchText.stages(List.of()));
  }
}
