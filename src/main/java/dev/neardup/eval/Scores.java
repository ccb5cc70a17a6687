package dev.neardup.eval;

/**
 * How well a grouping matches the ground truth.
 *
 * <p>Pairwise figures count unordered pairs of images: a predicted pair is two images in the same
 * neardup group (the kept image with each member, and the members with each other); a true pair is
 * two images of the same truth group.
 *
 * @param images images scored
 * @param truthGroups distinct truth groups among them (unlisted images count as groups of one)
 * @param truePairs pairs of images in the same truth group
 * @param predictedPairs pairs of images in the same neardup group
 * @param correctPairs predicted pairs that are true pairs
 * @param kept images neardup keeps (the unique-image count)
 * @param removed images neardup would remove
 * @param removedCorrectly removed images of the same truth group as the image kept in their place
 * @param removedWrongly removed images of another truth group than their kept image
 * @param keptExtra kept images beyond one per truth group: duplicates neardup left in place
 * @param groupsLost truth groups none of whose images is kept: lost if the removals were deleted
 */
public record Scores(
    int images,
    int truthGroups,
    long truePairs,
    long predictedPairs,
    long correctPairs,
    int kept,
    int removed,
    int removedCorrectly,
    int removedWrongly,
    int keptExtra,
    int groupsLost) {

  /** Correct pairs over predicted pairs; 1 when nothing was grouped (no wrong claim was made). */
  public double precision() {
    return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
  }

  /** Correct pairs over true pairs; 1 when the truth has no pairs. */
  public double recall() {
    return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
  }

  /** Harmonic mean of precision and recall; 0 when both are 0. */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
