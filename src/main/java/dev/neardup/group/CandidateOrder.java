package dev.neardup.group;

import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.Neighbor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first step of a {@link CandidateFinder} search: the kept images the candidate stage admits,
 * most likely first. The stage is the cosine threshold with embeddings, the pHash distance with
 * {@link CandidateSource#PHASH} (or {@code --verify none} without embeddings), else every kept
 * image; {@code --window} then keeps recent frames of the probe's camera only. The order is the
 * kept frame of the probe's camera nearest in time, then by cosine or pHash distance, the earliest
 * kept first among equals. Counts what it gates, widens and windows in the session's stats.
 */
final class CandidateOrder {
  private final IndexSnapshot snapshot;
  private final GroupingOptions options;
  private final boolean useVectors;
  private final boolean phashGate;
  private final SearchStats.Counter stats;

  CandidateOrder(
      IndexSnapshot snapshot,
      GroupingOptions options,
      boolean useVectors,
      boolean phashGate,
      SearchStats.Counter stats) {
    this.snapshot = snapshot;
    this.options = options;
    this.useVectors = useVectors;
    this.phashGate = phashGate;
    this.stats = stats;
  }

  /**
   * The kept images the candidate stage admits, most likely first, each with its cosine (null
   * without embeddings).
   */
  Map<KeptImages.Entry, Float> of(CandidateFinder.Probe probe, KeptImages kept) {
    ImageRecord image = probe.record();
    List<KeptImages.Entry> pool;
    Map<KeptImages.Entry, Float> cosines = null;
    if (useVectors && probe.vector() != null) {
      cosines = aboveThreshold(probe.vector(), kept);
      pool = new ArrayList<>(cosines.keySet());
      stats.gated += kept.size() - pool.size();
    } else {
      pool = kept.all();
    }
    pool = window(image, kept, pool);
    // Order: nearest kept frame of the same camera first, then by closeness (cosine, else pHash
    // distance), the earliest kept first among equals (it joins the first kept image it can).
    List<KeptImages.Entry> byCloseness = new ArrayList<>(pool.size());
    if (cosines != null) {
      Map<KeptImages.Entry, Float> cos = cosines;
      byCloseness.addAll(pool);
      byCloseness.sort(
          (a, b) -> {
            int c = Float.compare(cos.get(b), cos.get(a));
            return c != 0 ? c : Integer.compare(a.rank, b.rank);
          });
    } else {
      List<List<KeptImages.Entry>> buckets = new ArrayList<>(65);
      for (int d = 0; d <= 64; d++) {
        buckets.add(new ArrayList<>());
      }
      for (KeptImages.Entry e : pool) {
        int d = CandidateFinder.hamming(image, e.record);
        if (phashGate && d > options.maxHamming()) {
          stats.gated++;
          continue;
        }
        buckets.get(d).add(e);
      }
      for (List<KeptImages.Entry> b : buckets) {
        byCloseness.addAll(b);
      }
    }
    Map<KeptImages.Entry, Float> ordered = new LinkedHashMap<>();
    KeptImages.Entry nearest = nearestFrame(image, kept);
    if (nearest != null && (cosines == null || cosines.containsKey(nearest))) {
      boolean admitted =
          !phashGate || CandidateFinder.hamming(image, nearest.record) <= options.maxHamming();
      if (admitted && inWindow(image, nearest.record)) {
        ordered.put(nearest, cosines == null ? null : cosines.get(nearest));
      }
    }
    for (KeptImages.Entry e : byCloseness) {
      ordered.putIfAbsent(e, cosines == null ? null : cosines.get(e));
    }
    return ordered;
  }

  /** Every kept image with cosine ≥ threshold (k-NN among the kept, widened until it is). */
  private Map<KeptImages.Entry, Float> aboveThreshold(float[] vector, KeptImages kept) {
    Map<KeptImages.Entry, Float> out = new HashMap<>();
    if (kept.size() == 0) {
      return out;
    }
    int k = Math.min(options.searchWidth(), kept.size());
    while (true) {
      List<Neighbor> hits = snapshot.nearestAmong(vector, k, kept.docs());
      boolean saturated =
          hits.size() == k
              && k < kept.size()
              && hits.get(hits.size() - 1).cosine() >= options.threshold();
      if (!saturated) {
        for (Neighbor n : hits) {
          KeptImages.Entry e = kept.byDoc(n.docId());
          if (e != null && n.cosine() >= options.threshold()) {
            out.put(e, n.cosine());
          }
        }
        return out;
      }
      stats.widened++;
      k = (int) Math.min((long) k * 4, kept.size());
    }
  }

  /** With {@code --window}: only kept frames of the probe's camera that recent. */
  private List<KeptImages.Entry> window(
      ImageRecord image, KeptImages kept, List<KeptImages.Entry> pool) {
    if (options.windowMillis() == 0 || !image.isCameraFrame()) {
      return pool;
    }
    List<KeptImages.Entry> in = new ArrayList<>();
    for (KeptImages.Entry e : pool) {
      if (inWindow(image, e.record)) {
        in.add(e);
      }
    }
    if (in.size() < pool.size()) {
      stats.windowHits++;
    }
    return in;
  }

  private boolean inWindow(ImageRecord image, ImageRecord k) {
    if (options.windowMillis() == 0 || !image.isCameraFrame()) {
      return true;
    }
    return k.isCameraFrame()
        && image.camera().equals(k.camera())
        && Math.abs(image.timestampMillis() - k.timestampMillis()) <= options.windowMillis();
  }

  /** The kept frame of the probe's camera nearest in time, or null. */
  private KeptImages.Entry nearestFrame(ImageRecord image, KeptImages kept) {
    if (!image.isCameraFrame()) {
      return null;
    }
    List<KeptImages.Entry> frames = kept.ofCamera(image.camera());
    if (frames.isEmpty()) {
      return null;
    }
    int lo = 0;
    int hi = frames.size() - 1;
    long t = image.timestampMillis();
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (frames.get(mid).record.timestampMillis() <= t) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    KeptImages.Entry best = frames.get(lo);
    if (lo + 1 < frames.size()) {
      KeptImages.Entry next = frames.get(lo + 1);
      if (Math.abs(next.record.timestampMillis() - t)
          < Math.abs(best.record.timestampMillis() - t)) {
        best = next;
      }
    }
    return best;
  }
}
