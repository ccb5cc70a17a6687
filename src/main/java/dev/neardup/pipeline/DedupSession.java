package dev.neardup.pipeline;

import dev.neardup.act.ActionResult;
import dev.neardup.act.Removal;
import dev.neardup.act.Remover;
import dev.neardup.act.SidecarConflict;
import dev.neardup.act.SidecarPolicy;
import dev.neardup.act.Sidecars;
import dev.neardup.group.Group;
import dev.neardup.group.Grouping;
import dev.neardup.group.GroupingOptions;
import dev.neardup.group.Scope;
import dev.neardup.index.Decisions;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.neighbours.NeighbourStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The decisions of one dedup, made in one place for every shell: what is scanned and what is not
 * (the exclusions), which folders are references, in which order the steps run (pictures from the
 * originals before anything moves), what moves, and what the manifest is called. {@code neardup
 * dedup}, the service, the review page and {@code /api/v1/groups} all go through it, so that they
 * cannot disagree.
 *
 * <p>One per {@link Engine}; it also holds the engine's one grouping cache ({@link #grouping}), so
 * that the review page and {@code /api/v1/groups} give the same groups, with the same ids, for the
 * same index.
 */
public final class DedupSession {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Deduplicator deduplicator;
  private final ImageIndex index;
  private final Object groupingLock = new Object();

  /** What {@link #grouping} returns: a grouping and the index version it was computed on. */
  public record Cached(long version, Grouping grouping) {}

  /**
   * The cache's key: everything a grouping depends on. The index version changes with every change;
   * the decisions are in it too, since a backend's version need not see every deletion.
   */
  private record Key(
      long version,
      GroupingOptions options,
      Set<Set<String>> notDuplicate,
      Set<String> keepers,
      List<String> images) {}

  /** Groupings kept: the whole index ({@code /api/v1/groups}) and the review page's roots. */
  private static final int CACHED_GROUPINGS = 4;

