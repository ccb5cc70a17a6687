package dev.neardup.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.group.CandidateSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepTest {
  /** A row whose scores give exactly {@code correct/predicted} and {@code correct/10}. */
  static Sweep.Row row(double fraction, long predicted, long correct) {
    Scores s = new Scores(20, 10, 10, predicted, correct, 10, 10, 0, 0, 0, 0);
    return new Sweep.Row(new Setting(CandidateSource.SCAN, null, fraction), s, 0);
  }

  @Test
  void the_highest_recall_among_rows_reaching_the_target_precision_wins() {
    List<Sweep.Row> rows =
        List.of(
            row(0.05, 2, 2), // P 1.0, R 0.2
            row(0.10, 5, 5), // P 1.0, R 0.5
            row(0.15, 8, 7), // P 0.875, R 0.7: misses 0.99
            row(0.20, 10, 9)); // P 0.9, R 0.9
    assertEquals(0.10, Sweep.recommend(rows, 0.99).orElseThrow().setting().fraction());
    assertEquals(0.20, Sweep.recommend(rows, 0.85).orElseThrow().setting().fraction());
  }

  @Test
  void ties_on_recall_go_to_higher_precision_then_to_the_earlier_row() {
    List<Sweep.Row> rows = List.of(row(0.05, 6, 5), row(0.10, 5, 5), row(0.15, 5, 5));
    assertEquals(0.10, Sweep.recommend(rows, 0.5).orElseThrow().setting().fraction());
  }

  @Test
  void embedding_rows_of_a_random_weight_model_are_never_recommended() {
    Scores perfect = new Scores(20, 10, 10, 10, 10, 10, 10, 0, 0, 0, 0);
    Sweep.Row embedding =
        new Sweep.Row(new Setting(CandidateSource.EMBEDDING, 0.9, 0.05), perfect, 0);
    Sweep.Row scan = row(0.05, 2, 2);
    List<Sweep.Row> rows = List.of(embedding, scan);
    assertEquals(embedding, Sweep.recommend(Sweep.recommendable(rows, false), 0.99).orElseThrow());
    assertEquals(scan, Sweep.recommend(Sweep.recommendable(rows, true), 0.99).orElseThrow());
  }

  @Test
  void no_row_reaching_the_target_gives_no_recommendation() {
    assertTrue(Sweep.recommend(List.of(row(0.05, 10, 5)), 0.99).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> Sweep.recommend(List.of(), 1.5));
  }

  @Test
  void the_grid_sweeps_thresholds_only_for_the_embedding_stage() {
    List<Setting> grid =
        Setting.grid(
            List.of(CandidateSource.EMBEDDING, CandidateSource.SCAN),
            List.of(0.9, 0.99),
            List.of(0.05, 0.1));
    assertEquals(
        List.of(
            new Setting(CandidateSource.EMBEDDING, 0.9, 0.05),
            new Setting(CandidateSource.EMBEDDING, 0.9, 0.1),
            new Setting(CandidateSource.EMBEDDING, 0.99, 0.05),
            new Setting(CandidateSource.EMBEDDING, 0.99, 0.1),
            new Setting(CandidateSource.SCAN, null, 0.05),
            new Setting(CandidateSource.SCAN, null, 0.1)),
        grid);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new Setting(CandidateSource.PHASH, 0.9, 0.05));
    assertEquals("stage phash takes no threshold", e.getMessage());
  }
}
