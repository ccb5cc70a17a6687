package dev.neardup.cli;

import dev.neardup.act.SidecarPolicy;
import dev.neardup.config.Defaults;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.neighbours.NeighbourStore;
import dev.neardup.pipeline.DedupSession;
import dev.neardup.pipeline.Deduplicator;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.report.Collage;
import dev.neardup.report.DedupReport;
import dev.neardup.report.HtmlReport;
import dev.neardup.report.ModelSection;
import dev.neardup.report.PairSelection;
import dev.neardup.report.Previews;
import dev.neardup.report.Reports;
import dev.neardup.report.TextSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neardup dedup DIR...}: index, group, report, and (when asked) act. */
@Command(
    name = "dedup",
    mixinStandardHelpOptions = true,
    description = {
      "Indexes the folders, groups duplicates and near-duplicates, prints a summary and writes a"
          + " JSON report. By default nothing is touched; --move-to moves every non-kept image"
          + " (undo with 'neardup undo MANIFEST').",
      "Every removed image is a verified duplicate of the image kept in its place."
    })
final class DedupCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Folders (or files) to clean.")
  List<Path> folders;

  @Mixin EngineOptions engine;

  @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report here.")
  Path report;

  @Option(
      names = "--report-pairs",
      paramLabel = "WHICH",
      description =
          "Which checked pairs the JSON report lists: notable (duplicate pairs, failed checks and"
              + " near misses: a changed fraction within twice --fraction, or a registration the"
              + " check on the overlap then rejected; the rest are counted by level under"
              + " pairs_left_out) or all (every pair, with its evidence). Groups and totals do not"
              + " change. Default: ${DEFAULT-VALUE}")
  String reportPairs = Defaults.REPORT_PAIRS.text();

  @Option(
      names = "--html",
      paramLabel = "FILE.html",
      description =
          "Write an HTML report to look at: a card per group, the kept image marked, changed"
              + " regions drawn. Previews go into FILE_files/ beside it.")
  Path html;

  @Option(
      names = "--collage",
      paramLabel = "FILE.jpg",
      description = "Write a picture of duplicate pairs side by side with their scores.")
  Path collage;

  @Option(
      names = "--collage-pairs",
      paramLabel = "N",
      description = "Pairs in the --collage picture. Default: ${DEFAULT-VALUE}")
  int collagePairs = Collage.DEFAULT_PAIRS;

  @Option(
      names = "--move-to",
      paramLabel = "DIR",
      description =
          "Move every non-kept image into DIR (paths below each folder kept, nothing"
              + " overwritten); a manifest for 'neardup undo' is written first.")
  Path moveTo;

  @Option(names = "--dry-run", description = "With --move-to: say what would move, move nothing.")
  boolean dryRun;

  @Option(
      names = "--delete",
      description = "Delete the non-kept images instead of moving them. Needs --confirm-delete.")
  boolean delete;

  @Option(
      names = "--confirm-delete",
      description = "Confirms --delete: the files are gone for good (the manifest lists them).")
  boolean confirmDelete;

  @Option(
      names = "--manifest",
      paramLabel = "FILE",
      description =
          "Where to write the manifest. Default: DIR/neardup-manifest-<time>.jsonl for --move-to,"
              + " ./neardup-deleted-<time>.jsonl for --delete.")
  Path manifest;

  @Option(
      names = "--across",
      description =
          "Compare only images of different folders (a new batch against a set): duplicates"
              + " inside one folder are left alone.")
  boolean across;

  @Option(
      names = "--reference",
      paramLabel = "DIR",
      description =
          "A folder whose images are never moved: they are always the keepers (repeatable; it is"
              + " scanned too).")
  List<Path> reference = new ArrayList<>();

  @Option(
      names = "--sidecars",
      split = ",",
      paramLabel = "EXT[,EXT...]",
      description =
          "Extensions of the label files that travel with their image under the same stem"
              + " (img.jpg + img.txt). Replaces the default txt,xml,json.")
  List<String> sidecars;

  @Option(
      names = "--labels-dir",
      paramLabel = "DIR",
      description =
          "A folder that mirrors the scanned one (images/train/a.jpg -> labels/train/a.txt):"
              + " its sidecars move with their image too, into DIR's name below --move-to."
              + " Repeatable.")
  List<Path> labelsDirs;

  @Option(
      names = "--no-sidecars",
      description = "Move or delete only the images; leave every label file where it is.")
  boolean noSidecars;

  @Option(
      names = "--fractions",
      split = ",",
      paramLabel = "F[,F...]",
      description =
          "Instead of one grouping: print how many unique images each pixel-diff fraction"
              + " keeps (e.g. 0.05,0.10,0.15,0.20), from one index, exactly. Touches no file.")
  List<Double> fractions;

  @Option(
      names = "--show-groups",
      paramLabel = "N",
      description = "Groups listed in the summary. Default: ${DEFAULT-VALUE}")
  int showGroups = 20;

  @Mixin TwoPhaseOptions twoPhase;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    checkActionOptions();
    EngineConfig config = engine.config();
    PrintWriter out = spec.commandLine().getOut();
    twoPhase.check(
        config.grouping(),
        report != null || html != null || collage != null || moveTo != null || delete,
        fractions != null);
    DedupSession.Plan plan =
        new DedupSession.Plan(
            folders,
            reference,
            across,
            DedupSession.exclusions(
                config.index().localDir(),
                moveTo,
                html == null ? null : HtmlReport.previewFolder(html),
                collage),
            action(),
            moveTo,
            manifest,
            fractions != null ? SidecarPolicy.NONE : sidecarPolicy());
    if (fractions != null) {
      return sweep(config, plan, out);
    }
    if (twoPhase.phase1()) {
      return twoPhase.runPhase1(config, plan.roots(), plan.scope(), out);
    }
    NeighbourStore neighbours = twoPhase.store(config);
    try (Engine e = Engine.open(config)) {
      ModelSection model = ModelSection.of(e.model());
      String indexDir = e.index().location();
      DedupSession.Outcome<DedupReport> done =
          e.session()
              .run(
                  plan,
                  neighbours,
                  Clock.systemUTC(),
                  TerminalProgress.forStderr(),
                  (started, run, conflicts) -> {
                    DedupReport rep =
                        Reports.build(
                            run,
                            started,
                            indexDir,
                            model,
                            settings(config),
                            null,
                            conflicts,
                            Cli.parseEnum(PairSelection.class, "--report-pairs", reportPairs));
                    writePictures(rep, config, out);
                    return rep;
                  });
      DedupReport rep = done.report().withAction(Reports.action(done));
      if (report != null) {
        Reports.writeJson(rep, report);
      }
      TextSummary.print(rep, out, showGroups);
      if (neighbours != null) {
        twoPhase.printPhase2(neighbours, done.run().grouping().stats().checked(), out);
      }
      out.println(
          report != null
              ? "report: " + report.toAbsolutePath().normalize()
              : "JSON report (groups, and the notable pairs with their evidence): add --report FILE");
    }
    return 0;
  }

  private DedupSession.Action action() {
    if (delete) {
      return DedupSession.Action.DELETE;
    }
    if (moveTo == null) {
      return DedupSession.Action.REPORT;
    }
    return dryRun ? DedupSession.Action.DRY_RUN : DedupSession.Action.MOVE;
  }

  private void writePictures(DedupReport rep, EngineConfig config, PrintWriter out)
      throws java.io.IOException {
    if (html == null && collage == null) {
      return;
    }
    Previews previews =
        new Previews(new ImageDecoder(config.maxPixels()), Previews.DEFAULT_MAX_SIDE);
    if (html != null) {
      HtmlReport.Written w = HtmlReport.write(rep, previews, html);
      out.println(
          "HTML report: "
              + w.html()
              + " (open it in a browser; previews in "
              + w.folder().getFileName()
              + "/"
              + (w.missing() > 0 ? ", " + w.missing() + " images could not be read" : "")
              + ")");
    }
    if (collage != null) {
      int n = Collage.write(rep, previews, collagePairs, collage);
      out.println("collage: " + collage.toAbsolutePath().normalize() + " (" + n + " pairs)");
    }
  }

  private int sweep(EngineConfig config, DedupSession.Plan plan, PrintWriter out)
      throws java.io.IOException {
    for (double f : fractions) {
      config.pixelDiff().withFraction(f); // fails fast on a fraction outside [0, 1]
    }
    try (Engine e = Engine.open(config)) {
      List<Deduplicator.FractionRow> rows =
          e.session().sweep(plan, fractions, TerminalProgress.forStderr());
      out.printf("model: %s%n", ModelSection.of(e.model()).id());
      out.printf(
          Locale.ROOT,
          "unique images per pixel-diff fraction (mask %s, min-contour-area %s, verify %s):%n",
          config.pixelDiff().mask().spec(),
          config.pixelDiff().minContourArea(),
          config.grouping().verify().name().toLowerCase(Locale.ROOT));
      out.printf(
          "%10s %8s %8s %10s %12s %10s%n",
          "fraction", "images", "unique", "removable", "checked", "seconds");
      for (Deduplicator.FractionRow r : rows) {
        out.printf(
            Locale.ROOT,
            "%10s %8d %8d %10d %12d %10.2f%s%n",
            r.fraction(),
            r.images(),
            r.kept(),
            r.images() - r.kept(),
            r.stats().checked(),
            r.seconds(),
            r.stats().isExact() ? "" : "  (shortcut hit: not exact)");
      }
    }
    return 0;
  }

  private SidecarPolicy sidecarPolicy() {
    if (noSidecars) {
      return SidecarPolicy.NONE;
    }
    List<Path> dirs = labelsDirs == null ? List.of() : labelsDirs;
    for (Path d : dirs) {
      if (!java.nio.file.Files.isDirectory(d)) {
        throw new IllegalArgumentException("--labels-dir must be a folder; got " + d);
      }
    }
    return new SidecarPolicy(sidecars == null ? SidecarPolicy.DEFAULT_EXTENSIONS : sidecars, dirs);
  }

  private void checkActionOptions() {
    if (noSidecars && (sidecars != null || labelsDirs != null)) {
      throw new IllegalArgumentException(
          "--no-sidecars turns sidecars off; it cannot go with --sidecars or --labels-dir");
    }
    if (fractions != null && (moveTo != null || delete || html != null || collage != null)) {
      throw new IllegalArgumentException(
          "--fractions only prints the table; run again with one --fraction to move or report");
    }
    if (collagePairs < 1) {
      throw new IllegalArgumentException("--collage-pairs must be >= 1; got " + collagePairs);
    }
    if (html != null) {
      String n = html.getFileName().toString().toLowerCase(Locale.ROOT);
      if (!n.endsWith(".html") && !n.endsWith(".htm")) {
        throw new IllegalArgumentException("--html must name a .html file; got " + html);
      }
    }
    if (collage != null) {
      String n = collage.getFileName().toString().toLowerCase(Locale.ROOT);
      if (!n.endsWith(".jpg") && !n.endsWith(".jpeg") && !n.endsWith(".png")) {
        throw new IllegalArgumentException(
            "--collage must name a .jpg or .png file; got " + collage);
      }
    }
    if (delete && !confirmDelete) {
      throw new IllegalArgumentException(
          "--delete removes files for good; add --confirm-delete to really do it, or use"
              + " --move-to DIR (undoable)");
    }
    if (delete && moveTo != null) {
      throw new IllegalArgumentException("use either --delete or --move-to, not both");
    }
    if (dryRun && moveTo == null) {
      throw new IllegalArgumentException("--dry-run goes with --move-to DIR");
    }
  }

  private static DedupReport.Settings settings(EngineConfig c) {
    return new DedupReport.Settings(
        c.grouping().threshold(),
        c.pixelDiff().fraction(),
        c.grouping().verify().name().toLowerCase(Locale.ROOT),
        c.pixelDiff().blurKernels(),
        c.pixelDiff().mask().spec(),
        c.pixelDiff().minContourArea(),
        c.thumbnailMaxSide(),
        c.grouping().searchWidth(),
        c.grouping().maxHamming(),
        c.grouping().sameCamera(),
        c.grouping().keeper().name().toLowerCase(Locale.ROOT));
  }
}
