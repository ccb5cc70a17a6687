package dev.neardup.group;

import dev.neardup.config.CacheBudget;
import dev.neardup.index.Decisions;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.Verdict;
import dev.neardup.verify.Verifiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Groups images by leader clustering, so that every removed image is a verified duplicate <em>of
 * the image kept in its place</em>.
 *
 * <p>Why not connected components: in a slowly changing camera sequence frame 1 ~ frame 2 ~ … ~
 * frame 500 would collapse into one group although frame 1 and frame 500 differ. Instead images are
 * visited in a deterministic order — camera frames by camera then capture time, then all other
 * images in the {@link KeeperPolicy}'s order — and an image is kept if and only if it is a verified
 * duplicate (see {@link CandidateFinder}) of <em>no</em> image kept before it. Otherwise it joins
 * the first kept image the search verifies (the nearest kept frame of its camera, then the closest
 * by cosine or pHash): which kept image it joins never changes which images are kept.
 *
 * <p>People's {@link Decisions} recorded in the index come first: a pair marked "not a duplicate"
 * is never grouped, whatever the evidence, and an image pinned as kept is visited before all others
 * and always kept, so that its look-alikes join it rather than the other way round.
 */
public final class Grouper {
  private final CandidateFinder finder;

  /** A grouper that asks {@code finder} for each image's kept duplicate. */
  public Grouper(CandidateFinder finder) {
    this.finder = Objects.requireNonNull(finder, "finder");
  }

  /**
   * The one place a grouper is assembled from settings: the finder over the verifier of {@code
   * options.verify()} with the pixel check's {@code pixel} settings, caching prepared images within
   * {@code cache}.
   */
  public static Grouper create(
      GroupingOptions options, PixelDiffParams pixel, CandidateSource source, CacheBudget cache) {
    return new Grouper(
        new CandidateFinder(options, Verifiers.create(options.verify(), pixel), source, cache));
  }

  /**
   * {@link #create(GroupingOptions, PixelDiffParams, CandidateSource, CacheBudget)} with the
   * default cache budget.
   */
  public static Grouper create(
      GroupingOptions options, PixelDiffParams pixel, CandidateSource source) {
    return create(options, pixel, source, CacheBudget.defaults());
  }

  /**
   * {@link #create(GroupingOptions, PixelDiffParams, CandidateSource)} with embedding candidates,
   * as {@code dedup} searches.
   */
  public static Grouper create(GroupingOptions options, PixelDiffParams pixel) {
    return create(options, pixel, CandidateSource.EMBEDDING);
  }

  /** The finder this grouper asks. */
  public CandidateFinder finder() {
    return finder;
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
    return group(snapshot, images, Scope.ALL, onImageDone);
  }

  /**
   * Groups {@code images} within {@code scope}: with {@code --across} only images of different
   * roots are compared; images of reference folders are visited first and always kept.
   */
  public Grouping group(
      IndexSnapshot snapshot, List<IndexedImage> images, Scope scope, IntConsumer onImageDone) {
    Decisions decisions = snapshot.decisions();
    List<IndexedImage> order = visitList(images, decisions, scope, finder.options().keeper());

    CandidateFinder.Session session = finder.open(snapshot, scope);
    KeptImages kept = new KeptImages(snapshot.maxDoc());
    List<Integer> leaders = new ArrayList<>();
    Map<Integer, List<Group.Member>> membersOf = new TreeMap<>();
    Map<Integer, ImageRecord> leaderRecord = new TreeMap<>();
    List<PairCheck> pairs = new ArrayList<>();
    boolean vectors = snapshot.hasVectors();
    for (int pos = 0; pos < order.size(); pos++) {
      IndexedImage img = order.get(pos);
      ImageRecord r = img.record();
      CandidateFinder.Found found = null;
      if (!alwaysKept(decisions, scope, r) && kept.size() > 0) {
        CandidateFinder.Probe probe =
            new CandidateFinder.Probe(
                r, null, vectors ? snapshot.vector(img.docId()) : null, img.docId());
        found =
            session.first(
                probe, kept, (a, b, e) -> pairs.add(new PairCheck(a.path(), b.path(), e)));
      }
      if (found == null) {
        leaders.add(img.docId());
        leaderRecord.put(img.docId(), r);
        kept.add(img.docId(), r);
      } else {
        if (found.evidence().level() == Verdict.Level.EXACT) {
          pairs.add(new PairCheck(r.path(), found.kept().path(), found.evidence()));
        }
        membersOf
            .computeIfAbsent(found.doc(), k -> new ArrayList<>())
            .add(new Group.Member(r, found.evidence()));
      }
      if (onImageDone != null) {
        onImageDone.accept(pos + 1);
      }
    }
    List<Group> groups =
        groups(leaders, membersOf, leaderRecord, decisions, scope, finder.options().keeper());
    return new Grouping(
        order.size(), leaders.size(), groups, pairs, session.stats(), session.failures());
  }

  /**
   * {@code images} in the order grouping visits them: the images always kept (pinned, reference)
   * first, then {@link #visitOrder}. The two-phase dedup visits in this same order.
   */
  static List<IndexedImage> visitList(
      List<IndexedImage> images, Decisions decisions, Scope scope, KeeperPolicy keeper) {
    List<IndexedImage> order = new ArrayList<>(images);
    Comparator<ImageRecord> visit = visitOrder(keeper);
    Comparator<IndexedImage> pinnedFirst =
        Comparator.comparing((IndexedImage i) -> !alwaysKept(decisions, scope, i.record()));
    order.sort(pinnedFirst.thenComparing((a, b) -> visit.compare(a.record(), b.record())));
    return order;
  }

  /**
   * The groups with members, numbered by their kept image's place among {@code leaders} (the kept
   * images in visit order).
   */
  static List<Group> groups(
      List<Integer> leaders,
      Map<Integer, List<Group.Member>> membersOf,
      Map<Integer, ImageRecord> leaderRecord,
      Decisions decisions,
      Scope scope,
      KeeperPolicy keeper) {
    List<Group> groups = new ArrayList<>();
    int id = 0;
    for (int leader : leaders) {
      id++;
      List<Group.Member> members = membersOf.get(leader);
      if (members != null) {
        ImageRecord k = leaderRecord.get(leader);
        groups.add(
            new Group(id, k, keptBecause(decisions, scope, keeper, k), List.copyOf(members)));
      }
    }
    return groups;
  }

  /** Whether {@code r} is kept whatever its duplicates: pinned by a person, or a reference. */
  static boolean alwaysKept(Decisions decisions, Scope scope, ImageRecord r) {
    return decisions.isPinnedKeeper(r.path()) || scope.isReference(r.path());
  }

  private static String keptBecause(
      Decisions decisions, Scope scope, KeeperPolicy keeper, ImageRecord kept) {
    if (decisions.isPinnedKeeper(kept.path())) {
      return "chosen by a person (pinned as kept)";
    }
    if (scope.isReference(kept.path())) {
      return "in a reference folder (--reference): never moved";
    }
    if (kept.isCameraFrame()) {
      return "earliest frame of camera " + kept.camera() + " in its run of similar frames";
    }
    return "first by keeper policy "
        + keeper.name().toLowerCase(Locale.ROOT)
        + " ("
        + keeper.description()
        + ")";
  }
}
