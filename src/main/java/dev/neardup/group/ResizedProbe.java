package dev.neardup.group;

import dev.neardup.image.AreaSums;
import dev.neardup.image.BlockSignature;
import dev.neardup.image.GrayImage;
import dev.neardup.image.TileHistograms;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.Verifier;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A probe's verification image brought down to the sizes of smaller kept images, as the identity
 * check brings it, and the block signature of each: what lets the signature bound prove that a pair
 * of <em>different</em> sizes fails, where it used to apply within one grid only.
 *
 * <p><b>Why it is exact.</b> {@link PixelDiff} compares two images of different sizes by resizing
 * the one with more pixels to the other's size ({@link PixelDiff#resizedTo}, area interpolation)
 * and then running the same-size steps with the same reference pixel count. So when the kept image
 * has fewer pixels than the probe, the check of the pair <em>is</em> the same-size check of the
 * kept image and the resized probe, whichever order the two are passed in, and the same-grid bound
 * {@link Verifier#cannotPass} proves on their two signatures holds for the pair. A kept image with
 * as many pixels or more is left as before (its own resized copy would be needed): no bound, unless
 * the aspect ratios alone rule the pair out.
 *
 * <p><b>Without resizing.</b> Resizing the probe to every smaller kept size costs a resize and a
 * signature per size, and a folder of crops has nearly as many sizes as images. {@link
 * #approximateSums} gives the same tile sums to within {@link AreaSums#slack} without resizing,
 * from the probe's integral image ({@link AreaSums}, which says why), when the kept image is no
 * larger than the probe on either side.
 *
 * <p>The resized signatures are made on first use, one per kept size, and live as long as the
 * probe's search. Where the probe's pixels cannot be had (its file cannot be read), nothing is
 * pruned this way and the check itself meets the failure. One per search; not thread-safe.
 */
final class ResizedProbe {
  private final Supplier<GrayImage> gray;
  private final Map<Long, BlockSignature> bySize = new HashMap<>();

  /** The histograms of the probe at each size in {@link #bySize} (null where it has none). */
  private final Map<Long, TileHistograms> tilesBySize = new HashMap<>();

  private TileHistograms ownTiles;
  private boolean ownTilesMade;
  private GrayImage image;
  private boolean unavailable;

  /** The probe's integral image ({@link AreaSums}), made on first use. */
  private AreaSums sums;

  /**
   * @param gray the probe's verification image, asked at most once; it may throw or return null
   *     when the probe cannot be read (then nothing is resized)
   */
  ResizedProbe(Supplier<GrayImage> gray) {
    this.gray = gray;
  }

  /** A probe whose pixels are never resized (the bound stays within one grid). */
  static ResizedProbe none() {
    return new ResizedProbe(() -> null);
  }

  /**
   * Whether {@code verifier} proves that the identity check of {@code kept} and the probe fails: on
   * their own signatures, and for a kept image of fewer pixels in another grid also on the probe's
   * signature at the kept image's size. False (no proof) when a signature cannot be made.
   *
   * @param probe the probe's own signature
   * @param reference the smaller original's pixel count
   */
  boolean fails(Verifier verifier, BlockSignature kept, BlockSignature probe, long reference) {
    if (SignatureIndex.fails(verifier, kept, probe, reference)) {
      return true;
    }
    BlockSignature at = at(kept, probe);
    return at != null && SignatureIndex.fails(verifier, kept, at, reference);
  }

  /**
   * The probe's signature at {@code kept}'s size, when {@code kept} is in another grid and has
   * fewer stored pixels than the probe, and its grid is the one the resized probe gets; else null.
   */
  BlockSignature at(BlockSignature kept, BlockSignature probe) {
    long keptPixels = (long) kept.width() * kept.height();
    if (keptPixels >= (long) probe.width() * probe.height()
        || kept.width() == probe.width() && kept.height() == probe.height()) {
      return null;
    }
    long key = ((long) kept.width() << 32) | kept.height();
    if (bySize.containsKey(key)) {
      return bySize.get(key);
    }
    BlockSignature s = null;
    TileHistograms tiles = null;
    GrayImage source = source(probe);
    if (source != null) {
      try {
        GrayImage resized = PixelDiff.resizedTo(source, kept.width(), kept.height());
        s = BlockSignature.of(resized);
        if (s.block() != kept.block()) {
          s = null; // another tiling (an older signature version): the bound needs one grid
        } else {
          tiles = TileHistograms.of(resized);
        }
      } catch (RuntimeException e) {
        s = null;
      }
    }
    bySize.put(key, s);
    tilesBySize.put(key, tiles);
    return s;
  }

  /**
   * The probe's signature in the grid it is compared in with {@code kept}: its own at its own size,
   * else {@link #at}'s; null where there is no such grid.
   */
  BlockSignature signatureIn(BlockSignature kept, BlockSignature probe) {
    return sameSize(kept, probe) ? probe : at(kept, probe);
  }

  private static boolean sameSize(BlockSignature kept, BlockSignature probe) {
    return kept.width() == probe.width() && kept.height() == probe.height();
  }

  /**
   * The probe's {@link TileHistograms} in the grid it is compared in with {@code kept}: its own at
   * its own size, else at {@code kept}'s size where {@link #at} resizes it; null where there is no
   * such grid or the pixels cannot be had.
   */
  TileHistograms tilesAt(BlockSignature kept, BlockSignature probe) {
    if (sameSize(kept, probe)) {
      if (!ownTilesMade) {
        ownTilesMade = true;
        GrayImage source = source(probe);
        ownTiles = source == null ? null : TileHistograms.of(source);
      }
      return ownTiles;
    }
    return at(kept, probe) == null
        ? null
        : tilesBySize.get(((long) kept.width() << 32) | kept.height());
  }

  /**
   * The probe's tile sums at {@code kept}'s size and grid as area interpolation gives them before
   * each pixel is rounded, each within {@link AreaSums#slack} of the resized probe's signature: for
   * a kept image in another grid that is no wider and no taller than the probe, whose grid is the
   * one {@link BlockSignature#of} gives its size. Else null (then {@link #at} is the way).
   */
  double[] approximateSums(BlockSignature kept, BlockSignature probe) {
    int w = kept.width();
    int h = kept.height();
    if (w > probe.width()
        || h > probe.height()
        || w == probe.width() && h == probe.height()
        || kept.block() != BlockSignature.blockFor(w, h)) {
      return null;
    }
    GrayImage source = source(probe);
    if (source == null) {
      return null;
    }
    if (source.pixelCount() > AreaSums.MAX_PIXELS) {
      return null; // larger than any verification image: resized one by one instead
    }
    if (sums == null) {
      sums = AreaSums.of(source);
    }
    return sums.at(w, h, kept.block());
  }

  /** The probe's image, when it is the one {@code probe} was made from. */
  private GrayImage source(BlockSignature probe) {
    if (image == null && !unavailable) {
      try {
        image = gray.get();
      } catch (RuntimeException e) {
        image = null;
      }
      unavailable =
          image == null || image.width() != probe.width() || image.height() != probe.height();
    }
    return unavailable ? null : image;
  }
}
