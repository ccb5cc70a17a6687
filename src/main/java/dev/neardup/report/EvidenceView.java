package dev.neardup.report;

import dev.neardup.group.Evidence;
import dev.neardup.group.Via;
import dev.neardup.image.Box;
import dev.neardup.verify.DiffResult;
import dev.neardup.verify.Verdict;
import dev.neardup.verify.align.Transform;
import java.util.List;

/**
 * THE output form of one match's evidence: every value a report, the API, the terminal summary, the
 * HTML report or the review page prints about a pair, computed once from {@link Evidence}. Each
 * output picks its fields from here (and only here), so that they cannot drift apart.
 *
 * @param via the candidate stage, as printed: {@code exact}, {@code embedding}, {@code phash},
 *     {@code scan}
 * @param match what a person reads next to the match: {@code exact}, {@code identity}, or the
 *     registration ({@code mirrored}, {@code rotated 90}, {@code cropped 6 %}, ...)
 * @param level the verifier level that decided, as printed ({@code identity}, {@code aligned}, ...)
 * @param cosine cosine similarity of the embeddings, or null without embeddings
 * @param hamming pHash distance in bits
 * @param pixelDiff the pixel-diff check, or null when it did not run
 * @param transform the registration of an aligned or same-scene match, or null
 * @param duplicate the verdict
 * @param note the pair's sentence: the verdict's note, else the pixel-diff's, else null
 * @param sameBytes true for a byte-identical pair (no pixel read, no pHash distance worth printing)
 * @param showsMatch true when {@code match} says more than the plain check did (neither {@code
 *     identity} nor {@code exact}): a registration, or a level such as {@code pruned}
 */
public record EvidenceView(
    String via,
    String match,
    String level,
    Float cosine,
    int hamming,
    PixelDiffView pixelDiff,
    TransformView transform,
    boolean duplicate,
    String note,
    boolean sameBytes,
    boolean showsMatch) {

  /**
   * The pixel-diff check of a pair.
   *
   * @param score the score as computed (may be non-finite when the check did not score)
   * @param changedFraction the changed fraction as computed
   * @param comparable false when the pair could not be compared (then the note says why)
   * @param regions changed regions in pixels of the scored resolution {@code width x height}
   * @param width columns of the scored resolution
   * @param height rows of the scored resolution
   * @param note the check's sentence, or null
   */
  public record PixelDiffView(
      double score,
      double changedFraction,
      boolean comparable,
      List<Box> regions,
      int width,
      int height,
      String note) {}

  /** The registration of the candidate onto the kept image. */
  public record TransformView(
      String label,
      boolean mirrored,
      int rotationDegrees,
      double scale,
      double cropFraction,
      int inliers,
      double overlap) {}

  /** The view of {@code e}. */
  public static EvidenceView of(Evidence e) {
    DiffResult d = e.diff();
    Transform t = e.transform();
    PixelDiffView pixel =
        d == null
            ? null
            : new PixelDiffView(
                d.score(),
                d.changedFraction(),
                d.comparable(),
                d.regions(),
                d.width(),
                d.height(),
                d.note());
    TransformView transform =
        t == null
            ? null
            : new TransformView(
                t.label(),
                t.mirrored(),
                t.rotationDegrees(),
                t.scale(),
                t.cropFraction(),
                e.inliers(),
                t.overlap());
    Verdict.Level level = e.level();
    boolean plain =
        t != null
            ? t.label().equals(Verdict.Level.IDENTITY.toString())
            : level == Verdict.Level.IDENTITY || level == Verdict.Level.EXACT;
    return new EvidenceView(
        e.via().toString(),
        e.label(),
        level.toString(),
        e.cosine(),
        e.hamming(),
        pixel,
        transform,
        e.duplicate(),
        e.note() != null ? e.note() : d == null ? null : d.note(),
        e.via() == Via.EXACT,
        !plain);
  }

  /** The pixel-diff score as computed, or null when the check did not run. */
  public Double score() {
    return pixelDiff == null ? null : pixelDiff.score();
  }

  /** The changed fraction as computed, or null when the check did not run. */
  public Double changedFraction() {
    return pixelDiff == null ? null : pixelDiff.changedFraction();
  }

  /** The score of a pair that could be compared, else null. */
  public Double comparableScore() {
    return pixelDiff == null || !pixelDiff.comparable() ? null : pixelDiff.score();
  }

  /** The changed fraction of a pair that could be compared, else null. */
  public Double comparableChangedFraction() {
    return pixelDiff == null || !pixelDiff.comparable() ? null : pixelDiff.changedFraction();
  }

  /** The score, or null when the check did not run or did not score (the note says why). */
  public Double finiteScore() {
    return finite(score());
  }

  /** The changed fraction, or null when the check did not run or did not score. */
  public Double finiteChangedFraction() {
    return finite(changedFraction());
  }

  /** The changed regions, or null when the check did not run. */
  public List<Box> regions() {
    return pixelDiff == null ? null : pixelDiff.regions();
  }

  /** Columns of the scored resolution, or null when the check did not run. */
  public Integer scoredWidth() {
    return pixelDiff == null ? null : pixelDiff.width();
  }

  /** Rows of the scored resolution, or null when the check did not run. */
  public Integer scoredHeight() {
    return pixelDiff == null ? null : pixelDiff.height();
  }

  private static Double finite(Double v) {
    return v == null || !Double.isFinite(v) ? null : v;
  }
}
