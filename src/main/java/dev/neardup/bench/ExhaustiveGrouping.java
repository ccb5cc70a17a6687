package dev.neardup.bench;

import dev.neardup.group.Grouper;
import dev.neardup.group.KeeperPolicy;
import dev.neardup.image.GrayImage;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.PixelDiffParams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The camera users' own method, written the slow and obvious way: visit the images in order,
 * compare each with every image kept so far (oldest first), and keep it when none is a duplicate.
 * No index, no pruning, no candidate order: the cost is images × kept checks.
 *
 * <p>It is the one definition of exhaustive leader clustering: the baseline that {@code bench dedup
 * --exhaustive} times neardup against ({@link #kept(IndexSnapshot, List, PixelDiffParams,
 * KeeperPolicy, boolean)}, the step-by-step {@link PixelDiff} on the same stored verification
 * images as neardup), and the oracle the exactness tests compare grouping with ({@link #kept(List,
 * Comparator, boolean, long, PairCheck)} with their own pair verdicts, scored once for many
 * fractions).
 */
public final class ExhaustiveGrouping {
  private ExhaustiveGrouping() {}

  /** The verdict on one pair, by position in the list of images. */
  @FunctionalInterface
  public interface PairCheck {
    /** Whether the probe {@code probe} is a duplicate of the kept image {@code kept}. */
    boolean duplicate(int kept, int probe);
  }

  /**
   * The positions of the images kept, in visit order.
   *
   * @param order the visit order (ties keep the list's order)
   * @param sameCamera compare only images of one camera
   * @param windowMillis when above 0 ({@code --window}): compare a frame only with kept frames of
   *     its own camera at most this far apart in time
   * @param check the pixel verdict; images with the same SHA-256 are duplicates without it
   */
  public static List<Integer> kept(
      List<ImageRecord> images,
      Comparator<ImageRecord> order,
      boolean sameCamera,
      long windowMillis,
      PairCheck check) {
    List<Integer> visit = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      visit.add(i);
    }
    visit.sort((a, b) -> order.compare(images.get(a), images.get(b)));
    List<Integer> kept = new ArrayList<>();
    for (int i : visit) {
      ImageRecord r = images.get(i);
      boolean duplicate = false;
      for (int k : kept) {
        ImageRecord other = images.get(k);
        if (sameCamera && !Objects.equals(r.camera(), other.camera())) {
          continue;
        }
        if (windowMillis > 0
            && (!Objects.equals(r.camera(), other.camera())
                || Math.abs(r.timestampMillis() - other.timestampMillis()) > windowMillis)) {
          continue;
        }
        if (r.sha256().equals(other.sha256()) || check.duplicate(k, i)) {
          duplicate = true;
          break;
        }
      }
      if (!duplicate) {
        kept.add(i);
      }
    }
    return kept;
  }

  /**
   * The paths kept when every pair is judged by the step-by-step {@link PixelDiff} on the stored
   * verification images, visited in the keeper's order.
   *
   * @param sameCamera compare frames only within one camera
   */
  public static List<String> kept(
      IndexSnapshot snapshot,
      List<IndexedImage> images,
      PixelDiffParams params,
      KeeperPolicy keeper,
      boolean sameCamera) {
    PixelDiff pixelDiff = new PixelDiff(params);
    List<ImageRecord> records = images.stream().map(IndexedImage::record).toList();
    GrayImage[] gray = new GrayImage[images.size()];
    PairCheck check =
        (k, i) -> {
          for (int at : new int[] {k, i}) {
            if (gray[at] == null) {
              gray[at] = snapshot.verificationImage(images.get(at).docId());
            }
          }
          long pixels = Math.min(records.get(k).pixels(), records.get(i).pixels());
          return pixelDiff.compareThumbnails(gray[k], gray[i], pixels).duplicate();
        };
    return kept(records, Grouper.visitOrder(keeper), sameCamera, 0, check).stream()
        .map(i -> records.get(i).path())
        .toList();
  }
}
