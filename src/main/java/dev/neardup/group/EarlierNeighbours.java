package dev.neardup.group;

import dev.neardup.index.Decisions;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Phase 1 of the two-phase dedup: for every image of one {@link Partition}, its verified duplicates
 * among <em>all</em> the images visited before it (the kept set is not known yet), found by the
 * same {@link CandidateFinder} search as sequential grouping, so that a pair gets the same verdict.
 * Workers run it independently, in parallel; {@link NeighbourGrouping} (phase 2) then reproduces
 * the sequential answer in one pass.
 *
 * <p><b>Why this is enough.</b> Leader clustering keeps an image iff no earlier <em>kept</em> image
 * is a verified duplicate of it, and joins the first kept one its search finds. Every pair the
 * search can accept is one with an earlier image, and whether the search accepts a pair depends on
 * the pair alone (candidate stage, camera rule, scope, decisions, verifier: {@link
 * CandidateFinder}); which one it finds first depends on the kept set, which phase 2 knows. So
 * phase 1 records each verified pair with the pass that found it and its closeness ({@link
 * EarlierNeighbour}).
 *
 * <p><b>Large clusters.</b> Phase 1 verifies pairs the sequential search never reaches (it stops at
 * the first kept match), O(cluster²) in a big cluster. Two kinds are cut down, exactly:
 *
 * <ul>
 *   <li><b>Exact copies</b> (same SHA-256). Images with the same bytes and the same pair attributes
 *       — same camera (or none), same reference status, same root under {@code --across}, equal
 *       embeddings, and no person's decision naming them — get the same verdict, cosine and pHash
 *       distance against any other image, since every input of the search's decision on a pair is
 *       then equal. So only the first copy {@code f} is searched, once, among every image before
 *       the <em>last</em> copy; each copy {@code c} then gets {@code f}'s neighbours that lie
 *       before {@code c} (other images' pairs with {@code c}, as with {@code f}), plus its earlier
 *       copies as exact matches (the pairs the search decides by SHA-256 without a check). That is
 *       exactly the list a search of its own would give: a thousand identical uploads cost one
 *       search. Copies whose attributes differ are searched on their own. The partition key of such
 *       an image is its SHA-256, so all its copies are on one worker.
 *   <li><b>Camera frames under {@code --same-camera}</b> pair only with frames of their own camera,
 *       so the frames of one camera are a problem of their own: the worker that owns the camera
 *       groups them sequentially ({@link Grouper}), which is the answer for them, and records each
 *       frame's kept image as its only neighbour ({@link EarlierNeighbour.Tier#CHOSEN}).
 * </ul>
 *
 * <p>The opt-in shortcuts {@code --max-checks} and {@code --window} are refused: the first counts
 * checks in the sequential search's order, and the answer stays exact only without them.
 *
 * <p><b>Where "the pair alone" needs care.</b> Without a model the candidate stage is exact (the
 * signature bound, pHash distance), so the claim holds as stated, and {@code TwoPhaseDedupTest}
 * checks it on the shared folders. With a model, the k-NN search runs among other images than the
 * sequential one (every earlier image, not the kept ones); it widens until it is exact below the
 * threshold, so it is as exact as the HNSW search itself. A check that throws is contained as "not
 * judged" in both runs, but the sequential search checks the first candidate without pruning, so a
 * pair that throws can be judged in one run and pruned in the other: a run with failed checks (the
 * summary counts them) may differ there.
 */
public final class EarlierNeighbours {
  private final CandidateFinder finder;

  /**
   * @throws IllegalArgumentException when the finder's options use {@code --max-checks} or {@code
   *     --window}
   */
  public EarlierNeighbours(CandidateFinder finder) {
    this.finder = Objects.requireNonNull(finder, "finder");
    refuseShortcuts(finder.options());
  }

  /**
   * Refuses the opt-in shortcuts that change answers.
   *
   * @throws IllegalArgumentException naming the option and its value
   */
  public static void refuseShortcuts(GroupingOptions o) {
    if (o.maxChecks() > 0) {
      throw new IllegalArgumentException(
          "--max-checks "
              + o.maxChecks()
              + " cannot go with the two-phase dedup (--partition, --neighbours): it stops a"
              + " search after N checks in the sequential search's order, which phase 1 does not"
              + " follow, so the groups would differ; drop --max-checks (the two-phase dedup gives"
              + " the exact answer only)");
    }
    if (o.windowMillis() > 0) {
      throw new IllegalArgumentException(
          "--window "
              + o.windowMillis()
              + " ms cannot go with the two-phase dedup (--partition, --neighbours): it is an"
              + " opt-in shortcut of the sequential search; drop --window (the two-phase dedup gives"
              + " the exact answer only)");
    }
  }

  /** The partition key of an image that is not grouped per camera: its SHA-256. */
  static String contentKey(ImageRecord r) {
    return "sha256:" + r.sha256();
  }

  /** The partition key of a camera's frames under {@code --same-camera}. */
  static String cameraKey(String camera) {
    return "camera:" + camera;
  }

  /**
   * What phase 1 and phase 2 must agree on: the visit order (paths and SHA-256s) and the settings.
   */
  public static String fingerprint(
      List<IndexedImage> order, GroupingOptions options, String settings) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update((options + "\n" + settings + "\n").getBytes(StandardCharsets.UTF_8));
      for (IndexedImage i : order) {
        d.update(
            (i.record().path() + "\t" + i.record().sha256() + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(d.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /**
   * Finds the verified earlier neighbours of every image of {@code part}.
   *
   * @param images every image grouped (all partitions: the earlier images are everyone's)
   * @param settings the verifier's settings as text, part of the fingerprint
   * @param onImageDone called with the number of images visited so far, or null
   */
  public PartitionResult find(
      IndexSnapshot snapshot,
      List<IndexedImage> images,
      Scope scope,
      Partition part,
      String settings,
      IntConsumer onImageDone) {
    GroupingOptions o = finder.options();
    Decisions decisions = snapshot.decisions();
    List<IndexedImage> order = Grouper.visitList(images, decisions, scope, o.keeper());
    Map<String, Integer> posOf = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      posOf.put(order.get(i).record().path(), i);
    }
    List<ProbeNeighbours> probes = new ArrayList<>();
    List<FailedCheck> failures = new ArrayList<>();
    SearchStats stats = SearchStats.NONE;
    int searched = 0;

    if (o.sameCamera()) {
      Map<String, List<IndexedImage>> cameras = new TreeMap<>();
      for (IndexedImage img : order) {
        if (img.record().isCameraFrame()) {
          cameras.computeIfAbsent(img.record().camera(), c -> new ArrayList<>()).add(img);
        }
      }
      Grouper grouper = new Grouper(finder);
      for (Map.Entry<String, List<IndexedImage>> c : cameras.entrySet()) {
        if (!part.owns(cameraKey(c.getKey()))) {
          continue;
        }
        Grouping g = grouper.group(snapshot, c.getValue(), scope, null);
        searched += c.getValue().size();
        for (Group group : g.groups()) {
          int kept = posOf.get(group.kept().path());
          for (Group.Member m : group.members()) {
            String path = m.image().path();
            probes.add(
                new ProbeNeighbours(
                    posOf.get(path),
                    path,
                    List.of(
                        new EarlierNeighbour(kept, EarlierNeighbour.Tier.CHOSEN, m.evidence()))));
          }
        }
        stats = stats.plus(g.stats());
        failures.addAll(g.failures());
      }
    }

    CandidateFinder.Session session = finder.open(snapshot, scope);
    Copies copies = new Copies(order, o, decisions, scope, part, snapshot);
    KeptImages before = new KeptImages(snapshot.maxDoc());
    Map<Integer, Integer> posOfDoc = new HashMap<>();
    boolean vectors = snapshot.hasVectors();
    for (int pos = 0; pos < order.size(); pos++) {
      IndexedImage img = order.get(pos);
      ImageRecord r = img.record();
      if (o.sameCamera() && r.isCameraFrame()) {
        continue; // grouped with its camera above; never paired with anything else
      }
      if (copies.searched(pos)) {
        searched++;
        List<Integer> cluster = copies.clusterEndingAt(pos);
        if (cluster != null) {
          IndexedImage f = order.get(cluster.get(0));
          CandidateFinder.Probe probe =
              new CandidateFinder.Probe(
                  f.record(), null, vectors ? snapshot.vector(f.docId()) : null, f.docId());
          List<EarlierNeighbour.Tiered> found = session.tiered(probe, before);
          for (int member : cluster) {
            List<EarlierNeighbour> list = copies.sameBytes(member, session);
            for (EarlierNeighbour.Tiered t : found) {
              int at = posOfDoc.get(t.found().doc());
              if (at < member && !t.found().kept().sha256().equals(r.sha256())) {
                list.add(new EarlierNeighbour(at, t.tier(), t.found().evidence()));
              }
            }
            add(probes, member, order, list);
          }
        } else if (!copies.inCluster(pos)) {
          CandidateFinder.Probe probe =
              new CandidateFinder.Probe(
                  r, null, vectors ? snapshot.vector(img.docId()) : null, img.docId());
          List<EarlierNeighbour> list = new ArrayList<>();
          for (EarlierNeighbour.Tiered t : session.tiered(probe, before)) {
            list.add(
                new EarlierNeighbour(
                    posOfDoc.get(t.found().doc()), t.tier(), t.found().evidence()));
          }
          add(probes, pos, order, list);
        }
      }
      before.add(img.docId(), r);
      posOfDoc.put(img.docId(), pos);
      if (onImageDone != null) {
        onImageDone.accept(pos + 1);
      }
    }
    probes.sort(Comparator.comparingInt(ProbeNeighbours::position));
    failures.addAll(session.failures());
    return new PartitionResult(
        part,
        fingerprint(order, o, settings),
        order.size(),
        searched,
        probes,
        stats.plus(session.stats()),
        failures);
  }

  private static void add(
      List<ProbeNeighbours> probes, int pos, List<IndexedImage> order, List<EarlierNeighbour> l) {
    if (!l.isEmpty()) {
      probes.add(new ProbeNeighbours(pos, order.get(pos).record().path(), l));
    }
  }

  /**
   * The exact copies of one phase-1 run: which images this partition searches, and the clusters of
   * interchangeable copies (see the class comment) searched once, when their last copy is reached.
   */
  private static final class Copies {
    private final List<IndexedImage> order;
    private final Map<String, List<Integer>> bySha = new HashMap<>();
    private final boolean[] searched;
    private final Map<Integer, List<Integer>> clusterOfLast = new HashMap<>();
    private final Set<Integer> clustered = new HashSet<>();

    Copies(
        List<IndexedImage> order,
        GroupingOptions o,
        Decisions decisions,
        Scope scope,
        Partition part,
        IndexSnapshot snapshot) {
      this.order = order;
      this.searched = new boolean[order.size()];
      Set<String> named = new HashSet<>(decisions.pinnedKeepers());
      for (Set<String> s : decisions.notDuplicateSets()) {
        named.addAll(s);
      }
      Map<String, List<Integer>> byKey = new HashMap<>();
      for (int pos = 0; pos < order.size(); pos++) {
        ImageRecord r = order.get(pos).record();
        if (o.sameCamera() && r.isCameraFrame()) {
          continue;
        }
        bySha.computeIfAbsent(r.sha256(), s -> new ArrayList<>()).add(pos);
        if (!part.owns(contentKey(r)) || Grouper.alwaysKept(decisions, scope, r)) {
          continue;
        }
        searched[pos] = true;
        if (!named.contains(r.path())) {
          String key =
              r.sha256()
                  + "\t"
                  + r.camera()
                  + "\t"
                  + r.isCameraFrame()
                  + "\t"
                  + (scope.across() ? String.valueOf(scope.rootOf(r.path())) : "");
          byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(pos);
        }
      }
      for (List<Integer> same : byKey.values()) {
        List<List<Integer>> clusters = new ArrayList<>();
        for (int pos : same) {
          float[] v = snapshot.hasVectors() ? snapshot.vector(order.get(pos).docId()) : null;
          List<Integer> home = null;
          for (List<Integer> c : clusters) {
            float[] w = snapshot.hasVectors() ? snapshot.vector(order.get(c.get(0)).docId()) : null;
            if (Arrays.equals(v, w)) {
              home = c;
              break;
            }
          }
          if (home == null) {
            home = new ArrayList<>();
            clusters.add(home);
          }
          home.add(pos);
        }
        for (List<Integer> c : clusters) {
          if (c.size() > 1) {
            clusterOfLast.put(c.get(c.size() - 1), c);
            clustered.addAll(c);
          }
        }
      }
    }

    /** Whether this partition searches the image at {@code pos}. */
    boolean searched(int pos) {
      return searched[pos];
    }

    /** Whether the image at {@code pos} is one of a cluster of interchangeable copies. */
    boolean inCluster(int pos) {
      return clustered.contains(pos);
    }

    /** The cluster whose last copy is at {@code pos}, in visit order, or null. */
    List<Integer> clusterEndingAt(int pos) {
      return clusterOfLast.get(pos);
    }

    /** The earlier copies of the image at {@code pos} that the search may pair it with. */
    List<EarlierNeighbour> sameBytes(int pos, CandidateFinder.Session session) {
      ImageRecord r = order.get(pos).record();
      List<EarlierNeighbour> out = new ArrayList<>();
      for (int c : bySha.get(r.sha256())) {
        if (c < pos && session.allows(r, order.get(c).record())) {
          out.add(new EarlierNeighbour(c, EarlierNeighbour.Tier.SAME_BYTES, Evidence.sameBytes()));
        }
      }
      return out;
    }
  }
}
