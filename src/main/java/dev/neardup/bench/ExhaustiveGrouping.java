package dev.neardup.bench;

import dev.neardup.group.Grouper;
import dev.neardup.group.KeeperPolicy;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.verify.GrayImage;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.PixelDiffParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The camera users' own method, as the baseline of {@code bench dedup --exhaustive}: visit the
 * frames in time order, compare each with every frame kept so far (oldest first) with the
 * step-by-step {@link PixelDiff}, and keep it when none is a duplicate. No index, no pruning, no
 * ordering: the cost is frames × kept checks. It reads the same stored verification images as
 * neardup, so the two are timed on the same pixels.
 */
public final class ExhaustiveGrouping {
  private ExhaustiveGrouping() {}

  /**
   * The paths kept.
   *
   * @param sameCamera compare frames only within one camera
   */
  public static List<String> kept(
      IndexSnapshot snapshot,
      List<IndexedImage> images,
      PixelDiffParams params,
      KeeperPolicy keeper,
      boolean sameCamera) {
    PixelDiff check = new PixelDiff(params);
    List<IndexedImage> order = new ArrayList<>(images);
    order.sort((a, b) -> Grouper.visitOrder(keeper).compare(a.record(), b.record()));
    List<ImageRecord> kept = new ArrayList<>();
    List<GrayImage> keptGray = new ArrayList<>();
    for (IndexedImage i : order) {
      ImageRecord r = i.record();
      GrayImage g = snapshot.thumbnail(i.docId());
      boolean duplicate = false;
      for (int k = 0; k < kept.size() && !duplicate; k++) {
        ImageRecord other = kept.get(k);
        if (sameCamera && !Objects.equals(r.camera(), other.camera())) {
          continue;
        }
        duplicate =
            r.sha256().equals(other.sha256())
                || check
                    .compareThumbnails(keptGray.get(k), g, Math.min(r.pixels(), other.pixels()))
                    .duplicate();
      }
      if (!duplicate) {
        kept.add(r);
        keptGray.add(g);
      }
    }
    return kept.stream().map(ImageRecord::path).toList();
  }
}
