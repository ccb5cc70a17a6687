package dev.neardup.pipeline;

import dev.neardup.decode.DecodeException;
import dev.neardup.group.CandidateFinder;
import dev.neardup.group.CandidateSource;
import dev.neardup.group.EarlierNeighbours;
import dev.neardup.group.FailedCheck;
import dev.neardup.group.Grouper;
import dev.neardup.group.Grouping;
import dev.neardup.group.GroupingOptions;
import dev.neardup.group.KeptImages;
import dev.neardup.group.NeighbourGrouping;
import dev.neardup.group.Partition;
import dev.neardup.group.PartitionResult;
import dev.neardup.group.Scope;
import dev.neardup.group.SearchStats;
import dev.neardup.group.SharedPrepared;
import dev.neardup.group.Via;
import dev.neardup.image.StoredImage;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.neighbours.NeighbourStore;
import dev.neardup.verify.PixelDiffParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The library behind the command line: index folders, group their images and query new images
 * ({@link DedupSession} decides what a dedup then does with them). Holds no state of its own beyond
 * the objects it is given, which live as long as the process (model, index).
 */
public final class Deduplicator {
  private final ImageIndex index;
  private final Analyzer analyzer;
  private final Indexer indexer;
  private final Grouper grouper;
  private final PixelDiffParams pixel;

  /**
   * What queries and ingests share between requests, so that a request neither rebuilds the kept
   * set nor reads every kept image's file again: the kept set of the last index version looked up
   * (its indexes of signatures, hashes and histograms with it; a new version takes over the values
   * read for the images it still holds, {@link KeptImages#everyImage(IndexSnapshot, KeptImages)}),
   * and the prepared images ({@link SharedPrepared}, made on first use within the prepared-image
   * budget).
   */
  private final AtomicReference<LookupSet> lastLookup = new AtomicReference<>();

  private volatile SharedPrepared sharedPrepared;

  /** The kept set of one index version (same version and doc count: same doc ids). */
  private record LookupSet(long version, int maxDoc, KeptImages kept) {}

  /**
   * @param grouper the one grouper of the engine; its {@link CandidateFinder} also answers queries
   *     and ingests
   * @param pixel the pixel check's settings the grouper was made with (a fraction sweep varies
   *     them)
   */
  public Deduplicator(
      ImageIndex index,
      Analyzer analyzer,
      Indexer indexer,
      Grouper grouper,
      PixelDiffParams pixel) {
    this.index = index;
    this.analyzer = analyzer;
    this.indexer = indexer;
    this.grouper = grouper;
    this.pixel = pixel;
  }

  /**
   * One row of {@link #sweepFractions}.
   *
   * @param fraction the pixel-diff fraction
   * @param images images grouped
   * @param kept unique images at that fraction
   * @param stats what the search did
   * @param seconds grouping time
   */
  public record FractionRow(
      double fraction, int images, int kept, SearchStats stats, double seconds) {}

  /**
   * Indexes {@code roots} once, then groups them at each of {@code fractions}: the number of unique
   * images per fraction, the table camera users tune their setting with. Touches no file.
   */
  public List<FractionRow> sweepFractions(
      List<Path> roots, List<Path> exclude, List<Double> fractions, Progress progress)
      throws IOException {
    indexer.update(roots, exclude, progress);
    List<FractionRow> rows = new ArrayList<>();
    try (IndexSnapshot snapshot = index.snapshot()) {
      List<IndexedImage> images = snapshot.images(Indexer.under(roots));
      for (double f : fractions) {
        Grouper g =
            Grouper.create(
                grouper.finder().options(),
                pixel.withFraction(f),
                CandidateSource.EMBEDDING,
                grouper.finder().cacheBudget());
        progress.start("grouping at fraction " + f, images.size());
        long t0 = System.nanoTime();
        Grouping grouping;
        try {
          grouping = g.group(snapshot, images, progress::update);
        } finally {
          progress.finish();
        }
        rows.add(
            new FractionRow(
                f,
                grouping.images(),
                grouping.kept(),
                grouping.stats(),
                (System.nanoTime() - t0) / 1e9));
      }
    }
    return rows;
  }

  /** The grouper (and through it the candidate finder) every command and route uses. */
  public Grouper grouper() {
    return grouper;
  }

  /** Brings the index up to date with {@code roots}. */
  public IndexStats index(List<Path> roots, List<Path> exclude, Progress progress)
      throws IOException {
    return indexer.update(roots, exclude, progress);
  }

