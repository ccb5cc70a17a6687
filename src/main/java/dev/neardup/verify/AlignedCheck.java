package dev.neardup.verify;

import java.util.Optional;

/**
 * The aligned level of the verifier chain (identity → aligned → scene) for one pair: register the
 * candidate onto the kept image from their features ({@link Aligner}), warp it, and run the classic
 * pixel-diff on the overlap ({@link AlignedDiff}).
 *
 * <p>The chain calls the plain pixel-diff first and this level only when that fails (or the aspect
 * ratios differ), so this class does not repeat the plain check, with one exception, the identity
 * guard: when the estimated transform is the identity ({@link Transform#isIdentity()}), warping
 * would only add interpolation noise, so the result is the plain {@link
 * PixelDiff#compare(GrayImage, GrayImage)} verdict on the unwarped images — the plain verdict
 * stands. On fixed cameras this keeps aligned verdicts equal to plain ones.
 *
 * <p>Features may have been computed at another resolution than the images compared (e.g. from the
 * originals, while the images are thumbnails): the transform is rescaled to the images, as long as
 * each image has its features' aspect ratio.
 *
 * <p>Stateless and thread-safe.
 */
public final class AlignedCheck {
  private AlignedCheck() {}

  /**
   * Checks one pair at the aligned level.
   *
   * @param kept the image that stays
   * @param fk features of {@code kept} (or of the same picture at another resolution)
   * @param candidate the possible copy
   * @param fc features of {@code candidate}
   * @param ap alignment settings
   * @param pp pixel-diff settings (read only)
   * @return the verdict with its transform, or null when no plausible transform is found
   * @throws IllegalArgumentException when the features come from different detectors, or an image
   *     does not have its features' aspect ratio (they belong to another picture)
   * @throws NullPointerException when an argument is null
   */
  public static AlignedResult check(
      GrayImage kept,
      Features fk,
      GrayImage candidate,
      Features fc,
      AlignParams ap,
      PixelDiffParams pp) {
    if (kept == null || candidate == null || pp == null) {
      throw new NullPointerException("images and pixel-diff params must not be null");
    }
    requireShape("kept", kept, fk);
    requireShape("candidate", candidate, fc);
    Optional<Transform> found = Aligner.align(fk, fc, ap);
    if (found.isEmpty()) {
      return null;
    }
    Transform t = rescale(found.get(), fk, fc, kept, candidate);
    if (t.isIdentity()) {
      DiffResult plain = new PixelDiff(pp).compare(kept, candidate);
      return new AlignedResult(plain, t, 1.0, false);
    }
    return AlignedDiff.compare(kept, candidate, t, pp, ap);
  }

  private static void requireShape(String which, GrayImage img, Features f) {
    if (f == null) {
      throw new NullPointerException(which + " features must not be null");
    }
    double ri = (double) img.width() / img.height();
    double rf = (double) f.width() / f.height();
    if (Math.abs(ri - rf) / Math.min(ri, rf) > 0.02) {
      throw new IllegalArgumentException(
          which
              + " image "
              + img.width()
              + "x"
              + img.height()
              + " does not have the aspect ratio of its features' source "
              + f.width()
              + "x"
              + f.height());
    }
  }

  /** The transform between the features' sources, expressed between the images compared. */
  static Transform rescale(
      Transform t, Features fk, Features fc, GrayImage kept, GrayImage candidate) {
    if (fk.width() == kept.width()
        && fk.height() == kept.height()
        && fc.width() == candidate.width()
        && fc.height() == candidate.height()) {
      return t;
    }
    double[] toKept =
        Geometry.pixelScaling(
            (double) kept.width() / fk.width(), (double) kept.height() / fk.height());
    double[] fromCand =
        Geometry.pixelScaling(
            (double) fc.width() / candidate.width(), (double) fc.height() / candidate.height());
    double[] m = Geometry.compose(toKept, Geometry.compose(t.matrix(), fromCand));
    return Transform.of(
        m,
        t.mirrored(),
        t.inliers(),
        t.matches(),
        candidate.width(),
        candidate.height(),
        kept.width(),
        kept.height());
  }
}
