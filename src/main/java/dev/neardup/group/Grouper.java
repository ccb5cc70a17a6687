package dev.neardup.group;

import dev.neardup.embed.PerceptualHash;
import dev.neardup.index.Decisions;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.index.Neighbor;
import dev.neardup.verify.GrayImage;
import dev.neardup.verify.PixelDiff;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import org.apache.lucene.util.FixedBitSet;

/**
 * Groups images by leader clustering, so that every removed image is a verified duplicate <em>of
 * the image kept in its place</em>.
 *
 * <p>Why not connected components: in a slowly changing camera sequence frame 1 ~ frame 2 ~ … ~
 * frame 500 would collapse into one group although frame 1 and frame 500 differ. Instead images are
 * visited in a deterministic order — camera frames by camera then capture time, then all other
 * images in the {@link KeeperPolicy}'s order — and each image joins the first kept image (in visit
 * order) that it is a verified duplicate of, or becomes a kept image itself.
 *
 * <p>Candidates for "verified duplicate of a kept image" come from, in this order: the same SHA-256
 * (byte-identical, no check needed); the HNSW neighbours with cosine ≥ threshold (a neighbour that
 * already joined a group proposes that group's kept image, whose own cosine is then computed and
 * must pass too; when the neighbour list is saturated without a proposal, a k-NN search restricted
 * to the kept images follows); or, in an index without embeddings, every kept image within the
 * pHash distance. Each candidate is then confirmed by the pixel-diff check on the stored thumbnails
 * unless {@link VerifyMode#NONE}.
 *
 * <p>People's {@link Decisions} recorded in the index come first: a pair marked "not a duplicate"
 * is never grouped, whatever the evidence, and an image pinned as kept is visited before all others
 * and always kept, so that its look-alikes join it rather than the other way round.
 *
 * <p>For evaluation a {@link CandidateSource} other than {@link CandidateSource#INDEX} can be
 * chosen: pHash candidates alone, or a brute-force scan of every kept image.
 */
public final class Grouper {
  private static final int CACHE_ENTRIES = 4096;

  private final GroupingOptions options;
  private final PixelDiff pixelDiff;
  private final CandidateSource source;

  /**
   * @param pixelDiff the check that confirms candidates; may be null only with {@link
   *     VerifyMode#NONE}
   */
  public Grouper(GroupingOptions options, PixelDiff pixelDiff) {
    this(options, pixelDiff, CandidateSource.INDEX);
  }

  /**
   * A grouper that takes its candidates from {@code source}.
   *
   * @throws IllegalArgumentException for {@link CandidateSource#SCAN} with {@link VerifyMode#NONE}:
   *     every pair would be a duplicate
   */
  public Grouper(GroupingOptions options, PixelDiff pixelDiff, CandidateSource source) {
    this.options = Objects.requireNonNull(options, "options");
    this.source = Objects.requireNonNull(source, "source");
    if (options.verify() == VerifyMode.PIXEL) {
      Objects.requireNonNull(pixelDiff, "pixelDiff is required with verify mode PIXEL");
    }
    if (source == CandidateSource.SCAN && options.verify() == VerifyMode.NONE) {
      throw new IllegalArgumentException(
          "candidate source SCAN needs verify mode PIXEL; with NONE every pair is a duplicate");
    }
    this.pixelDiff = pixelDiff;
  }

  /** The order in which images are visited: camera frames in time order first, then the rest. */
  public static Comparator<ImageRecord> visitOrder(KeeperPolicy keeper) {
    Comparator<ImageRecord> frames =
        Comparator.comparing(ImageRecord::camera)
            .thenComparingLong(ImageRecord::timestampMillis)
            .thenComparing(ImageRecord::path);
    return (a, b) -> {
      if (a.isCameraFrame() != b.isCameraFrame()) {
        return a.isCameraFrame() ? -1 : 1;
      }
      return a.isCameraFrame() ? frames.compare(a, b) : keeper.order().compare(a, b);
    };
  }

  /**
   * Groups {@code images}, all listed by {@code snapshot}.
   *
   * @param onImageDone called with the number of images placed so far (for a progress bar)
   */
  public Grouping group(
      IndexSnapshot snapshot, List<IndexedImage> images, IntConsumer onImageDone) {
    return new Run(snapshot, images).run(onImageDone);
  }