  /**
   * Brings the index up to date with the files of one {@code part} under {@code roots} ({@code
   * index --partition K/N}: {@link Indexer#update(List, List, Progress, dev.neardup.index.Origin,
   * Partition)}).
   */
  public IndexStats index(List<Path> roots, List<Path> exclude, Progress progress, Partition part)
      throws IOException {
    return indexer.update(roots, exclude, progress, dev.neardup.index.Origin.UNKNOWN, part);
  }

  /** Brings the index up to date with {@code roots}, storing {@code origin} with new images. */
  public IndexStats index(
      List<Path> roots, List<Path> exclude, Progress progress, dev.neardup.index.Origin origin)
      throws IOException {
    return indexer.update(roots, exclude, progress, origin);
  }

  /** Indexes {@code roots}, then groups every image under them. Touches no file. */
  public DedupRun dedup(List<Path> roots, List<Path> exclude, Progress progress)
      throws IOException {
    return dedup(roots, exclude, Scope.ALL, progress);
  }

  /**
   * Like {@link #dedup(List, List, Progress)}, comparing only the pairs {@code scope} allows
   * ({@code --across}, {@code --reference}).
   */
  public DedupRun dedup(List<Path> roots, List<Path> exclude, Scope scope, Progress progress)
      throws IOException {
    IndexStats stats = indexer.update(roots, exclude, progress);
    try (IndexSnapshot snapshot = index.snapshot()) {
      List<IndexedImage> images = snapshot.images(Indexer.under(roots));
      progress.start("grouping", images.size());
      Grouping grouping;
      try {
        grouping = grouper.group(snapshot, images, scope, progress::update);
      } finally {
        progress.finish();
      }
      return new DedupRun(roots, stats, grouping, snapshot.failures(Indexer.under(roots)), scope);
    }
  }

  /**
   * Phase 1 of the two-phase dedup ({@link EarlierNeighbours}) for one partition of the images
   * indexed under {@code roots}: their verified earlier neighbours, written to {@code store}. Reads
   * the index as it is (the workers of one index must not all update it): index the roots first.
   * Touches no file.
   *
   * @throws IllegalArgumentException when nothing is indexed under {@code roots}, or with {@code
   *     --max-checks} or {@code --window}
   */
  public PartitionResult findNeighbours(
      List<Path> roots, Scope scope, Partition part, NeighbourStore store, Progress progress)
      throws IOException {
    EarlierNeighbours phase1 = new EarlierNeighbours(grouper.finder());
    PartitionResult r;
    try (IndexSnapshot snapshot = index.snapshot()) {
      List<IndexedImage> images = indexedUnder(snapshot, roots);
      progress.start("phase 1, partition " + part, images.size());
      try {
        r = phase1.find(snapshot, images, scope, part, twoPhaseSettings(), progress::update);
      } finally {
        progress.finish();
      }
    }
    store.write(r);
    return r;
  }

  /**
   * Phase 2 of the two-phase dedup ({@link NeighbourGrouping}): the groups of the images indexed
   * under {@code roots}, from every partition's phase 1 result in {@code store}, in one pass: the
   * sequential {@link #dedup}'s groups, without verifying a pair. Reads the index as it is (phase 1
   * saw it so: a changed index is refused). Touches no file.
   *
   * @throws dev.neardup.neighbours.MissingPartitionsException naming the partitions not there
   */
  public DedupRun dedupFromNeighbours(
      List<Path> roots, Scope scope, NeighbourStore store, Progress progress) throws IOException {
    EarlierNeighbours.refuseShortcuts(grouper.finder().options());
    List<PartitionResult> parts = store.readAll();
    try (IndexSnapshot snapshot = index.snapshot()) {
      List<IndexedImage> images = indexedUnder(snapshot, roots);
      progress.start("phase 2: grouping from " + parts.size() + " partitions", images.size());
      Grouping grouping;
      try {
        grouping =
            NeighbourGrouping.group(
                snapshot, images, scope, grouper.finder().options(), twoPhaseSettings(), parts);
      } finally {
        progress.finish();
      }
      IndexStats notUpdated = new IndexStats(images.size(), images.size(), 0, 0, 0, 0, 0);
      return new DedupRun(
          roots, notUpdated, grouping, snapshot.failures(Indexer.under(roots)), scope);
    }
  }

  private static List<IndexedImage> indexedUnder(IndexSnapshot snapshot, List<Path> roots) {
    List<IndexedImage> images = snapshot.images(Indexer.under(roots));
    if (images.isEmpty()) {
      throw new IllegalArgumentException(
          "no indexed image under "
              + roots
              + ": the two-phase dedup reads the index as it is; run 'neardup index' on the"
              + " folders first");
    }
    return images;
  }

