package dev.neardup.group;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.neardup.image.BlockSignature;
import dev.neardup.image.GrayImage;
import dev.neardup.verify.PixelDiff;
import java.util.function.Supplier;

/**
 * Block signatures of kept images brought down to a smaller probe's size, as the identity check
 * brings them ({@link PixelDiff#resizedTo}): the other half of {@link ResizedProbe}. With it the
 * signature bound proves a pair fails when the kept image is the larger one, so a later probe of
 * that size skips the pair without reading the kept image's pixels or resizing them again.
 *
 * <p>Why it is exact: the check of a pair whose kept image has more pixels is the same-size check
 * of the kept image resized to the probe's size and the probe, with the same reference pixels; the
 * same-grid bound on those two signatures holds for it.
 *
 * <p>Keyed by the kept image's content hash and stored size and the target size: the verification
 * image is a function of the bytes at one index's settings (and {@code image/FilePixels} refuses a
 * file that no longer decodes to it), so an entry never goes stale. Weighed by its bytes within a
 * budget ({@link dev.neardup.config.CacheBudget#resizedSignatureBytes}); an evicted signature is
 * made again, so the budget never changes an answer. Shared by a finder's sessions (the service's
 * requests, every probe of a grouping); thread-safe.
 */
final class ResizedSignatures {
  private record Key(String sha256, int width, int height, int toWidth, int toHeight) {}

  private final Cache<Key, BlockSignature> cache;

  ResizedSignatures(long bytes) {
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(Math.max(1, bytes))
            .weigher((Key k, BlockSignature s) -> 96 + 4 * s.sums().length)
            .executor(Runnable::run)
            .build();
  }

  /**
   * The signature of {@code kept}'s verification image at the probe's size, when the kept image has
   * more stored pixels than the probe; else, or when its pixels cannot be had, null (no bound: the
   * check itself meets any failure).
   *
   * @param keptSha256 the kept image's content hash
   * @param keptSignature the kept image's own signature (its stored size)
   * @param probe the probe's signature (the target size)
   * @param pixels the kept image's verification image, asked only on a miss; it may throw
   */
  /**
   * {@link #at}'s signature when it is cached, else null; never reads pixels (the session thread
   * asks this first, and leaves a miss to the parallel checks).
   */
  BlockSignature cached(String keptSha256, BlockSignature keptSignature, BlockSignature probe) {
    return cache.getIfPresent(
        new Key(
            keptSha256,
            keptSignature.width(),
            keptSignature.height(),
            probe.width(),
            probe.height()));
  }

  BlockSignature at(
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
    BlockSignature s = cache.getIfPresent(key);
    if (s != null) {
      return s;
    }
    try {
      GrayImage gray = pixels.get();
      if (gray == null || gray.width() != w || gray.height() != h) {
        return null;
      }
      s = BlockSignature.of(PixelDiff.resizedTo(gray, probe.width(), probe.height()));
    } catch (RuntimeException e) {
      return null;
    }
    if (s.block() != probe.block()) {
      return null; // another tiling (an older signature version): the bound needs one grid
    }
    cache.put(key, s);
    return s;
  }
}
