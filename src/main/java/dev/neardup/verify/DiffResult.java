package dev.neardup.verify;

import dev.neardup.image.Box;
import java.util.List;

/**
 * The verdict of {@link PixelDiff} on one pair of images.
 *
 * <p>When the pair is not comparable under this check (aspect ratios too different), {@code note}
 * says why, {@code duplicate} is false, {@code score} and {@code changedFraction} are {@link
 * Double#NaN} and {@code regions} is empty: the check did not run, so there is no score to report,
 * and reporting 0 or "everything changed" would be a made-up number.
 *
 * @param score summed contour area, in pixels² of the scored resolution, of the changed regions
 *     whose area is at least the (scaled) minimum contour area
 * @param changedFraction {@code score / (width * height)}; comparable across resolutions
 * @param duplicate whether {@code changedFraction <= fraction} (and the pair was comparable)
 * @param width columns of the scored resolution: the smaller image's for {@link PixelDiff#compare},
 *     the thumbnail mask enlarged towards the reference size for {@link
 *     PixelDiff#compareThumbnails}
 * @param height rows of the scored resolution
 * @param regions bounding boxes of the counted regions, in the scored resolution, in the order
 *     OpenCV found them
 * @param note null when the check ran; otherwise a sentence saying why it did not
 */
public record DiffResult(
    double score,
    double changedFraction,
    boolean duplicate,
    int width,
    int height,
    List<Box> regions,
    String note) {

  /** Copies {@code regions} so that the result is immutable. */
  public DiffResult {
    regions = List.copyOf(regions);
  }

  /** A result for a pair that the check could not compare, with the reason. */
  public static DiffResult notComparable(int width, int height, String note) {
    return new DiffResult(Double.NaN, Double.NaN, false, width, height, List.of(), note);
  }

  /** Whether the check ran on this pair ({@code note == null}). */
  public boolean comparable() {
    return note == null;
  }
}