  /** State of one grouping run. */
  private final class Run {
    private final IndexSnapshot snapshot;
    private final List<IndexedImage> order;
    private final Map<Integer, Integer> positionOfDoc = new HashMap<>();
    private final int[] leaderOf;
    private final List<Integer> leaders = new ArrayList<>();
    private final int[] leaderRank;
    private final Map<String, Integer> leaderBySha = new HashMap<>();
    private final FixedBitSet leaderDocs;
    private final Map<Integer, float[]> vectors = lru();
    private final Map<Integer, GrayImage> thumbnails = lru();
    private final boolean hasVectors;
    private final List<PairCheck> pairs = new ArrayList<>();
    private final Map<Integer, List<Group.Member>> membersOf = new TreeMap<>();
    private final Decisions decisions;

    Run(IndexSnapshot snapshot, List<IndexedImage> images) {
      this.snapshot = snapshot;
      this.decisions = snapshot.decisions();
      this.order = new ArrayList<>(images);
      Comparator<ImageRecord> visit = visitOrder(options.keeper());
      Comparator<IndexedImage> pinnedFirst =
          Comparator.comparing((IndexedImage i) -> !decisions.isPinnedKeeper(i.record().path()));
      order.sort(pinnedFirst.thenComparing((a, b) -> visit.compare(a.record(), b.record())));
      for (int i = 0; i < order.size(); i++) {
        positionOfDoc.put(order.get(i).docId(), i);
      }
      leaderOf = new int[order.size()];
      java.util.Arrays.fill(leaderOf, -1);
      leaderRank = new int[order.size()];
      leaderDocs = new FixedBitSet(Math.max(1, snapshot.maxDoc()));
      hasVectors = !order.isEmpty() && snapshot.vector(order.get(0).docId()) != null;
    }

    Grouping run(IntConsumer onImageDone) {
      for (int pos = 0; pos < order.size(); pos++) {
        place(pos);
        if (onImageDone != null) {
          onImageDone.accept(pos + 1);
        }
      }
      List<Group> groups = new ArrayList<>();
      int id = 0;
      for (int leader : leaders) {
        id++;
        List<Group.Member> members = membersOf.get(leader);
        if (members != null) {
          ImageRecord kept = order.get(leader).record();
          groups.add(new Group(id, kept, keptBecause(kept), List.copyOf(members)));
        }
      }
      return new Grouping(order.size(), leaders.size(), groups, pairs);
    }

    private void place(int pos) {
      ImageRecord image = order.get(pos).record();
      if (decisions.isPinnedKeeper(image.path())) {
        becomeLeader(pos);
        return;
      }
      Integer same = leaderBySha.get(image.sha256());
      if (same != null
          && cameraAllows(image, order.get(same).record())
          && !decisions.isNotDuplicate(image.path(), order.get(same).record().path())) {
        ImageRecord kept = order.get(same).record();
        Evidence e = new Evidence("exact", null, 0, null, true);
        pairs.add(new PairCheck(image.path(), kept.path(), e));
        join(pos, same, e);
        return;
      }
      Map<Integer, Float> candidates =
          switch (source) {
            case INDEX -> hasVectors ? vectorCandidates(pos, vector(pos)) : hashCandidates(image);
            case PHASH -> hashCandidates(image);
            case SCAN -> everyLeader();
          };
      List<Integer> byRank = new ArrayList<>(candidates.keySet());
      byRank.sort(Comparator.comparingInt(l -> leaderRank[l]));
      int checked = 0;
      for (int leader : byRank) {
        ImageRecord kept = order.get(leader).record();
        if (!cameraAllows(image, kept) || decisions.isNotDuplicate(image.path(), kept.path())) {
          continue;
        }
        if (checked++ == options.maxVerifications() && source != CandidateSource.SCAN) {
          break;
        }
        Evidence e = verify(pos, leader, candidates.get(leader));
        pairs.add(new PairCheck(image.path(), kept.path(), e));
        if (e.duplicate()) {
          join(pos, leader, e);
          return;
        }
      }
      becomeLeader(pos);
    }

