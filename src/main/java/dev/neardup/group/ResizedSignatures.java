package dev.neardup.group;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.neardup.image.AreaSums;
import dev.neardup.image.BlockSignature;
import dev.neardup.image.GrayImage;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.SignatureBound;
import dev.neardup.verify.Verifier;
import java.util.function.Supplier;

/**
 * Block signatures of kept images brought down to a smaller probe's size, as the identity check
 * brings them ({@link PixelDiff#resizedTo}): the other half of {@link ResizedProbe}. With it the
 * signature bound proves a pair fails when the kept image is the larger one, so a later probe of
 * that size skips the pair without reading the kept image's pixels again.
 *
 * <p>Why it is exact: the check of a pair whose kept image has more pixels is the same-size check
 * of the kept image resized to the probe's size and the probe, with the same reference pixels; the
 * same-grid bound on those two signatures holds for it. When the kept image is at least as wide and
 * as tall as the probe, its tile sums at the probe's size come from its pixels without resizing
 * ({@link AreaSums#once}, each within {@link AreaSums#slack}), and the bound widens each tile's
 * dead zone by that slack ({@link BlockSignature#changedAtLeast(double[], int, int, int, int,
 * int)}). When the probe is exactly a half, a third... of the kept image, those sums come from the
 * kept image's stored signature, without reading it ({@link AreaSums#fromSignature}). Else (a kept
 * image of more pixels but narrower or shorter: the check stretches one side) the kept image is
 * resized as the check resizes it.
 *
 * <p>Keyed by the kept image's content hash and stored size and the target size: the verification
 * image is a function of the bytes at one index's settings (and {@code image/FilePixels} refuses a
 * file that no longer decodes to it), so an entry never goes stale. Weighed by its bytes within a
 * budget ({@link dev.neardup.config.CacheBudget#resizedSignatureBytes}); an evicted entry is made
 * again, so the budget never changes an answer. Shared by a finder's sessions (the service's
 * requests, every probe of a grouping); thread-safe.
 */
final class ResizedSignatures {
  private record Key(String sha256, int width, int height, int toWidth, int toHeight) {}

  /**
   * A kept image's tile sums at a probe's size and grid: the resized image's signature ({@code
   * exact}), or sums within {@link AreaSums#slack} of it ({@code approximate}); one of the two.
   */
  record AtSize(BlockSignature exact, double[] approximate) {
    /**
     * Whether {@code verifier}'s bound proves the identity check of the kept image and {@code
     * probe} fails; false (no proof) when the verifier has no bound on sums or it throws.
     */
    boolean fails(Verifier verifier, BlockSignature probe, long reference) {
      if (exact != null) {
        return SignatureIndex.fails(verifier, exact, probe, reference);
      }
      SignatureBound bound = verifier.signatureBound();
      if (bound == null) {
        return false;
      }
      try {
        return bound.fails(probe, approximate, reference);
      } catch (RuntimeException e) {
        return false;
      }
    }

    int bytes() {
      return 96 + (exact != null ? 4 * exact.sums().length : 8 * approximate.length);
    }
  }

  private final Cache<Key, AtSize> cache;

  ResizedSignatures(long bytes) {
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(Math.max(1, bytes))
            .weigher((Key k, AtSize s) -> s.bytes())
            .executor(Runnable::run)
            .build();
  }

  /**
   * {@link #at}'s sums when they are cached, else null; never reads pixels (the session thread asks
   * this first, and leaves a miss to the parallel checks).
   */
  AtSize cached(String keptSha256, BlockSignature keptSignature, BlockSignature probe) {
    return withoutPixels(
        new Key(
            keptSha256,
            keptSignature.width(),
            keptSignature.height(),
            probe.width(),
            probe.height()),
        keptSignature,
        probe);
  }

  /** The cached sums, else those {@link #fromSignature} gives (then cached), else null. */
  private AtSize withoutPixels(Key key, BlockSignature keptSignature, BlockSignature probe) {
    AtSize s = cache.getIfPresent(key);
    if (s == null) {
      s = fromSignature(keptSignature, probe);
      if (s != null) {
        cache.put(key, s);
      }
    }
    return s;
  }

  /**
   * The sums from the kept image's own signature, without its pixels, when the probe's size divides
   * it exactly ({@link AreaSums#fromSignature}: a half, a third... of the kept image); else null.
   * Asked before the pixels in both ways in, so that a pair gets the same numbers either way.
   */
  private static AtSize fromSignature(BlockSignature keptSignature, BlockSignature probe) {
    if (probe.block() != BlockSignature.blockFor(probe.width(), probe.height())) {
      return null;
    }
    double[] sums =
        AreaSums.fromSignature(keptSignature, probe.width(), probe.height(), probe.block());
    return sums == null ? null : new AtSize(null, sums);
  }

  /**
   * The kept image's tile sums at the probe's size and grid, when the kept image has more stored
   * pixels than the probe; else, or when its pixels cannot be had, null (no bound: the check itself
   * meets any failure).
   *
   * @param keptSha256 the kept image's content hash
   * @param keptSignature the kept image's own signature (its stored size)
   * @param probe the probe's signature (the target size)
   * @param pixels the kept image's verification image, asked only on a miss; it may throw
   */
  AtSize at(
      String keptSha256,
      BlockSignature keptSignature,
      BlockSignature probe,
      Supplier<GrayImage> pixels) {
    int w = keptSignature.width();
    int h = keptSignature.height();
    if ((long) w * h <= (long) probe.width() * probe.height()) {
      return null;
    }
    Key key = new Key(keptSha256, w, h, probe.width(), probe.height());
    AtSize s = withoutPixels(key, keptSignature, probe);
    if (s != null) {
      return s;
    }
    try {
      GrayImage gray = pixels.get();
      if (gray == null || gray.width() != w || gray.height() != h) {
        return null;
      }
      if (AreaSums.applies(gray, probe.width(), probe.height())
          && probe.block() == BlockSignature.blockFor(probe.width(), probe.height())) {
        s = new AtSize(null, AreaSums.once(gray, probe.width(), probe.height(), probe.block()));
      } else {
        BlockSignature exact =
            BlockSignature.of(PixelDiff.resizedTo(gray, probe.width(), probe.height()));
        if (exact.block() != probe.block()) {
          return null; // another tiling (an older signature version): the bound needs one grid
        }
        s = new AtSize(exact, null);
      }
    } catch (RuntimeException e) {
      return null;
    }
    cache.put(key, s);
    return s;
  }
}
