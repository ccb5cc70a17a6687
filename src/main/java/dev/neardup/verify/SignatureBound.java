package dev.neardup.verify;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.TileHistograms;

/**
 * The form of {@link Verifier#cannotPass Verifier.cannotPass(kept, candidate, reference, false)},
 * so that the kept images can be indexed for it instead of asked one by one (the candidate finder's
 * signature index, {@code group.SignatureIndex}). A verifier that has one promises:
 *
 * <ul>
 *   <li>for two signatures of the same grid (width, height and block), the pair provably fails
 *       exactly when {@code kept.changedAtLeast(candidate, threshold(), x0, y0, x1, y1) >
 *       changedLimit(width, height, reference)}, where {@code [x0, x1) × [y0, y1)} is the area
 *       {@link #mask()} leaves of a {@code width × height} image (or when either is too small to
 *       compare at all, which only adds pruned pairs);
 *   <li>for two signatures of different grids, the answer depends on the two grids only, never on
 *       the sums or the reference.
 * </ul>
 *
 * A verifier without one ({@link Verifier#signatureBound()} null: a blur, a minimum contour area,
 * no dilation, {@code --verify none}) prunes no same-grid pair by its sums.
 */
public interface SignatureBound {
  /** The binary threshold: a pixel counts as changed when it differs by more. */
  int threshold();

  /** The border strips the check paints black in both images (tiles under them are not used). */
  BorderMask mask();

  /**
   * The most changed pixels a passing pair of {@code width × height} stored images can have when
   * the smaller original has {@code referencePixels} pixels.
   */
  long changedLimit(int width, int height, long referencePixels);

  /**
   * Whether the bound proves that the pair of two same-grid signatures fails: {@link
   * BlockSignature#changedAtLeast(BlockSignature, int, int, int, int, int)} on the unmasked area,
   * above {@link #changedLimit}.
   */
  default boolean fails(BlockSignature kept, BlockSignature candidate, long referencePixels) {
    return fails(kept, candidate, null, referencePixels);
  }

  /**
   * {@link #fails(BlockSignature, BlockSignature, long)} against tile sums of {@code probe}'s grid
   * known only to within their slack ({@link BlockSignature#changedAtLeast(double[], int, int, int,
   * int, int)}).
   */
  default boolean fails(BlockSignature probe, double[] approximate, long referencePixels) {
    return fails(probe, null, approximate, referencePixels);
  }

  /**
   * {@link #fails(BlockSignature, BlockSignature, long)} with the two images' {@link
   * TileHistograms} as well, which proves more pairs fail (the same-grid pairs the sums leave, most
   * of those of unrelated images). Nothing beyond the threshold, the mask and {@link #changedLimit}
   * enters, so it holds wherever the sums' bound holds.
   */
  default boolean fails(
      BlockSignature kept,
      TileHistograms keptTiles,
      BlockSignature candidate,
      TileHistograms candidateTiles,
      long referencePixels) {
    int w = kept.width();
    int h = kept.height();
    BorderMask m = mask();
    long limit = changedLimit(w, h, referencePixels);
    long changed =
        kept.changedAtLeast(
            candidate,
            keptTiles,
            candidateTiles,
            threshold(),
            m.leftPixels(w),
            m.topPixels(h),
            w - m.rightPixels(w),
            h - m.bottomPixels(h),
            limit);
    return changed > limit;
  }

  private boolean fails(
      BlockSignature mine, BlockSignature other, double[] approximate, long referencePixels) {
    int w = mine.width();
    int h = mine.height();
    BorderMask m = mask();
    int x0 = m.leftPixels(w);
    int y0 = m.topPixels(h);
    int x1 = w - m.rightPixels(w);
    int y1 = h - m.bottomPixels(h);
    long changed =
        other != null
            ? mine.changedAtLeast(other, threshold(), x0, y0, x1, y1)
            : mine.changedAtLeast(approximate, threshold(), x0, y0, x1, y1);
    return changed > changedLimit(w, h, referencePixels);
  }
}
