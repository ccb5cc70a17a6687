package dev.neardup.cli;

import dev.neardup.config.Defaults;
import dev.neardup.group.Group;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.Ingestor;
import dev.neardup.pipeline.Reconciler;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neardup reconcile}: remove near-duplicates that several ingest machines accepted. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description =
        "Regroups every image in the index (a SolrCloud collection shared by several serve or"
            + " watch machines, or an embedded index) and removes the near-duplicates that were"
            + " accepted at the same moment by different machines, keeping the earliest of each"
            + " group. Prints each group. Uploads stored under --storage are deleted; those of"
            + " other machines are dropped by their own recovery at their next start.")
final class ReconcileCommand implements Callable<Integer> {
  @Option(names = "--dry-run", description = "Report the groups only; change nothing.")
  boolean dryRun;

  @Option(
      names = "--storage",
      paramLabel = "DIR",
      description =
          "This machine's upload storage folder (serve's --storage); ignored when it does not"
              + " exist. Default: ${DEFAULT-VALUE}")
  Path storage = Defaults.STORAGE.asPath();

  @Mixin EngineOptions engine;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Engine e = Engine.open(engine.config())) {
      Ingestor ingestor = new Ingestor(e, Files.isDirectory(storage) ? storage : null, null);
      Reconciler.Reconciliation r = new Reconciler(ingestor).reconcile(dryRun);
      for (Group g : r.grouping().groups()) {
        out.println("kept    " + g.kept().path());
        for (Group.Member m : g.members()) {
          out.println(
              (dryRun ? "  would remove " : "  removed ")
                  + m.image().path()
                  + " ("
                  + m.evidence().label()
                  + ")");
        }
      }
      int dups = r.grouping().removable();
      out.printf(
          "%d images, %d groups of near-duplicates, %d %s (%s)%n",
          r.grouping().images(),
          r.grouping().groups().size(),
          dryRun ? dups : r.removed().size(),
          dryRun ? "would be removed" : "removed",
          e.index().location());
    }
    return 0;
  }
}
