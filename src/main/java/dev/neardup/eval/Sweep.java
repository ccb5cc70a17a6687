package dev.neardup.eval;

import dev.neardup.group.CandidateSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The results of a grid of settings, and the rule that picks one. */
public final class Sweep {
  private Sweep() {}

  /**
   * One row of the table.
   *
   * @param setting the stage, threshold and fraction
   * @param scores how the grouping with this setting matched the truth
   * @param seconds wall time of the grouping
   */
  public record Row(Setting setting, Scores scores, double seconds) {}

  /**
   * The setting that reaches {@code targetPrecision} with the highest recall.
   *
   * <p>Ties on recall go to the higher precision, then to the earlier row (the grid's order), so
   * the choice is deterministic.
   *
   * @return empty when no row reaches the target
   * @throws IllegalArgumentException when {@code targetPrecision} is not in [0, 1]
   */
  public static Optional<Row> recommend(List<Row> rows, double targetPrecision) {
    if (!(targetPrecision >= 0 && targetPrecision <= 1)) {
      throw new IllegalArgumentException(
          "target precision must be in [0, 1]; got " + targetPrecision);
    }
    Comparator<Row> better =
        Comparator.comparingDouble((Row r) -> r.scores().recall())
            .thenComparingDouble(r -> r.scores().precision());
    Row best = null;
    for (Row r : rows) {
      if (r.scores().precision() >= targetPrecision
          && (best == null || better.compare(r, best) > 0)) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The rows a recommendation may choose from: all of them, except the embedding stage's when the
   * model's weights are random (its similarities mean nothing, whatever its figures on this set).
   */
  public static List<Row> recommendable(List<Row> rows, boolean randomWeights) {
    if (!randomWeights) {
      return rows;
    }
    return rows.stream().filter(r -> r.setting().stage() != CandidateSource.EMBEDDING).toList();
  }
}
