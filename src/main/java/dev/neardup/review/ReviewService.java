package dev.neardup.review;

import dev.neardup.act.ActionResult;
import dev.neardup.act.SidecarPolicy;
import dev.neardup.decode.DecodeException;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.group.Group;
import dev.neardup.group.Grouper;
import dev.neardup.group.Grouping;
import dev.neardup.image.GrayImage;
import dev.neardup.index.Decisions;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.pipeline.DedupSession;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.Indexer;
import dev.neardup.report.EvidenceView;
import dev.neardup.report.Previews;
import dev.neardup.review.ReviewViews.Applied;
import dev.neardup.review.ReviewViews.GroupSummary;
import dev.neardup.review.ReviewViews.GroupView;
import dev.neardup.review.ReviewViews.ImageView;
import dev.neardup.review.ReviewViews.MemberView;
import dev.neardup.review.ReviewViews.Page;
import dev.neardup.review.ReviewViews.Sort;
import dev.neardup.review.ReviewViews.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The library behind the review page: the groups of the indexed images, and a person's decisions
 * about them.
 *
 * <p>The groups are computed once (honouring earlier decisions) and then kept, so that a person
 * works through a stable list: marking "not a duplicate" records the decision in the index and
 * flags the members (they will not move) without reshuffling the list; changing the kept image
 * regroups only that group's images, so every image that moves is still a verified duplicate of the
 * image kept in its place. {@link #regroup()} (and {@link #apply}) recompute everything.
 *
 * <p>Nothing is grouped at construction: the first request that needs the groups computes them, so
 * that a service starts and answers its other routes whatever the index holds, however large. The
 * grouping cannot fail on one pair (the {@code CandidateFinder} contains each check); its contained
 * failures are in {@link #failures()}.
 *
 * <p>Thread-safe: requests are served one at a time (a person clicks; grouping is the slow part).
 */
public final class ReviewService {
  /** Longer side of the pictures the page compares side by side. */
  public static final int PREVIEW_SIDE = 640;

  private final Engine engine;
  private final List<Path> roots;
  private final Predicate<String> inScope;
  private final Path defaultMoveTo;
  private final Clock clock;
  private final Previews previews;
  private final Set<String> shown = ConcurrentHashMap.newKeySet();

  private List<Group> groups = List.of();
  private boolean grouped;
  private List<dev.neardup.group.FailedCheck> failures = List.of();
  private int images;
  private int nextId;
  private Decisions decisions = Decisions.NONE;
  private Map<String, String> sourceByPath = Map.of();

  /**
   * @param engine the open engine (index and settings)
   * @param roots the folders under review; empty for every image in the index
   * @param defaultMoveTo where the page proposes to move duplicates, or null
   * @param clock names manifests
   */
  public ReviewService(Engine engine, List<Path> roots, Path defaultMoveTo, Clock clock)
      throws IOException {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.roots = List.copyOf(roots);
    this.inScope = roots.isEmpty() ? p -> true : Indexer.under(roots);
    this.defaultMoveTo = defaultMoveTo;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.previews = new Previews(new ImageDecoder(engine.config().maxPixels()), PREVIEW_SIDE);
  }

  /** Groups the images on first use (see the class comment). */
  private void ensureGrouped() {
    if (!grouped) {
      try {
        group(false);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("grouping the images under review failed", e);
      }
    }
  }

  /** The checks of the current grouping that failed and were contained (pairs not judged). */
  public synchronized List<dev.neardup.group.FailedCheck> failures() {
    ensureGrouped();
    return failures;
  }

  /** Groups every image under review again, honouring every decision recorded so far. */
  public synchronized void regroup() throws IOException {
    group(true);
  }

  /**
   * Groups every image under review, from the engine's one grouping cache ({@code /api/v1/groups}
   * reads it too: same groups, same ids); with {@code fresh}, computed again (and cached).
   */
  private void group(boolean fresh) throws IOException {
    decisions = engine.index().decisions();
    try (IndexSnapshot s = engine.index().snapshot()) {
      List<IndexedImage> all = s.images(inScope);
      Map<String, String> sources = new HashMap<>();
      for (IndexedImage i : all) {
        String src = s.origin(i.docId()).source();
        if (src != null) {
          sources.put(i.record().path(), src);
        }
      }
      sourceByPath = sources;
      Grouping g = engine.session().grouping(s, inScope, fresh).grouping();
      images = all.size();
      groups = new ArrayList<>(g.groups());
      failures = g.failures();
      nextId = groups.stream().mapToInt(Group::id).max().orElse(0) + 1;
      grouped = true;
    }
    shown.clear();
    groups.forEach(this::remember);
  }

  /** Counts for the top of the page. */
  public synchronized Summary summary() {
    ensureGrouped();
    int open = 0;
    int toRemove = 0;
    for (Group g : groups) {
      int n = toRemove(g);
      toRemove += n;
      open += n > 0 ? 1 : 0;
    }
    return new Summary(
        images,
        groups.size(),
        open,
        toRemove,
        decisions.notDuplicateSets().size(),
        decisions.pinnedKeepers().size(),
        defaultMoveTo == null ? null : defaultMoveTo.toAbsolutePath().normalize().toString(),
        sourceByPath.values().stream().distinct().sorted().toList());
  }

  /**
   * One page of the groups.
   *
   * @param page 1-based
   * @param size groups per page, 1..500
   * @throws IllegalArgumentException when {@code page < 1} or {@code size} is out of range
   */
  public synchronized Page list(int page, int size, Sort sort) {
    return list(page, size, sort, null);
  }

  /**
   * One page of the groups that hold an image from {@code source} (kept or member); with a null
   * source, every group. A source that sent nothing under review gives an empty list.
   *
   * @throws IllegalArgumentException when {@code page < 1} or {@code size} is out of range
   */
  public synchronized Page list(int page, int size, Sort sort, String source) {
    ensureGrouped();
    if (page < 1) {
      throw new IllegalArgumentException("page must be >= 1; got " + page);
    }
    if (size < 1 || size > 500) {
      throw new IllegalArgumentException("page size must be in 1..500; got " + size);
    }
    List<GroupSummary> all =
        new ArrayList<>(
            groups.stream().filter(g -> fromSource(g, source)).map(this::summaryOf).toList());
    Comparator<GroupSummary> byId = Comparator.comparingInt(GroupSummary::id);
    switch (sort) {
      case SIZE ->
          all.sort(Comparator.comparingInt(GroupSummary::members).reversed().thenComparing(byId));
      case SCORE ->
          all.sort(
              Comparator.comparingDouble(
                      (GroupSummary g) ->
                          g.maxChangedFraction() == null ? 0 : -g.maxChangedFraction())
                  .thenComparing(byId));
      case ID -> all.sort(byId);
    }
    int pages = Math.max(1, (all.size() + size - 1) / size);
    int from = Math.min(all.size(), (page - 1) * size);
    List<GroupSummary> slice = all.subList(from, Math.min(all.size(), from + size));
    return new Page(
        page,
        size,
        pages,
        all.size(),
        sort.name().toLowerCase(Locale.ROOT),
        source,
        List.copyOf(slice));
  }

  /**
   * One group with its members and their evidence.
   *
   * @throws NoSuchElementException when there is no group {@code id} (any more)
   */
  public synchronized GroupView group(int id) {
    ensureGrouped();
    return viewOf(find(id));
  }

  /**
   * Records that the member {@code path} of group {@code id} is not a duplicate of its kept image,
   * or, when {@code path} is null, that no two images of the group are duplicates. Durable: later
   * runs never group them again.
   *
   * @return the group, with the members flagged
   * @throws NoSuchElementException when there is no group {@code id}
   * @throws IllegalArgumentException when {@code path} is not a member of the group
   */
  public synchronized GroupView markNotDuplicate(int id, String path) throws IOException {
    ensureGrouped();
    Group g = find(id);
    if (path == null) {
      engine.index().markNotDuplicate(imagesOf(g));
    } else {
      member(g, path);
      engine.index().markNotDuplicate(List.of(g.kept().path(), path));
    }
    decisions = engine.index().decisions();
    return viewOf(g);
  }

  /**
   * Forgets a not-duplicate decision made here: the pair ({@code path} and the kept image), or with
   * {@code path} null the whole group's set.
   *
   * @throws NoSuchElementException when there is no group {@code id}
   */
  public synchronized GroupView unmarkNotDuplicate(int id, String path) throws IOException {
    ensureGrouped();
    Group g = find(id);
    if (path == null) {
      engine.index().unmarkNotDuplicate(imagesOf(g));
    } else {
      member(g, path);
      engine.index().unmarkNotDuplicate(List.of(g.kept().path(), path));
    }
    decisions = engine.index().decisions();
    return viewOf(g);
  }

  /**
   * Makes {@code path} the kept image of group {@code id}: pins it in the index (unpinning the
   * group's other images) and regroups the group's images, so that each image that will move is a
   * verified duplicate of the new kept image. Images that are not become groups of their own (or
   * drop out of the list).
   *
   * @return the groups that replace group {@code id}; the one kept by {@code path} first, under the
   *     old id
   * @throws NoSuchElementException when there is no group {@code id}
   * @throws IllegalArgumentException when {@code path} is not an image of the group
   */
  public synchronized List<GroupView> keep(int id, String path) throws IOException {
    ensureGrouped();
    Group g = find(id);
    List<String> all = imagesOf(g);
    if (!all.contains(path)) {
      throw new IllegalArgumentException("group " + id + " has no image " + path);
    }
    engine.index().pinKeeper(path, all);
    decisions = engine.index().decisions();
    List<Group> regrouped;
    Set<String> subset = new HashSet<>(all);
    try (IndexSnapshot s = engine.index().snapshot()) {
      regrouped = grouper().group(s, s.images(subset::contains), null).groups();
    }
    List<Group> replacing = new ArrayList<>();
    for (Group r : regrouped) {
      boolean first = r.kept().path().equals(path);
      Group renumbered = new Group(first ? id : nextId++, r.kept(), r.keptBecause(), r.members());
      if (first) {
        replacing.add(0, renumbered);
      } else {
        replacing.add(renumbered);
      }
    }
    int at = groups.indexOf(g);
    groups.remove(at);
    groups.addAll(at, replacing);
    replacing.forEach(this::remember);
    return replacing.stream().map(this::viewOf).toList();
  }

  /**
   * Moves every member that is not flagged "not a duplicate" into {@code moveTo} (paths below each
   * folder kept, nothing overwritten), writing the manifest first — the same action and undo as
   * {@code neardup dedup --move-to} — then regroups what is left.
   *
   * @param moveTo destination, or null for the default given at construction
   * @param manifest where to write the manifest, or null for {@code
   *     moveTo/neardup-manifest-<time>.jsonl}
   * @throws IllegalArgumentException when no destination is given and there is no default
   */
  public synchronized Applied apply(Path moveTo, Path manifest) throws IOException {
    ensureGrouped();
    Path dest = moveTo != null ? moveTo : defaultMoveTo;
    if (dest == null) {
      throw new IllegalArgumentException("say where to move the duplicates: move_to is missing");
    }
    List<Group> toMove = new ArrayList<>();
    for (Group g : groups) {
      List<Group.Member> keep = new ArrayList<>();
      for (Group.Member m : g.members()) {
        if (!decisions.isNotDuplicate(g.kept().path(), m.image().path())) {
          keep.add(m);
        }
      }
      if (!keep.isEmpty()) {
        toMove.add(new Group(g.id(), g.kept(), g.keptBecause(), keep));
      }
    }
    Path m =
        manifest != null
            ? manifest
            : DedupSession.defaultManifest(DedupSession.Action.MOVE, dest, clock.instant());
    ActionResult r = engine.session().remove(toMove, roots, dest, m, clock, SidecarPolicy.DEFAULT);
    regroup();
    Path abs = r.manifest().toAbsolutePath().normalize();
    return new Applied(
        r.done().size(),
        r.skipped().stream().map(s -> s.file() + ": " + s.reason()).toList(),
        abs.toString(),
        "neardup undo " + abs);
  }

  /**
   * A JPEG of an image of the listed groups: the original shrunk to {@link #PREVIEW_SIDE}, or the
   * index's grayscale verification image when the original cannot be read any more and the index
   * stores pixels.
   *
   * @throws NoSuchElementException when {@code path} is not an image of a listed group (the page
   *     serves no other file)
   */
  public byte[] preview(String path) throws IOException {
    if (path == null || !shown.contains(path)) {
      throw new NoSuchElementException("no listed image " + path);
    }
    try {
      return previews.jpeg(Path.of(path));
    } catch (DecodeException e) {
      try (IndexSnapshot s = engine.index().snapshot()) {
        for (IndexedImage i : s.images(path::equals)) {
          GrayImage t = s.thumbnail(i.docId());
          if (t == null) {
            break;
          }
          var mat = t.toMat();
          try {
            return Previews.encodeJpeg(mat);
          } finally {
            mat.release();
          }
        }
      }
      throw new NoSuchElementException(path + " cannot be read any more: " + e.reason());
    }
  }

  private Grouper grouper() {
    return engine.deduplicator().grouper();
  }

  private Group find(int id) {
    for (Group g : groups) {
      if (g.id() == id) {
        return g;
      }
    }
    throw new NoSuchElementException("no group " + id);
  }

  private static Group.Member member(Group g, String path) {
    for (Group.Member m : g.members()) {
      if (m.image().path().equals(path)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "group "
            + g.id()
            + " has no duplicate "
            + path
            + " (the kept image is "
            + g.kept().path()
            + ")");
  }

  private static List<String> imagesOf(Group g) {
    Set<String> all = new LinkedHashSet<>();
    all.add(g.kept().path());
    g.members().forEach(m -> all.add(m.image().path()));
    return List.copyOf(all);
  }

  private void remember(Group g) {
    shown.addAll(imagesOf(g));
  }

  private int toRemove(Group g) {
    int n = 0;
    for (Group.Member m : g.members()) {
      n += decisions.isNotDuplicate(g.kept().path(), m.image().path()) ? 0 : 1;
    }
    return n;
  }

  private boolean fromSource(Group g, String source) {
    if (source == null) {
      return true;
    }
    if (source.equals(sourceByPath.get(g.kept().path()))) {
      return true;
    }
    for (Group.Member m : g.members()) {
      if (source.equals(sourceByPath.get(m.image().path()))) {
        return true;
      }
    }
    return false;
  }

  private GroupSummary summaryOf(Group g) {
    Double maxFraction = null;
    Float minCosine = null;
    for (Group.Member m : g.members()) {
      var e = m.evidence();
      if (e.diff() != null && e.diff().comparable()) {
        maxFraction =
            maxFraction == null
                ? e.diff().changedFraction()
                : Math.max(maxFraction, e.diff().changedFraction());
      }
      if (e.cosine() != null) {
        minCosine = minCosine == null ? e.cosine() : Math.min(minCosine, e.cosine());
      }
    }
    int n = toRemove(g);
    return new GroupSummary(
        g.id(),
        g.kept().path(),
        name(g.kept().path()),
        g.members().size(),
        n,
        maxFraction,
        minCosine,
        status(g, n));
  }

  private GroupView viewOf(Group g) {
    List<MemberView> members = new ArrayList<>();
    for (Group.Member m : g.members()) {
      members.add(
          new MemberView(
              imageOf(m.image()),
              EvidenceView.of(m.evidence()),
              decisions.isNotDuplicate(g.kept().path(), m.image().path())));
    }
    int n = toRemove(g);
    return new GroupView(g.id(), imageOf(g.kept()), g.keptBecause(), status(g, n), n, members);
  }

  private static String status(Group g, int toRemove) {
    return toRemove == 0 && !g.members().isEmpty() ? "not_duplicate" : "open";
  }

  private static ImageView imageOf(ImageRecord r) {
    return new ImageView(r.path(), name(r.path()), r.width(), r.height(), r.fileSize());
  }

  private static String name(String path) {
    return Path.of(path).getFileName().toString();
  }
}
