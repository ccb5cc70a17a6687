package dev.neardup.eval;

import java.util.List;

/**
 * What {@code neardup eval} found, as written to JSON.
 *
 * @param folder the evaluated folder
 * @param truthFile the ground truth read
 * @param model the model id, or the no-model line
 * @param modelNote what the model's figures mean (random weights, stage off)
 * @param images images indexed under the folder
 * @param labelled of those, images listed in the truth file
 * @param truthMissing truth entries with no indexed image (unreadable or absent)
 * @param rows one per setting, in grid order
 * @param targetPrecision the precision the recommendation must reach
 * @param recommended the recommended row, or null when no row reached the target; never an
 *     embedding row of a random-weight model
 */
public record EvalReport(
    String folder,
    String truthFile,
    String model,
    String modelNote,
    int images,
    int labelled,
    int truthMissing,
    List<EvalRow> rows,
    double targetPrecision,
    EvalRow recommended) {

  /**
   * One setting's figures, flattened for JSON and tables.
   *
   * @param stage candidate stage
   * @param threshold cosine threshold, or null for stages without one
   * @param fraction pixel-diff fraction
   * @param uniqueImages images kept
   * @param precision pairwise precision
   * @param recall pairwise recall
   * @param f1 pairwise F1
   * @param scores the counts behind the figures
   * @param seconds grouping wall time
   */
  public record EvalRow(
      String stage,
      Double threshold,
      double fraction,
      int uniqueImages,
      double precision,
      double recall,
      double f1,
      Scores scores,
      double seconds) {

    /** Flattens a sweep row. */
    public static EvalRow of(Sweep.Row r) {
      Scores s = r.scores();
      return new EvalRow(
          r.setting().stage().label(),
          r.setting().threshold(),
          r.setting().fraction(),
          s.kept(),
          s.precision(),
          s.recall(),
          s.f1(),
          s,
          r.seconds());
    }
  }
}