    /** Kept images proposed by the HNSW neighbours, with their cosine to this image. */
    private Map<Integer, Float> vectorCandidates(int pos, float[] vector) {
      Map<Integer, Float> out = new HashMap<>();
      if (leaders.isEmpty()) {
        return out;
      }
      List<Neighbor> hits = snapshot.nearest(vector, options.searchWidth(), null);
      for (Neighbor n : hits) {
        Integer p = positionOfDoc.get(n.docId());
        if (n.cosine() < options.threshold() || p == null || p == pos || leaderOf[p] < 0) {
          continue;
        }
        int leader = leaderOf[p];
        if (!out.containsKey(leader)) {
          float cos = leader == p ? n.cosine() : dot(vector, vector(leader));
          if (cos >= options.threshold()) {
            out.put(leader, cos);
          }
        }
      }
      boolean saturated =
          hits.size() == options.searchWidth()
              && hits.get(hits.size() - 1).cosine() >= options.threshold();
      if (out.isEmpty() && saturated) {
        // Every neighbour is similar but none is placed yet: ask the kept images directly.
        for (Neighbor n : snapshot.nearestAmong(vector, options.searchWidth(), leaderDocs)) {
          Integer p = positionOfDoc.get(n.docId());
          if (p != null && n.cosine() >= options.threshold()) {
            out.put(p, n.cosine());
          }
        }
      }
      return out;
    }

    /** Kept images within the pHash distance (no embeddings in this index). */
    private Map<Integer, Float> hashCandidates(ImageRecord image) {
      Map<Integer, Float> out = new LinkedHashMap<>();
      for (int leader : leaders) {
        int d = PerceptualHash.hamming(image.phash(), order.get(leader).record().phash());
        if (d <= options.maxHamming()) {
          out.put(leader, null);
        }
      }
      return out;
    }

    /** Every kept image so far (brute-force scan). */
    private Map<Integer, Float> everyLeader() {
      Map<Integer, Float> out = new LinkedHashMap<>();
      for (int leader : leaders) {
        out.put(leader, null);
      }
      return out;
    }

    private Evidence verify(int pos, int leader, Float cosine) {
      String via = source == CandidateSource.SCAN ? "scan" : cosine != null ? "embedding" : "phash";
      return Evidence.of(
          via,
          cosine,
          order.get(pos).record(),
          thumbnail(pos),
          order.get(leader).record(),
          thumbnail(leader),
          options.verify(),
          pixelDiff);
    }

    private void join(int pos, int leader, Evidence e) {
      leaderOf[pos] = leader;
      membersOf
          .computeIfAbsent(leader, k -> new ArrayList<>())
          .add(new Group.Member(order.get(pos).record(), e));
    }

    private void becomeLeader(int pos) {
      leaderOf[pos] = pos;
      leaderRank[pos] = leaders.size();
      leaders.add(pos);
      leaderBySha.putIfAbsent(order.get(pos).record().sha256(), pos);
      leaderDocs.set(order.get(pos).docId());
    }

    private boolean cameraAllows(ImageRecord a, ImageRecord b) {
      return !options.sameCamera() || Objects.equals(a.camera(), b.camera());
    }

    private float[] vector(int pos) {
      return vectors.computeIfAbsent(pos, p -> snapshot.vector(order.get(p).docId()));
    }

    private GrayImage thumbnail(int pos) {
      return thumbnails.computeIfAbsent(pos, p -> snapshot.thumbnail(order.get(p).docId()));
    }

    private String keptBecause(ImageRecord kept) {
      if (decisions.isPinnedKeeper(kept.path())) {
        return "chosen by a person (pinned as kept)";
      }
      if (kept.isCameraFrame()) {
        return "earliest frame of camera " + kept.camera() + " in its run of similar frames";
      }
      return "first by keeper policy "
          + options.keeper().name().toLowerCase(java.util.Locale.ROOT)
          + " ("
          + options.keeper().description()
          + ")";
    }
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static <V> Map<Integer, V> lru() {
    return new LinkedHashMap<>(256, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, V> eldest) {
        return size() > CACHE_ENTRIES;
      }
    };
  }
}
