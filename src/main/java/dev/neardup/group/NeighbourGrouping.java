package dev.neardup.group;

import dev.neardup.index.Decisions;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Phase 2 of the two-phase dedup: one pass in visit order over the verified earlier neighbours that
 * phase 1 ({@link EarlierNeighbours}) recorded, giving exactly the sequential {@link Grouper}'s
 * answer without verifying a single pair.
 *
 * <p><b>The rule</b> ({@link #place}), for each image in visit order: an image always kept (pinned,
 * reference) is kept; otherwise, of its verified earlier neighbours, only those already kept count.
 * None: it is kept. Else it joins the one {@link CandidateFinder}'s search would have returned
 * first against this kept set, since the search visits the kept images in a fixed order and stops
 * at the first accepted:
 *
 * <ol>
 *   <li>an exact copy (same SHA-256), the earliest kept first ({@link KeptImages#withSha} order);
 *   <li>else one the identity check accepted, else one the geometric levels accepted; within a
 *       pass, in {@link CandidateOrder}'s order: the kept frame of the image's camera nearest in
 *       time first ({@link CandidateOrder#nearestFrame}, on phase 2's own kept set, which is the
 *       sequential one at this point), then by cosine (highest first) or pHash distance (lowest
 *       first), the earliest kept first among equals.
 * </ol>
 *
 * By induction over the visit order the kept set is the sequential one before every image, so the
 * kept images, the joins and the evidence are the sequential ones. A neighbour of {@link
 * EarlierNeighbour.Tier#CHOSEN} (a camera grouped on its own) is the answer itself.
 *
 * <p>What differs from the sequential {@link Grouping}: its {@code pairs} are each member's pair
 * with its kept image (the pairs that decided), not every pair the sequential search checked, and
 * its {@code stats} and {@code failures} are phase 1's, which checked more pairs.
 */
public final class NeighbourGrouping {
  private NeighbourGrouping() {}

  /**
   * Groups {@code images} from the results of every partition of phase 1.
   *
   * @param options the grouping settings (the keeper order; phase 1's, which the fingerprint
   *     checks)
   * @param settings the verifier's settings as text, as phase 1 was given them
   * @throws IllegalArgumentException when the partitions are not 1..N of one N, when a result was
   *     computed for another visit order or other settings, or with {@code --max-checks} or {@code
   *     --window}
   */
  public static Grouping group(
      IndexSnapshot snapshot,
      List<IndexedImage> images,
      Scope scope,
      GroupingOptions options,
      String settings,
      List<PartitionResult> parts) {
    EarlierNeighbours.refuseShortcuts(options);
    Decisions decisions = snapshot.decisions();
    List<IndexedImage> order = Grouper.visitList(images, decisions, scope, options.keeper());
    String fingerprint = EarlierNeighbours.fingerprint(order, options, settings);
    checkPartitions(parts);
    List<List<EarlierNeighbour>> neighbours = new ArrayList<>(order.size());
    for (int i = 0; i < order.size(); i++) {
      neighbours.add(List.of());
    }
    SearchStats stats = SearchStats.NONE;
    List<FailedCheck> failures = new ArrayList<>();
    for (PartitionResult p : parts) {
      if (!p.fingerprint().equals(fingerprint) || p.images() != order.size()) {
        throw new IllegalArgumentException(
            "phase 1 result for partition "
                + p.partition()
                + " was computed for other images or other settings ("
                + p.images()
                + " images, fingerprint "
                + p.fingerprint()
                + "; now "
                + order.size()
                + " images, fingerprint "
                + fingerprint
                + "): run phase 1 again with the same folders and settings");
      }
      for (ProbeNeighbours pn : p.probes()) {
        if (pn.position() >= order.size()
            || !order.get(pn.position()).record().path().equals(pn.path())) {
          throw new IllegalArgumentException(
              "phase 1 result for partition "
                  + p.partition()
                  + " places "
                  + pn.path()
                  + " wrongly");
        }
        neighbours.set(pn.position(), pn.neighbours());
      }
      stats = stats.plus(p.stats());
      failures.addAll(p.failures());
    }
    List<ImageRecord> records = new ArrayList<>(order.size());
    boolean[] alwaysKept = new boolean[order.size()];
    for (int i = 0; i < order.size(); i++) {
      records.add(order.get(i).record());
      alwaysKept[i] = Grouper.alwaysKept(decisions, scope, records.get(i));
    }
    int[] joins = place(records, alwaysKept, neighbours);

    List<Integer> leaders = new ArrayList<>();
    Map<Integer, List<Group.Member>> membersOf = new TreeMap<>();
    Map<Integer, ImageRecord> leaderRecord = new TreeMap<>();
    List<PairCheck> pairs = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      int doc = order.get(i).docId();
      if (joins[i] < 0) {
        leaders.add(doc);
        leaderRecord.put(doc, records.get(i));
      } else {
        EarlierNeighbour n = chosen(neighbours.get(i), joins[i]);
        membersOf
            .computeIfAbsent(order.get(joins[i]).docId(), k -> new ArrayList<>())
            .add(new Group.Member(records.get(i), n.evidence()));
        pairs.add(new PairCheck(records.get(i).path(), records.get(joins[i]).path(), n.evidence()));
      }
    }
    List<Group> groups =
        Grouper.groups(leaders, membersOf, leaderRecord, decisions, scope, options.keeper());
    return new Grouping(order.size(), leaders.size(), groups, pairs, stats, failures);
  }

  /**
   * The rule of the class comment on plain lists: for each position in visit order, -1 when the
   * image is kept, else the position of the kept image it joins.
   *
   * @param records the images in visit order (camera and time for the nearest-frame rule)
   * @param alwaysKept the images kept whatever their duplicates
   * @param neighbours each image's verified earlier neighbours (positions before its own)
   */
  static int[] place(
      List<ImageRecord> records, boolean[] alwaysKept, List<List<EarlierNeighbour>> neighbours) {
    int n = records.size();
    int[] joins = new int[n];
    boolean[] kept = new boolean[n];
    KeptImages keptSet = new KeptImages(n); // doc ids are positions here
    for (int i = 0; i < n; i++) {
      List<EarlierNeighbour> live = new ArrayList<>();
      if (!alwaysKept[i]) {
        for (EarlierNeighbour e : neighbours.get(i)) {
          if (e.position() >= i) {
            throw new IllegalArgumentException(
                "neighbour " + e.position() + " of image " + i + " is not before it");
          }
          if (kept[e.position()]) {
            live.add(e);
          }
        }
      }
      if (live.isEmpty()) {
        joins[i] = -1;
        kept[i] = true;
        keptSet.add(i, records.get(i));
      } else {
        KeptImages.Entry nearest = CandidateOrder.nearestFrame(records.get(i), keptSet);
        joins[i] = first(live, nearest == null ? -1 : nearest.doc).position();
      }
    }
    return joins;
  }

  /** The kept neighbour the sequential search finds first (the class comment's rule). */
  static EarlierNeighbour first(List<EarlierNeighbour> live, int nearestFrame) {
    for (EarlierNeighbour e : live) {
      if (e.tier() == EarlierNeighbour.Tier.CHOSEN) {
        return e;
      }
    }
    for (EarlierNeighbour.Tier tier :
        List.of(
            EarlierNeighbour.Tier.SAME_BYTES,
            EarlierNeighbour.Tier.IDENTITY,
            EarlierNeighbour.Tier.GEOMETRIC)) {
      List<EarlierNeighbour> in = live.stream().filter(e -> e.tier() == tier).toList();
      if (in.isEmpty()) {
        continue;
      }
      if (tier != EarlierNeighbour.Tier.SAME_BYTES) {
        for (EarlierNeighbour e : in) {
          if (e.position() == nearestFrame) {
            return e;
          }
        }
      }
      return in.stream().min(order(tier)).orElseThrow();
    }
    throw new IllegalStateException("no neighbour to join in " + live);
  }

  /** Within a pass: the earliest copy; else the closest (cosine, else pHash), then the earliest. */
  private static Comparator<EarlierNeighbour> order(EarlierNeighbour.Tier tier) {
    Comparator<EarlierNeighbour> byPosition = Comparator.comparingInt(EarlierNeighbour::position);
    if (tier == EarlierNeighbour.Tier.SAME_BYTES) {
      return byPosition;
    }
    Comparator<EarlierNeighbour> closeness =
        (a, b) -> {
          Float ca = a.evidence().cosine();
          Float cb = b.evidence().cosine();
          if (ca != null && cb != null) {
            return Float.compare(cb, ca);
          }
          return Integer.compare(a.evidence().hamming(), b.evidence().hamming());
        };
    return closeness.thenComparing(byPosition);
  }

  private static EarlierNeighbour chosen(List<EarlierNeighbour> list, int position) {
    for (EarlierNeighbour e : list) {
      if (e.position() == position) {
        return e;
      }
    }
    throw new IllegalStateException("no neighbour at " + position);
  }

  /** The partitions must be 1..N of one N, each once. */
  private static void checkPartitions(List<PartitionResult> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no phase 1 result to group from");
    }
    int count = parts.get(0).partition().count();
    boolean[] seen = new boolean[count + 1];
    for (PartitionResult p : parts) {
      if (p.partition().count() != count) {
        throw new IllegalArgumentException(
            "phase 1 results of different partition counts: "
                + parts.get(0).partition()
                + " and "
                + p.partition());
      }
      if (seen[p.partition().index()]) {
        throw new IllegalArgumentException("partition " + p.partition() + " given twice");
      }
      seen[p.partition().index()] = true;
    }
    List<String> missing = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      if (!seen[k]) {
        missing.add(k + "/" + count);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "phase 1 results missing for partition(s) " + String.join(", ", missing));
    }
  }
}