  /** What the two phases must agree on besides the grouping options: the pixel check's settings. */
  private String twoPhaseSettings() {
    return pixel.toString();
  }

  /**
   * Looks up new images among the indexed ones; never changes the index.
   *
   * @return one result per file, in the order given
   */
  public List<QueryResult> query(List<Path> files) throws IOException {
    return query(files, grouper.finder().options());
  }

  /**
   * Like {@link #query(List)} with other candidate settings (e.g. {@code --same-camera}) and the
   * engine's verifier.
   */
  public List<QueryResult> query(List<Path> files, GroupingOptions options) throws IOException {
    CandidateFinder finder = grouper.finder().withOptions(options);
    List<QueryResult> out = new ArrayList<>();
    try (IndexSnapshot snapshot = index.snapshot()) {
      for (Path f : files) {
        try {
          ImageRecord probe = analyzer.analyze(f);
          Lookup l = lookup(finder, snapshot, probe);
          out.add(new QueryResult(f.toString(), null, l.matches(), l.failures()));
        } catch (DecodeException e) {
          out.add(new QueryResult(f.toString(), e.reason(), List.of()));
        }
      }
    }
    return out;
  }

  /**
   * The first indexed image that {@code probe} is a verified duplicate of, in the search's order
   * (the order {@code dedup} asks its kept images in: the same bytes, then the identity check on
   * the candidates in order, then the geometric levels), never the image at {@code skipPath}; null
   * when there is none. What ingest decides on: it stops at the first duplicate instead of
   * verifying every match (a query's {@link #lookup} does that).
   */
  Match firstDuplicate(IndexSnapshot snapshot, ImageRecord probe, String skipPath) {
    CandidateFinder.Session session = grouper.finder().open(snapshot, sharedPrepared());
    CandidateFinder.Found f = session.first(probeOf(probe), keptOf(snapshot), null, skipPath);
    return f == null ? null : new Match(f.kept(), f.evidence());
  }

  private static CandidateFinder.Probe probeOf(ImageRecord probe) {
    return new CandidateFinder.Probe(
        probe, new StoredImage(probe.thumbnail(), probe.width(), probe.height()), probe.vector());
  }

  /** The matches of one probe, and the checks that failed on the way (contained). */
  record Lookup(List<Match> matches, List<FailedCheck> failures) {}

  /**
   * The indexed images that {@code probe} is a verified duplicate of, as the one {@link
   * CandidateFinder} finds them for grouping (same candidates, same verifier, {@code --same-camera}
   * and people's "not a duplicate" decisions honoured): exact copies first, then by cosine, pHash
   * distance and path; with the checks that failed on the way.
   */
  Lookup lookup(IndexSnapshot snapshot, ImageRecord probe) {
    return lookup(grouper.finder(), snapshot, probe);
  }

  private Lookup lookup(CandidateFinder finder, IndexSnapshot snapshot, ImageRecord probe) {
    CandidateFinder.Session session = finder.open(snapshot, sharedPrepared());
    CandidateFinder.Probe p = probeOf(probe);
    List<Match> matches = new ArrayList<>();
    for (CandidateFinder.Found f : session.all(p, keptOf(snapshot))) {
      matches.add(new Match(f.kept(), f.evidence()));
    }
    matches.sort(
        Comparator.comparing((Match m) -> m.evidence().via() != Via.EXACT)
            .thenComparing(m -> m.evidence().cosine() == null ? 0f : -m.evidence().cosine())
            .thenComparingInt(m -> m.evidence().hamming())
            .thenComparing(m -> m.image().path()));
    return new Lookup(matches, session.failures());
  }

  /**
   * Every image of {@code snapshot} as the kept set, reused while the index version is the same.
   */
  private KeptImages keptOf(IndexSnapshot snapshot) {
    LookupSet last = lastLookup.get();
    if (last != null
        && last.version() == snapshot.version()
        && last.maxDoc() == snapshot.maxDoc()) {
      return last.kept();
    }
    KeptImages kept = KeptImages.everyImage(snapshot, last == null ? null : last.kept());
    lastLookup.set(new LookupSet(snapshot.version(), snapshot.maxDoc(), kept));
    return kept;
  }

  private SharedPrepared sharedPrepared() {
    SharedPrepared s = sharedPrepared;
    if (s == null) {
      synchronized (this) {
        if (sharedPrepared == null) {
          sharedPrepared = new SharedPrepared(grouper.finder().cacheBudget().preparedBytes());
        }
        s = sharedPrepared;
      }
    }
    return s;
  }
}
