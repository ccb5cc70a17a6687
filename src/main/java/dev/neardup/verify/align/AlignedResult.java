package dev.neardup.verify.align;

import dev.neardup.verify.DiffResult;

/**
 * The verdict of the aligned pixel-diff level on one pair.
 *
 * @param diff the classic pixel-diff on the overlap: {@code score} in pixels² of the compared
 *     frame, {@code changedFraction = score / overlap pixels}, {@code duplicate} only when that
 *     fraction is at most {@link PixelDiffParams#fraction()} <em>and</em> {@code overlap} reaches
 *     {@link AlignParams#minOverlap()}; {@code width}/{@code height} are the compared frame (the
 *     kept image, shrunk to the candidate's scale when the candidate is smaller). When {@code
 *     transform.isIdentity()}, this is the plain {@link PixelDiff#compare(GrayImage, GrayImage)}
 *     verdict, unwarped.
 * @param transform the registration used (after ECC refinement when {@code refined})
 * @param overlap compared content area as a share of the smaller content footprint (black fill from
 *     a rotated copy is not content), in {@code [0, 1]}
 * @param refined whether an ECC refinement changed the transform and its result was kept
 */
public record AlignedResult(DiffResult diff, Transform transform, double overlap, boolean refined) {

  /**
   * @throws NullPointerException when {@code diff} or {@code transform} is null
   */
  public AlignedResult {
    if (diff == null || transform == null) {
      throw new NullPointerException("diff and transform must not be null");
    }
  }

  /** Whether the pair is a duplicate at this level ({@code diff.duplicate()}). */
  public boolean duplicate() {
    return diff.duplicate();
  }
}
