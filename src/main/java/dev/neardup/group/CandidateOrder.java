package dev.neardup.group;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.ContentHashes;
import dev.neardup.image.TileHistograms;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.Neighbor;
import dev.neardup.verify.SignatureBound;
import dev.neardup.verify.Verifier;
import dev.neardup.verify.VerifyMode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first step of a {@link CandidateFinder} search: the kept images the candidate stage admits,
 * most likely first. The stage is the cosine threshold with embeddings, the pHash distance with
 * {@link CandidateSource#PHASH} (or {@code --verify none} without embeddings), else every kept
 * image (found through the kept images' indexes: only those that can pass or be proposed, see
 * {@link #reachable}); at {@code --verify scene} with embeddings, the same-scene proposals ({@link
 * WordProposal}) below the threshold as well, after the embedding's candidates and without a
 * cosine; {@code --window} then keeps recent frames of the probe's camera only. The order is the
 * kept frame of the probe's camera nearest in time, then by cosine or pHash distance, the earliest
 * kept first among equals. Counts what it gates, widens and windows in the session's stats.
 */
final class CandidateOrder {
  private final IndexSnapshot snapshot;
  private final GroupingOptions options;
  private final boolean useVectors;
  private final boolean phashGate;
  private final Verifier verifier;
  private final boolean geometric;
  private final boolean plainScan;
  private final SearchStats.Counter stats;

  /**
   * @param plainScan pass every kept image without an embedding (the definition, as a baseline),
   *     instead of only those the indexes find
   */
  CandidateOrder(
      IndexSnapshot snapshot,
      GroupingOptions options,
      Verifier verifier,
      boolean useVectors,
      boolean phashGate,
      boolean plainScan,
      SearchStats.Counter stats) {
    this.snapshot = snapshot;
    this.options = options;
    this.verifier = verifier;
    this.geometric = verifier.mode() == VerifyMode.ALIGNED || verifier.mode() == VerifyMode.SCENE;
    this.useVectors = useVectors;
    this.phashGate = phashGate;
    this.plainScan = plainScan;
    this.stats = stats;
  }

  /**
   * The kept images the candidate stage admits, most likely first, each with its cosine (null
   * without embeddings).
   */
  Map<KeptImages.Entry, Float> of(
      CandidateFinder.Probe probe,
      KeptImages kept,
      GeometricProposal proposal,
      ResizedProbe resized) {
    ImageRecord image = probe.record();
    List<KeptImages.Entry> pool;
    Map<KeptImages.Entry, Float> cosines = null;
    BitSet reached = null;
    List<KeptImages.Entry> sceneOnly = List.of();
    if (useVectors && probe.vector() != null) {
      cosines = aboveThreshold(probe.vector(), kept);
      pool = new ArrayList<>(cosines.keySet());
      stats.gated += kept.size() - pool.size();
      if (geometric && proposal.words() != null) {
        // With a model too, the same-scene proposals: tried after the embedding's, no cosine.
        Map<KeptImages.Entry, Float> admitted = cosines;
        List<KeptImages.Entry> extra = new ArrayList<>();
        proposal
            .words()
            .forEach(
                e -> {
                  if (!admitted.containsKey(e)) {
                    extra.add(e);
                  }
                });
        sceneOnly = window(image, kept, extra);
      }
    } else {
      reached = reachable(probe, kept, proposal, resized);
      if (reached == null) {
        pool = kept.all();
      } else {
        pool = new ArrayList<>(reached.cardinality());
        for (int r = reached.nextSetBit(0); r >= 0; r = reached.nextSetBit(r + 1)) {
          pool.add(kept.all().get(r));
        }
        stats.pruned += kept.size() - pool.size();
      }
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
    if (nearest != null
        && (cosines == null || cosines.containsKey(nearest))
        && (reached == null || reached.get(nearest.rank))) {
      boolean admitted =
          !phashGate || CandidateFinder.hamming(image, nearest.record) <= options.maxHamming();
      if (admitted && inWindow(image, nearest.record)) {
        ordered.put(nearest, cosines == null ? null : cosines.get(nearest));
      }
    }
    for (KeptImages.Entry e : byCloseness) {
      ordered.putIfAbsent(e, cosines == null ? null : cosines.get(e));
    }
    for (KeptImages.Entry e : sceneOnly) {
      ordered.putIfAbsent(e, null);
    }
    return ordered;
  }

  /**
   * The ranks of the kept images the indexes reach, without an embedding: those whose pair with the
   * probe the signature bound does not prune ({@link KeptImages#unpruned}), and with a geometric
   * verifier those {@link GeometricProposal} may propose ({@link KeptImages#proposable}, and the
   * same-scene {@link WordProposal} itself); or null, every kept image, when the indexes cannot be
   * asked (the plain scan, {@code --max-checks}, {@code --verify none}, a probe without a
   * signature, a value that cannot be read).
   *
   * <p><b>Why the search's answer is the same.</b> A kept image left out is one that {@link
   * CandidateFinder} would prune (its signature bound proves the identity check fails) and that no
   * geometric stage proposes, so the search never checks it after its first check; and were it the
   * first candidate (which is checked without pruning), its check fails by that proof. The images
   * reached keep the order of the scan. So the first duplicate, every duplicate and the verdict on
   * each pair checked are the same; only pairs proven to fail are no longer listed, and are counted
   * as pruned instead. {@code --max-checks} counts checks, so under it every kept image is passed.
   */
  private BitSet reachable(
      CandidateFinder.Probe probe,
      KeptImages kept,
      GeometricProposal proposal,
      ResizedProbe resized) {
    if (plainScan || options.maxChecks() > 0 || verifier.mode() == VerifyMode.NONE) {
      return null;
    }
    ImageRecord image = probe.record();
    BlockSignature mine;
    try {
      mine =
          probe.doc() >= 0
              ? snapshot.signature(probe.doc())
              : image.signatures() == null ? null : image.signatures().signature();
    } catch (RuntimeException e) {
      mine = null;
    }
    if (mine == null) {
      return null;
    }
    BitSet reached = new BitSet(kept.size());
    BlockSignature probeSignature = mine;
    kept.unpruned(
        snapshot,
        verifier,
        mine,
        image.pixels(),
        resized,
        e -> {
          if (!tilesProveFail(e, probeSignature, image.pixels(), resized)) {
            reached.set(e.rank);
          }
        });
    if (geometric) {
      long[] variants;
      float[] histogram;
      ContentHashes content;
      try {
        variants = proposal.variants();
        histogram = proposal.histogram();
        content = proposal.content();
      } catch (RuntimeException e) {
        return null; // the search meets the failure itself, and records it, as without indexes
      }
      kept.proposable(
          snapshot, variants, histogram, content, options.maxHamming(), e -> reached.set(e.rank));
      if (proposal.words() != null) {
        proposal.words().forEach(e -> reached.set(e.rank));
      }
    }
    return reached;
  }

  /**
   * Whether the bound on tile histograms ({@link SignatureBound#fails(BlockSignature,
   * TileHistograms, BlockSignature, TileHistograms, long)}) proves that the identity check of
   * {@code e} and the probe fails, where the sums alone did not: only for a kept image whose pixels
   * this process has read (its histograms are kept with it), in the grid the check compares the two
   * in (the probe's own, or the probe resized to a smaller kept image, {@link ResizedProbe}). False
   * (no proof) in every other case.
   */
  private boolean tilesProveFail(
      KeptImages.Entry e, BlockSignature probe, long probePixels, ResizedProbe resized) {
    SignatureBound bound = verifier.signatureBound();
    TileHistograms keptTiles = e.tiles();
    if (bound == null || keptTiles == null) {
      return false;
    }
    try {
      BlockSignature keptSignature = e.signature(snapshot);
      BlockSignature at = resized.signatureIn(keptSignature, probe);
      TileHistograms probeTiles = at == null ? null : resized.tilesAt(keptSignature, probe);
      return probeTiles != null
          && bound.fails(
              keptSignature, keptTiles, at, probeTiles, Math.min(probePixels, e.record.pixels()));
    } catch (RuntimeException ex) {
      return false;
    }
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

  /**
   * The kept frame of the probe's camera nearest in time, or null; the earlier one on a tie. Phase
   * 2 of the two-phase dedup ({@link NeighbourGrouping}) asks it too, on its own kept set, so that
   * the rule is written once.
   */
  static KeptImages.Entry nearestFrame(ImageRecord image, KeptImages kept) {
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
