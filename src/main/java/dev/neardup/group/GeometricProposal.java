package dev.neardup.group;

import dev.neardup.image.ContentHashes;
import dev.neardup.image.GrayHistogram;
import dev.neardup.image.PerceptualHash;
import dev.neardup.image.Signatures;
import dev.neardup.image.StoredImage;
import dev.neardup.index.IndexSnapshot;

/**
 * The geometric candidate stage for one probe without an embedding: whether a kept image may be a
 * mirrored, turned, cropped or letter-/pillar-boxed copy of it, so that the geometric levels may
 * run on the pair. Proposed when the pHash variants are close ({@link
 * PerceptualHash#geometricDistance} at most the maximum Hamming distance), or the gray histograms
 * are ({@link GrayHistogram#ALIGN_CANDIDATE}), or either test holds on a content box; and with
 * {@code --verify scene} without an embedding, when the probe's visual words propose it ({@link
 * WordProposal}).
 *
 * <p>The probe's values are read from the index when it is an indexed image, else taken from its
 * record's {@link Signatures} (the analyzer computed them from the same verification image), and
 * computed from its verification image only when the record has none; each on first use: most
 * probes are decided by the identity check before any is needed. Not thread-safe: one per probe
 * search.
 */
final class GeometricProposal {
  private final IndexSnapshot snapshot;
  private final int maxHamming;
  private final int doc;
  private final Signatures known;
  private final StoredImage image;
  private long[] variants;
  private float[] histogram;
  private ContentHashes content;
  private final WordProposal words;

  /** The stage without visual words. */
  GeometricProposal(
      IndexSnapshot snapshot, int maxHamming, int doc, Signatures known, StoredImage image) {
    this(snapshot, maxHamming, doc, known, image, null);
  }

  /**
   * @param doc the probe's doc id when it is indexed, else -1
   * @param known the probe record's values, or null when it carries none
   * @param image the probe's stored verification image
   * @param words the same-scene stage, or null when it does not apply
   */
  GeometricProposal(
      IndexSnapshot snapshot,
      int maxHamming,
      int doc,
      Signatures known,
      StoredImage image,
      WordProposal words) {
    this.words = words;
    this.snapshot = snapshot;
    this.maxHamming = maxHamming;
    this.doc = doc;
    this.known = known;
    this.image = image;
  }

  /**
   * Whether the stage proposes the pair of the probe and {@code k}.
   *
   * @throws RuntimeException when a value of either image cannot be read or computed
   */
  boolean proposes(KeptImages.Entry k) {
    long[] myVariants = variants();
    float[] myHistogram = histogram();
    if (PerceptualHash.geometricDistance(k.variants(snapshot), myVariants) <= maxHamming
        || GrayHistogram.distance(k.histogram(snapshot), myHistogram)
            <= GrayHistogram.ALIGN_CANDIDATE) {
      return true;
    }
    return boxedClose(k, content(), myVariants, myHistogram)
        || (words != null && words.proposes(k));
  }

  /** The same-scene stage of this probe, or null when it does not apply. */
  WordProposal words() {
    return words;
  }

  /**
   * Whether a letter- or pillar-boxed copy may be the pair: when either image has uniform borders,
   * the hashes of its content box are close to the whole or the content box of the other (the same
   * two tests as for whole images, in both directions, so the answer does not depend on which image
   * is the probe). Two images without borders are never proposed here.
   */
  private boolean boxedClose(
      KeptImages.Entry k, ContentHashes mine, long[] myVariants, float[] myHistogram) {
    ContentHashes theirs = k.content(snapshot);
    if (!mine.trimmed() && !theirs.trimmed()) {
      return false;
    }
    long[] kv = k.variants(snapshot);
    float[] kh = k.histogram(snapshot);
    return (mine.trimmed() && close(mine.variants(), mine.histogram(), kv, kh))
        || (theirs.trimmed()
            && close(theirs.variants(), theirs.histogram(), myVariants, myHistogram))
        || (mine.trimmed()
            && theirs.trimmed()
            && close(mine.variants(), mine.histogram(), theirs.variants(), theirs.histogram()));
  }

  private boolean close(long[] av, float[] ah, long[] bv, float[] bh) {
    int d =
        Math.min(
            PerceptualHash.geometricDistance(av, bv), PerceptualHash.geometricDistance(bv, av));
    return d <= maxHamming || GrayHistogram.distance(ah, bh) <= GrayHistogram.ALIGN_CANDIDATE;
  }

  /** The probe's pHash variants (read or computed once). */
  long[] variants() {
    if (variants == null) {
      variants = doc >= 0 ? snapshot.phashVariants(doc) : PerceptualHash.variants(image.gray());
    }
    return variants;
  }

  /** The probe's gray histogram (read or computed once). */
  float[] histogram() {
    if (histogram == null) {
      if (doc >= 0) {
        histogram = snapshot.histogram(doc);
      } else {
        histogram = known != null ? known.histogram() : GrayHistogram.of(image.gray());
      }
    }
    return histogram;
  }

  /** The probe's content-box hashes (read or computed once). */
  ContentHashes content() {
    if (content == null) {
      if (doc >= 0) {
        content = snapshot.contentHashes(doc);
      } else {
        content = known != null ? known.content() : ContentHashes.of(image.gray());
      }
    }
    return content;
  }
}
