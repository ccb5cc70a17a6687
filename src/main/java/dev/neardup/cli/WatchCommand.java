package dev.neardup.cli;

import dev.neardup.act.Quarantine;
import dev.neardup.config.Defaults;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.FolderWatcher;
import dev.neardup.pipeline.IngestResult;
import dev.neardup.pipeline.Ingestor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neardup watch DIR}: deduplicate files as they are dropped into a folder. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description =
        "Watches a folder: each new image, once it stopped changing, is checked against the"
            + " index; unique ones are indexed where they are, duplicates moved to the quarantine"
            + " folder with a manifest ('neardup undo MANIFEST' puts them back). Runs until"
            + " stopped, or one pass with --once.")
final class WatchCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The folder to watch (with its subfolders).")
  Path folder;

  @Option(
      names = "--quarantine",
      paramLabel = "DIR",
      description = "Where duplicates are moved (outside the watched folder). Required.")
  String quarantine = Defaults.QUARANTINE.asString();

  @Option(
      names = "--settle-ms",
      paramLabel = "MS",
      description =
          "A file is read once its size and time stayed unchanged this long."
              + " Default: ${DEFAULT-VALUE}")
  long settleMs = Defaults.SETTLE_MS.asLong();

  @Option(
      names = "--poll-ms",
      paramLabel = "MS",
      description = "Time between two scans of the folder. Default: ${DEFAULT-VALUE}")
  long pollMs = 1000;

  @Option(
      names = "--once",
      description =
          "Scan once, take every image found (no settle time: use it only on complete files),"
              + " and exit.")
  boolean once;

  @Mixin EngineOptions engine;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (quarantine == null || quarantine.isBlank()) {
      throw new IllegalArgumentException("--quarantine must name a folder");
    }
    if (settleMs < 0 || pollMs < 1) {
      throw new IllegalArgumentException(
          "--settle-ms must be >= 0 and --poll-ms >= 1; got " + settleMs + " and " + pollMs);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Engine e = Engine.open(engine.config());
        Quarantine q = new Quarantine(Path.of(quarantine), Clock.systemUTC())) {
      Ingestor ingestor = new Ingestor(e, null, q);
      Duration settle = once ? Duration.ZERO : Duration.ofMillis(settleMs);
      FolderWatcher w =
          new FolderWatcher(
              ingestor, folder, ingestor.indexedUnder(folder), settle, Clock.systemUTC());
      out.println("watching " + w.folder() + "; duplicates go to " + q.folder());
      out.flush();
      do {
        for (FolderWatcher.Outcome o : w.poll()) {
          print(out, o);
        }
        if (!once) {
          Thread.sleep(pollMs);
        }
      } while (!once);
      if (q.manifestFile() != null) {
        out.println(
            "manifest: " + q.manifestFile() + " (undo: neardup undo " + q.manifestFile() + ")");
      }
    }
    return 0;
  }

  private static void print(PrintWriter out, FolderWatcher.Outcome o) {
    if (o.error() != null) {
      out.println("unreadable: " + o.file() + ": " + o.error());
    } else if (o.result().status() == IngestResult.Status.UNIQUE) {
      out.println("unique:     " + o.file());
    } else {
      out.println(
          "duplicate:  "
              + o.file()
              + " of "
              + o.result().duplicateOf().image().path()
              + (o.result().quarantinedAt() == null ? "" : " -> " + o.result().quarantinedAt()));
    }
    out.flush();
  }
}
