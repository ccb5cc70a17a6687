package dev.neardup.group;

import dev.neardup.image.ContentHashes;
import dev.neardup.image.GrayHistogram;
import dev.neardup.image.PerceptualHash;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The kept images' pHash variants, gray histograms and content boxes, indexed so that a probe finds
 * every kept image that {@link GeometricProposal#proposes} may propose without testing each.
 *
 * <ul>
 *   <li><b>pHash variants.</b> {@link PerceptualHash#geometricDistance geometricDistance(kept,
 *       probe)} is the least of {@code hamming(kept[0], probe[v])} for {@code v} in 0…5, {@code
 *       hamming(kept[6], probe[0])} and {@code hamming(kept[0], probe[6])}; so it is at most {@code
 *       m} exactly when one of those eight distances is, and each is a radius-{@code m} look-up of
 *       one probe hash in a {@link HashIndex} of one variant slot of the kept images (slot 0 with
 *       the probe's variants 0…6, slot 6 with the probe's variant 0). Every slot is indexed, for
 *       the reverse direction a content box needs.
 *   <li><b>Histograms.</b> {@link GrayHistogram#distance} is the L1 distance of 32 bins; the L1
 *       distance of 8 coarse bins (sums of 4 adjacent bins) is at most it (triangle inequality), so
 *       a {@link RangeTree} over the coarse bins with radius {@link GrayHistogram#ALIGN_CANDIDATE}
 *       (plus 10<sup>-4</sup> for the float rounding of the fine distance) finds a superset, which
 *       the fine distance then narrows exactly.
 *   <li><b>Content boxes.</b> A probe with a content box asks the same two structures with its
 *       box's hashes, in both directions. A kept image with a content box is always passed: its box
 *       is tested by {@link GeometricProposal} itself, so the images with borders (usually few) are
 *       still scanned.
 * </ul>
 *
 * Not thread-safe ({@link KeptImages} guards it).
 */
final class GeometricIndex {
  private static final int COARSE = 8;
  private static final double ROUNDING = 1e-4;

  private final HashIndex[] slots = new HashIndex[PerceptualHash.VARIANTS];
  private final RangeTree histograms = new RangeTree(COARSE);
  private final List<KeptImages.Entry> entries = new ArrayList<>();
  private final List<float[]> fine = new ArrayList<>();
  private final List<KeptImages.Entry> always = new ArrayList<>();
  private static final double[] NO_DEAD_ZONE = new double[COARSE];

  GeometricIndex() {
    for (int v = 0; v < slots.length; v++) {
      slots[v] = new HashIndex();
    }
  }

  /**
   * Adds a kept image with its values; with null ones (they could not be read) it is always passed.
   */
  void add(KeptImages.Entry e, long[] variants, float[] histogram, ContentHashes content) {
    if (variants == null || histogram == null || content == null || content.trimmed()) {
      always.add(e);
      return;
    }
    entries.add(e);
    fine.add(histogram);
    for (int v = 0; v < slots.length; v++) {
      slots[v].add(variants[v]);
    }
    histograms.add(entries.size() - 1, coarse(histogram));
  }

  /**
   * Passes to {@code out} every kept image that {@link GeometricProposal#proposes} may propose for
   * a probe with these values, possibly more than once.
   */
  void query(
      long[] variants,
      float[] histogram,
      ContentHashes content,
      int maxHamming,
      Consumer<KeptImages.Entry> out) {
    always.forEach(out);
    proposals(variants, histogram, maxHamming, out);
    if (content.trimmed()) {
      long[] box = content.variants();
      // geometricDistance(box, kept): the kept image's variants 0…6 against the box's 0 and 6
      for (int v = 0; v < slots.length; v++) {
        slot(v, box[0], maxHamming, out);
      }
      slot(0, box[6], maxHamming, out);
      proposals(box, content.histogram(), maxHamming, out); // geometricDistance(kept, box)
    }
  }

  /** geometricDistance(kept, probe) ≤ m, or the histograms within the candidate distance. */
  private void proposals(
      long[] probe, float[] histogram, int maxHamming, Consumer<KeptImages.Entry> out) {
    for (int v = 0; v < PerceptualHash.VARIANTS; v++) {
      slot(0, probe[v], maxHamming, out);
    }
    slot(6, probe[0], maxHamming, out);
    histograms.query(
        coarse(histogram),
        NO_DEAD_ZONE,
        GrayHistogram.ALIGN_CANDIDATE + ROUNDING,
        (id, d) -> {
          if (GrayHistogram.distance(fine.get(id), histogram) <= GrayHistogram.ALIGN_CANDIDATE) {
            out.accept(entries.get(id));
          }
        });
  }

  private void slot(int v, long q, int maxHamming, Consumer<KeptImages.Entry> out) {
    slots[v].query(q, maxHamming, id -> out.accept(entries.get(id)));
  }

  private static double[] coarse(float[] h) {
    double[] c = new double[COARSE];
    int per = GrayHistogram.BINS / COARSE;
    for (int i = 0; i < GrayHistogram.BINS; i++) {
      c[i / per] += h[i];
    }
    return c;
  }
}