  private final Map<Key, Cached> cache =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
          return size() > CACHED_GROUPINGS;
        }
      };

  DedupSession(Deduplicator deduplicator, ImageIndex index) {
    this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator");
    this.index = Objects.requireNonNull(index, "index");
  }

  /** What a dedup does with the duplicates it found. */
  public enum Action {
    /** Nothing: a report only. */
    REPORT,
    /** Says what would move, moves nothing. */
    DRY_RUN,
    /** Moves every removable image (manifest first; undoable). */
    MOVE,
    /** Deletes every removable image (the manifest lists them). */
    DELETE
  }

  /**
   * One dedup as asked.
   *
   * @param folders the folders (or files) to clean
   * @param reference folders whose images are always the keepers (scanned too)
   * @param across compare only images of different folders
   * @param exclude what must not be scanned: see {@link #exclusions}
   * @param action what to do with the duplicates
   * @param destination where {@link Action#MOVE} (and {@link Action#DRY_RUN}) moves them, else null
   * @param manifest where to write the manifest, or null for {@link #defaultManifest}
   * @param sidecars which label files travel with their image
   */
  public record Plan(
      List<Path> folders,
      List<Path> reference,
      boolean across,
      List<Path> exclude,
      Action action,
      Path destination,
      Path manifest,
      SidecarPolicy sidecars) {
    public Plan {
      folders = List.copyOf(folders);
      reference = List.copyOf(reference);
      exclude = List.copyOf(exclude);
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(sidecars, "sidecars");
      if ((action == Action.MOVE || action == Action.DRY_RUN) && destination == null) {
        throw new IllegalArgumentException(action + " needs a destination");
      }
    }

    /** The folders scanned: the folders, then each reference folder not among them. */
    public List<Path> roots() {
      List<Path> roots = new ArrayList<>(folders);
      for (Path r : reference) {
        if (!roots.contains(r)) {
          roots.add(r);
        }
      }
      return roots;
    }

    /** Which pairs are compared. */
    public Scope scope() {
      return new Scope(roots(), across, reference);
    }
  }

  /**
   * What one dedup did.
   *
   * @param started when it started (the report's time, the default manifest's name)
   * @param run groups, kept images and every examined pair
   * @param sidecarConflicts duplicates whose label files disagree with their keeper's
   * @param report what {@code beforeMoves} returned (the report a shell builds, once)
   * @param action what was asked
   * @param destination where images moved (or would), else null
   * @param result what moving or deleting did; null for {@link Action#REPORT} and {@link
   *     Action#DRY_RUN}
   */
  public record Outcome<R>(
      Instant started,
      DedupRun run,
      List<SidecarConflict> sidecarConflicts,
      R report,
      Action action,
      Path destination,
      ActionResult result) {}

  /**
   * The step a shell runs after grouping and before any file is touched: the pictures (HTML
   * previews, collage) are made from the originals, which the action may move next.
   */
  @FunctionalInterface
  public interface BeforeMoves<R> {
    R run(Instant started, DedupRun run, List<SidecarConflict> conflicts) throws IOException;
  }

  /**
   * What no scan may index: the index itself, and every file or folder neardup writes into (the
   * move-to folder, its own pictures, the service's incoming folder and quarantine). Our own
   * pictures are images too: a report written inside a scanned folder must not be indexed by the
   * next run. Nulls are skipped.
   */
  public static List<Path> exclusions(Path index, Path... written) {
    List<Path> out = new ArrayList<>();
    out.add(Objects.requireNonNull(index, "index"));
    for (Path p : written) {
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * The manifest a removal writes unless told otherwise: {@code DEST/neardup-manifest-<time>.jsonl}
   * for a move, {@code ./neardup-deleted-<time>.jsonl} for a delete.
   */
  public static Path defaultManifest(Action action, Path destination, Instant now) {
    if (action == Action.DELETE) {
      return Path.of("neardup-deleted-" + STAMP.format(now) + ".jsonl");
    }
    return destination.resolve("neardup-manifest-" + STAMP.format(now) + ".jsonl");
  }

  /**
   * Indexes the plan's roots, groups them, runs {@code beforeMoves}, then does the plan's action.
   */
  public <R> Outcome<R> run(Plan plan, Clock clock, Progress progress, BeforeMoves<R> beforeMoves)
      throws IOException {
    return run(plan, null, clock, progress, beforeMoves);
  }

  /**
   * {@link #run(Plan, Clock, Progress, BeforeMoves)}; with {@code neighbours}, the groups come from
   * phase 2 of the two-phase dedup over the phase 1 results there ({@link
   * Deduplicator#dedupFromNeighbours}, the same groups), and the index is read as it is.
   *
   * @param neighbours where every partition's phase 1 result is, or null for the sequential dedup
   */
  public <R> Outcome<R> run(
      Plan plan,
      NeighbourStore neighbours,
      Clock clock,
      Progress progress,
      BeforeMoves<R> beforeMoves)
      throws IOException {
    Instant started = clock.instant();
    DedupRun run =
        neighbours == null
            ? deduplicator.dedup(plan.roots(), plan.exclude(), plan.scope(), progress)
            : deduplicator.dedupFromNeighbours(plan.roots(), plan.scope(), neighbours, progress);
    List<SidecarConflict> conflicts = sidecarConflicts(run, plan.sidecars());
    R report = beforeMoves.run(started, run, conflicts);
    ActionResult result = null;
    if (plan.action() == Action.MOVE || plan.action() == Action.DELETE) {
      Path manifest =
          plan.manifest() != null
              ? plan.manifest()
              : defaultManifest(plan.action(), plan.destination(), started);
      result =
          remove(
              run.grouping().groups(),
              run.roots(),
              plan.action() == Action.DELETE ? null : plan.destination(),
              manifest,
              clock,
              plan.sidecars());
    }
    return new Outcome<>(
        started, run, conflicts, report, plan.action(), plan.destination(), result);
  }

  /**
   * Indexes the plan's roots once, then groups them at each of {@code fractions} ({@code dedup
   * --fractions}). Touches no file.
   */
  public List<Deduplicator.FractionRow> sweep(Plan plan, List<Double> fractions, Progress progress)
      throws IOException {
    return deduplicator.sweepFractions(plan.folders(), plan.exclude(), fractions, progress);
  }

  /**
   * Moves (or, with a null {@code moveTo}, deletes) every member of {@code groups}, writing the
   * manifest first, and drops the removed images from the index. Each member keeps its path below
   * the deepest of {@code roots} that holds it (below its own folder when none does).
   */
  public ActionResult remove(
      List<Group> groups,
      List<Path> roots,
      Path moveTo,
      Path manifest,
      Clock clock,
      SidecarPolicy sidecars)
      throws IOException {
    List<Removal> removals = new ArrayList<>();
    for (Group g : groups) {
      for (Group.Member m : g.members()) {
        Path file = Path.of(m.image().path());
        removals.add(
            new Removal(file, rootOf(file, roots), m.image().sha256(), Path.of(g.kept().path())));
      }
    }
    Remover remover = new Remover(clock, sidecars);
    ActionResult result =
        moveTo == null
            ? remover.delete(removals, manifest)
            : remover.move(removals, moveTo, manifest);
    for (Path p : result.done()) {
      index.delete(p.toAbsolutePath().normalize().toString());
    }
    index.commit();
    return result;
  }

  /**
   * The duplicates of {@code run} whose sidecars disagree with their keeper's (different labels for
   * the same picture, or labels only on the copy that would be removed), in group order. Touches no
   * file.
   */
  public List<SidecarConflict> sidecarConflicts(DedupRun run, SidecarPolicy sidecars)
      throws IOException {
    List<SidecarConflict> out = new ArrayList<>();
    if (sidecars.isOff()) {
      return out;
    }
    Sidecars finder = new Sidecars(sidecars);
    for (Group g : run.grouping().groups()) {
      Path kept = Path.of(g.kept().path());
      for (Group.Member m : g.members()) {
        Path file = Path.of(m.image().path());
        out.addAll(
            finder.compare(file, rootOf(file, run.roots()), kept, rootOf(kept, run.roots())));
      }
    }
    return out;
  }

  /**
   * The grouping of the indexed images that {@code inScope} accepts, with the engine's grouper,
   * cached until the index changes: keyed by the snapshot's version (which every change plus
   * refresh bumps), the grouping options, the people's decisions and the images grouped, so that
   * two callers asking for the same images of the same index get the same grouping (and the same
   * group ids).
   */
  public Cached grouping(IndexSnapshot snapshot, Predicate<String> inScope) {
    return grouping(snapshot, inScope, false);
  }

  /**
   * Like {@link #grouping(IndexSnapshot, Predicate)}; with {@code fresh}, groups again even when
   * the cache holds the answer (a person asked to regroup: a check that failed may pass now), and
   * caches the new grouping for every later caller.
   */
  public Cached grouping(IndexSnapshot snapshot, Predicate<String> inScope, boolean fresh) {
    List<IndexedImage> images = snapshot.images(inScope);
    Decisions d = snapshot.decisions();
    Key key =
        new Key(
            snapshot.version(),
            deduplicator.grouper().finder().options(),
            Set.copyOf(d.notDuplicateSets()),
            Set.copyOf(d.pinnedKeepers()),
            images.stream().map(i -> i.record().path()).toList());
    synchronized (groupingLock) {
      Cached c = fresh ? null : cache.get(key);
      if (c == null) {
        c = new Cached(snapshot.version(), deduplicator.grouper().group(snapshot, images, null));
        // An older index's groupings are never asked for again: drop them (they hold records).
        cache.keySet().removeIf(k -> k.version() != key.version());
        cache.put(key, c);
      }
      return c;
    }
  }

  /** {@link #grouping(IndexSnapshot, Predicate)} on a fresh snapshot of the engine's index. */
  public Cached grouping(Predicate<String> inScope) throws IOException {
    try (IndexSnapshot s = index.snapshot()) {
      return grouping(s, inScope);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static Path rootOf(Path file, List<Path> roots) {
    Path best = file.getParent();
    int depth = -1;
    for (Path r : roots) {
      Path abs = r.toAbsolutePath().normalize();
      if (file.startsWith(abs) && abs.getNameCount() > depth) {
        best = abs;
        depth = abs.getNameCount();
      }
    }
    return best;
  }
}
