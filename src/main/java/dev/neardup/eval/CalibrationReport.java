package dev.neardup.eval;

import java.util.List;
import java.util.Map;

/**
 * What {@code neardup calibrate} found, as written to JSON.
 *
 * @param folder the user's folder the sample came from
 * @param seed the seed of the sample and the edits
 * @param originals sampled images that were decoded and edited
 * @param skipped sampled files that could not be decoded
 * @param edits the edit kinds, in table order
 * @param model the model id, or the no-model line
 * @param modelNote what the model's figures mean
 * @param rows one per setting
 * @param targetPrecision the precision the recommendation must reach
 * @param recommended the recommended row, or null when none reached the target; never an embedding
 *     row of a random-weight model
 */
public record CalibrationReport(
    String folder,
    long seed,
    int originals,
    List<String> skipped,
    List<String> edits,
    String model,
    String modelNote,
    List<Row> rows,
    double targetPrecision,
    Row recommended) {

  /**
   * One setting's figures.
   *
   * @param stage candidate stage
   * @param threshold cosine threshold, or null for stages without one
   * @param fraction pixel-diff fraction
   * @param uniqueImages images kept
   * @param recallByEdit per edit kind, the share of edited copies grouped with their original (null
   *     when no copy of that kind could be indexed)
   * @param recall pairwise recall over all images of a family (originals and edits)
   * @param precision pairwise precision
   * @param falseMatches grouped pairs whose images come from different originals
   * @param seconds grouping wall time
   */
  public record Row(
      String stage,
      Double threshold,
      double fraction,
      int uniqueImages,
      Map<String, Double> recallByEdit,
      double recall,
      double precision,
      long falseMatches,
      double seconds) {}
}
