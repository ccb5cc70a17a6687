package dev.neardup.cli;

import dev.neardup.group.Partition;
import dev.neardup.index.FailedFile;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.pipeline.DedupSession;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.IndexStats;
import dev.neardup.pipeline.Indexer;
import dev.neardup.report.ModelSection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neardup index DIR...}: build or update the index. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description =
        "Builds or updates the index for folders: new and changed images are decoded and"
            + " embedded, unchanged ones skipped, deleted ones removed. Unreadable files are"
            + " listed with their reason.")
final class IndexCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Folders (or files) to index.")
  List<Path> folders;

  @Mixin EngineOptions engine;

  @Option(
      names = "--partition",
      paramLabel = "K/N",
      description =
          "Index only this worker's share K of N of the files (by a hash of each file's path):"
              + " N workers, one per machine, index one folder tree into one SolrCloud collection."
              + " Files of the other shares are neither indexed nor removed. (An embedded index"
              + " takes one writer at a time.)")
  String partition;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Partition part = partition == null ? Partition.WHOLE : Partition.parse(partition);
    try (Engine e = Engine.open(engine.config())) {
      ModelSection model = ModelSection.of(e.model());
      out.println("model: " + model.id());
      if (!"pretrained".equals(model.weights())) {
        out.println("       " + model.note());
      }
      IndexStats s =
          e.deduplicator()
              .index(
                  folders,
                  DedupSession.exclusions(e.index().directory()),
                  TerminalProgress.forStderr(),
                  part);
      if (part.count() > 1) {
        out.println("partition " + part + ": the files whose path hashes to share " + part);
      }
      List<FailedFile> unreadable;
      try (IndexSnapshot snapshot = e.index().snapshot()) {
        unreadable = snapshot.failures(Indexer.under(folders));
      }
      out.printf(
          Locale.ROOT,
          "%d images found: %d indexed now (%.1f img/s), %d unchanged, %d unreadable,"
              + " %d removed from the index, %d non-image files ignored%n",
          s.scanned(),
          s.indexed(),
          s.imagesPerSecond(),
          s.unchanged(),
          unreadable.size(),
          s.removed(),
          s.ignored());
      for (FailedFile f : unreadable) {
        out.println("  unreadable: " + f.path() + ": " + f.reason());
      }
      out.println(
          "index: " + e.index().location() + " (" + e.index().documentCount() + " documents)");
    }
    return 0;
  }
}
