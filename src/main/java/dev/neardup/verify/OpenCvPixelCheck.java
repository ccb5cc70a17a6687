package dev.neardup.verify;

import dev.neardup.image.GrayImage;
import java.util.List;
import java.util.Locale;
import org.opencv.core.Size;

/**
 * The identity check as {@link PixelVerifier#verify} ran it before {@link MaskWorkspace}: the
 * changed pixels counted in Java (stopping at the pruning bound), then dilation, contours and areas
 * by OpenCV ({@link MaskScore} on the changed pixels' bounding box). Same pruning bound, same
 * messages.
 *
 * <p>Why it is kept: it is the oracle of {@code PixelCheckExactnessTest} (the fast path must give
 * its {@link Verdict} on every pair) and the "before" row of {@code bench pixeldiff --against}. No
 * grouping path calls it.
 *
 * <p>Thread-safe; allocates the two masked frames and a mask per pair.
 */
public final class OpenCvPixelCheck {
  private final PixelVerifier verifier;

  /** The reference check with {@code verifier}'s settings. */
  public OpenCvPixelCheck(PixelVerifier verifier) {
    this.verifier = verifier;
  }

  /** The identity verdict on two images that {@code verifier} prepared. */
  public Verdict verify(Prepared kept, Prepared candidate) {
    PixelDiffParams params = verifier.params();
    String why = Comparability.whyNot(kept.image(), candidate.image());
    if (why != null) {
      return Comparability.verdict(kept.image(), candidate.image(), why);
    }
    GrayImage a = kept.image().gray();
    GrayImage b = candidate.image().gray();
    if (a.width() != b.width() || a.height() != b.height()) {
      return verifier.verify(kept, candidate); // resize + definition: not what changed
    }
    int w = a.width();
    int h = a.height();
    long reference = Math.min(kept.image().pixels(), candidate.image().pixels());
    // The whole frame after blur and border mask, as the definition has it: not the fast check's
    // unmasked rectangle, so that the oracle does not share what it checks.
    byte[] pa = verifier.definition().maskedCopy(a);
    byte[] pb = verifier.definition().maskedCopy(b);
    int t = params.binaryThreshold();
    boolean boundHolds = params.minContourArea() == 0 && params.dilateIterations() >= 1;
    long limit = boundHolds ? PixelVerifier.changedLimit(params, w, h, reference) : Long.MAX_VALUE;
    long changed = ChangedPixels.count(pa, pb, 0, w * h, t, limit);
    if (changed > limit) {
      return Verdict.pruned(
          String.format(
              Locale.ROOT,
              "more than %d changed pixels: more than fraction %s allows",
              limit,
              params.fraction()));
    }
    if (changed == 0) {
      Size up = PixelDiff.upscaled(w, h, reference);
      int sw = up == null ? w : (int) up.width;
      int sh = up == null ? h : (int) up.height;
      return Verdict.identity(new DiffResult(0, 0, true, sw, sh, List.of(), null));
    }
    byte[] mask = new byte[w * h];
    ChangedPixels.mask(pa, pb, 0, w * h, t, mask);
    return Verdict.identity(verifier.definition().scoreMask(mask, w, h, reference));
  }
}
