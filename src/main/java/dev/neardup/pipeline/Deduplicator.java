package dev.neardup.pipeline;

import dev.neardup.act.ActionResult;
import dev.neardup.act.Removal;
import dev.neardup.act.Remover;
import dev.neardup.decode.DecodeException;
import dev.neardup.embed.PerceptualHash;
import dev.neardup.group.Evidence;
import dev.neardup.group.Group;
import dev.neardup.group.Grouper;
import dev.neardup.group.Grouping;
import dev.neardup.group.GroupingOptions;
import dev.neardup.index.Decisions;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.index.Neighbor;
import dev.neardup.verify.PixelDiff;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The library behind the command line: index folders, group their images, query new images, and
 * take duplicates out of the way. Holds no state of its own beyond the objects it is given, which
 * live as long as the process (model, index).
 */
public final class Deduplicator {
  private final ImageIndex index;
  private final Analyzer analyzer;
  private final Indexer indexer;
  private final GroupingOptions options;
  private final PixelDiff pixelDiff;

  public Deduplicator(
      ImageIndex index,
      Analyzer analyzer,
      Indexer indexer,
      GroupingOptions options,
      PixelDiff pixelDiff) {
    this.index = index;
    this.analyzer = analyzer;
    this.indexer = indexer;
    this.options = options;
    this.pixelDiff = pixelDiff;
  }

  /** Brings the index up to date with {@code roots}. */
  public IndexStats index(List<Path> roots, List<Path> exclude, Progress progress)
      throws IOException {
    return indexer.update(roots, exclude, progress);
  }

  /** Indexes {@code roots}, then groups every image under them. Touches no file. */
  public DedupRun dedup(List<Path> roots, List<Path> exclude, Progress progress)
      throws IOException {
    IndexStats stats = indexer.update(roots, exclude, progress);
    try (IndexSnapshot snapshot = index.snapshot()) {
      List<IndexedImage> images = snapshot.images(Indexer.under(roots));
      progress.start("grouping", images.size());
      Grouping grouping;
      try {
        grouping = new Grouper(options, pixelDiff).group(snapshot, images, progress::update);
      } finally {
        progress.finish();
      }
      return new DedupRun(roots, stats, grouping, snapshot.failures(Indexer.under(roots)));
    }
  }

  /**
   * Moves (or, with {@code delete}, deletes) every removable image of {@code run}, writing the
   * manifest first, and drops the removed images from the index.
   *
   * @param moveTo destination folder; ignored when {@code delete}
   */
  public ActionResult remove(DedupRun run, Path moveTo, boolean delete, Path manifest, Clock clock)
      throws IOException {
    List<Removal> removals = new ArrayList<>();
    for (Group g : run.grouping().groups()) {
      for (Group.Member m : g.members()) {
        Path file = Path.of(m.image().path());
        removals.add(
            new Removal(
                file, rootOf(file, run.roots()), m.image().sha256(), Path.of(g.kept().path())));
      }
    }
    Remover remover = new Remover(clock);
    ActionResult result =
        delete ? remover.delete(removals, manifest) : remover.move(removals, moveTo, manifest);
    for (Path p : result.done()) {
      index.delete(p.toAbsolutePath().normalize().toString());
    }
    index.commit();
    return result;
  }

  /**
   * Looks up new images among the indexed ones; never changes the index.
   *
   * @return one result per file, in the order given
   */
  public List<QueryResult> query(List<Path> files) throws IOException {
    List<QueryResult> out = new ArrayList<>();
    try (IndexSnapshot snapshot = index.snapshot()) {
      for (Path f : files) {
        try {
          ImageRecord probe = analyzer.analyze(f);
          out.add(new QueryResult(f.toString(), null, matches(snapshot, probe)));
        } catch (DecodeException e) {
          out.add(new QueryResult(f.toString(), e.reason(), List.of()));
        }
      }
    }
    return out;
  }

  /**
   * Indexed images that {@code probe} resembles, verified duplicates first (see {@link #query}).
   */
  List<Match> matches(IndexSnapshot snapshot, ImageRecord probe) {
    Map<Integer, Evidence> found = new LinkedHashMap<>();
    for (int doc : snapshot.withSha256(probe.sha256())) {
      found.put(doc, new Evidence("exact", null, 0, null, true));
    }
    if (probe.vector() != null) {
      for (Neighbor n : snapshot.nearest(probe.vector(), options.searchWidth(), null)) {
        if (n.cosine() >= options.threshold() && !found.containsKey(n.docId())) {
          found.put(n.docId(), check(snapshot, probe, n.docId(), n.cosine()));
        }
      }
    } else {
      for (IndexedImage i : snapshot.images(p -> true)) {
        int d = PerceptualHash.hamming(probe.phash(), i.record().phash());
        if (d <= options.maxHamming() && !found.containsKey(i.docId())) {
          found.put(i.docId(), check(snapshot, probe, i.docId(), null));
        }
      }
    }
    // A person said these are not duplicates of each other (review page): never propose them.
    Decisions decisions = snapshot.decisions();
    List<Match> matches = new ArrayList<>();
    found.forEach(
        (doc, e) -> {
          ImageRecord other = snapshot.record(doc);
          if (!decisions.isNotDuplicate(probe.path(), other.path())) {
            matches.add(new Match(other, e));
          }
        });
    matches.sort(
        Comparator.comparing((Match m) -> !m.evidence().duplicate())
            .thenComparing(m -> !m.evidence().via().equals("exact"))
            .thenComparing(m -> m.evidence().cosine() == null ? 0f : -m.evidence().cosine())
            .thenComparingInt(m -> m.evidence().hamming())
            .thenComparing(m -> m.image().path()));
    return matches;
  }

  private Evidence check(IndexSnapshot snapshot, ImageRecord probe, int doc, Float cosine) {
    return Evidence.of(
        cosine != null ? "embedding" : "phash",
        cosine,
        probe,
        probe.thumbnail(),
        snapshot.record(doc),
        snapshot.thumbnail(doc),
        options.verify(),
        pixelDiff);
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
