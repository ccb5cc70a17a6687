package dev.neardup.cli;

import dev.neardup.group.EarlierNeighbours;
import dev.neardup.group.GroupingOptions;
import dev.neardup.group.Partition;
import dev.neardup.group.PartitionResult;
import dev.neardup.group.Scope;
import dev.neardup.neighbours.NeighbourStore;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.EngineConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The two-phase dedup's options of {@code dedup} ({@code --partition}, {@code --neighbours}) and
 * the one thing phase 1 prints; the work is the library's ({@code Deduplicator#findNeighbours},
 * {@code Deduplicator#dedupFromNeighbours}).
 */
final class TwoPhaseOptions {
  @Option(
      names = "--partition",
      paramLabel = "K/N",
      description =
          "Phase 1 of the two-phase dedup (needs --neighbours): for this worker's share K of N of"
              + " the images (by a hash of their SHA-256; under --same-camera a camera's frames go"
              + " together), find and verify every duplicate among the images visited before it,"
              + " and write it to --neighbours (DIR/part-K-of-N.jsonl.gz; on a Solr collection,"
              + " documents part-K-of-N of NAME in it). Run K = 1..N on N machines or processes, in"
              + " any order. Reads the index as it is (index the folders first, e.g. with 'index"
              + " --partition K/N' on a SolrCloud collection). Touches no file.")
  String partition;

  @Option(
      names = "--neighbours",
      paramLabel = "DIR|NAME",
      description =
          "Where the two-phase dedup keeps phase 1's results: a folder DIR for an embedded index"
              + " (local, or shared by the workers); for a Solr collection, a NAME for them in the"
              + " collection itself (no shared folder needed). With --partition: where phase 1"
              + " writes its share. Without: phase 2 - the groups from every part-K-of-N there"
              + " (all N must be there) in one pass, exactly the groups of the plain dedup, then"
              + " the report and --move-to as usual. Not with --max-checks or --window.")
  String neighbours;

  /** Whether this run is a phase 1 worker. */
  boolean phase1() {
    return partition != null;
  }

  /**
   * Where phase 1's results are for the index {@code config} names, or null for the plain
   * (sequential) dedup.
   */
  NeighbourStore store(EngineConfig config) {
    return neighbours == null ? null : config.index().neighbours(neighbours);
  }

  /**
   * Refuses what cannot go together, before anything is opened.
   *
   * @param acts whether the run was asked to report to a file, draw or move (phase 1 does not)
   * @param sweep whether {@code --fractions} was given
   */
  void check(GroupingOptions grouping, boolean acts, boolean sweep) {
    if (partition == null && neighbours == null) {
      return;
    }
    if (partition != null && neighbours == null) {
      throw new IllegalArgumentException(
          "--partition " + partition + " writes phase 1's results: add --neighbours DIR");
    }
    if (partition != null) {
      Partition.parse(partition);
    }
    if (sweep) {
      throw new IllegalArgumentException(
          "--fractions cannot go with --partition or --neighbours: sweep without them");
    }
    if (partition != null && acts) {
      throw new IllegalArgumentException(
          "--partition runs phase 1 only (it writes DIR/part-K-of-N.jsonl.gz); give --report,"
              + " --html, --collage, --move-to or --delete to phase 2 (--neighbours DIR without"
              + " --partition)");
    }
    EarlierNeighbours.refuseShortcuts(grouping);
  }

  /** Phase 1 for this worker's partition; prints one line of what it did. */
  int runPhase1(EngineConfig config, List<Path> roots, Scope scope, PrintWriter out)
      throws IOException {
    Partition part = Partition.parse(partition);
    NeighbourStore store = store(config);
    try (Engine e = Engine.open(config)) {
      long t0 = System.nanoTime();
      PartitionResult r =
          e.deduplicator().findNeighbours(roots, scope, part, store, TerminalProgress.forStderr());
      out.printf(
          Locale.ROOT,
          "phase 1, partition %s: %d of %d images searched among the images before them; %d"
              + " pairs checked, %d skipped as provably different, %d verified earlier duplicates"
              + " recorded, %d checks failed (%.1f s)%n",
          part,
          r.searched(),
          r.images(),
          r.stats().checked(),
          r.stats().pruned(),
          r.neighbours(),
          r.failures().size(),
          (System.nanoTime() - t0) / 1e9);
      out.println("written: " + store.describe(part));
    }
    return 0;
  }

  /** The line phase 2 adds to the summary: where the groups came from, and phase 1's cost. */
  void printPhase2(NeighbourStore store, long checked, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "two-phase dedup: groups from the phase 1 results in %s, no pair verified now; phase 1"
            + " checked %d pairs over all partitions (the sequential dedup checks only pairs with"
            + " kept images: fewer)%n",
        store.describe(),
        checked);
  }
}
