package dev.neardup.verify.align;

import dev.neardup.image.GrayImage;
import dev.neardup.verify.DiffResult;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.PixelDiffParams;
import java.util.Optional;

/**
 * The aligned level of the verifier chain (identity → aligned → scene) for one pair: register the
 * candidate onto the kept image from their features ({@link Aligner}), warp it, and run the classic
 * pixel-diff on the overlap ({@link AlignedDiff}).
 *
 * <p>The chain calls the plain pixel-diff first and this level only when that fails (or the aspect
 * ratios differ), so this class does not repeat the plain check, with one exception, the identity
 * guard: when the estimated transform is the identity ({@link Transform#isIdentity()}) to within a
 * pixel (its whole-pixel shift is 0), warping would only add interpolation noise, so the result is
 * the plain {@link PixelDiff#compare(GrayImage, GrayImage)} verdict on the unwarped images — the
 * plain verdict stands. On fixed cameras this keeps aligned verdicts equal to plain ones. A
 * near-identity transform that moves the candidate by a pixel or more (a copy shifted by 1–3 px) is
 * snapped to that whole-pixel shift, warped without resampling and checked: only a fixed camera's
 * frames sit still, and the candidate finder never aligns two frames of one named camera.
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
    return check(kept, fk, candidate, fc, ap, pp, false);
  }

  /**
   * {@link #check(GrayImage, Features, GrayImage, Features, AlignParams, PixelDiffParams)}; with
   * {@code total}, a pair that cannot be judged (features of another aspect ratio, a singular
   * registration) gives null, not registered, instead of an exception.
   */
  public static AlignedResult check(
      GrayImage kept,
      Features fk,
      GrayImage candidate,
      Features fc,
      AlignParams ap,
      PixelDiffParams pp,
      boolean total) {
    if (total) {
      try {
        return check(kept, fk, candidate, fc, ap, pp, false);
      } catch (IllegalArgumentException cannotJudge) {
        return null;
      }
    }
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
      int[] shift = wholeShift(t);
      if (shift[0] == 0 && shift[1] == 0) {
        DiffResult plain = new PixelDiff(pp).compare(kept, candidate);
        return new AlignedResult(plain, t, 1.0, false);
      }
      // A copy moved by a pixel or three: warp by the whole-pixel shift (no resampling) and check.
      Transform snapped =
          Transform.of(
              new double[] {1, 0, shift[0], 0, 1, shift[1]},
              false,
              t.inliers(),
              t.matches(),
              t.candidateWidth(),
              t.candidateHeight(),
              t.keptWidth(),
              t.keptHeight());
      return AlignedDiff.compare(kept, candidate, snapped, pp, ap);
    }
    return AlignedDiff.compare(kept, candidate, t, pp, ap);
  }

  /**
   * The whole-pixel shift nearest to a near-identity transform ({@link Transform#isIdentity()}):
   * how far it moves the candidate's centre, rounded on each axis.
   */
  static int[] wholeShift(Transform t) {
    double cx = (t.candidateWidth() - 1) / 2.0;
    double cy = (t.candidateHeight() - 1) / 2.0;
    double[] p = Geometry.apply(t.matrix(), cx, cy);
    return new int[] {
      (int) Math.round(p[0] - (t.keptWidth() - 1) / 2.0),
      (int) Math.round(p[1] - (t.keptHeight() - 1) / 2.0)
    };
  }

  /**
   * Whether {@code r} is the plain verdict on the unwarped pair: the registration is the identity
   * to within a pixel (a fixed camera), so nothing was warped and the plain check stands.
   */
  public static boolean plainStands(AlignedResult r) {
    if (!r.transform().isIdentity()) {
      return false;
    }
    int[] s = wholeShift(r.transform());
    return s[0] == 0 && s[1] == 0;
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
