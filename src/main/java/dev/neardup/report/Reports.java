package dev.neardup.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.neardup.act.ActionResult;
import dev.neardup.act.SidecarConflict;
import dev.neardup.group.Group;
import dev.neardup.group.PairCheck;
import dev.neardup.pipeline.DedupRun;
import dev.neardup.pipeline.DedupSession;
import dev.neardup.pipeline.IndexStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link DedupReport}s and writes JSON. */
public final class Reports {
  /** The JSON mapper for every file neardup writes: snake_case keys, indented, nulls left out. */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private Reports() {}

  /**
   * @param action what was done to the files, or null when nothing was asked
   * @param sidecarConflicts duplicates whose sidecars disagree with their keeper's
   * @param listed which checked pairs the report lists (the rest are counted)
   */
  public static DedupReport build(
      DedupRun run,
      Instant now,
      String indexDir,
      ModelSection model,
      DedupReport.Settings settings,
      DedupReport.ActionSection action,
      List<SidecarConflict> sidecarConflicts,
      PairSelection listed) {
    List<DedupReport.GroupEntry> groups = new ArrayList<>();
    for (Group g : run.grouping().groups()) {
      List<DedupReport.MemberEntry> members = new ArrayList<>();
      for (Group.Member m : g.members()) {
        members.add(new DedupReport.MemberEntry(m.image().path(), EvidenceView.of(m.evidence())));
      }
      groups.add(
          new DedupReport.GroupEntry(
              g.id(),
              g.kept().path(),
              g.kept().width(),
              g.kept().height(),
              g.keptBecause(),
              members));
    }
    List<DedupReport.PairEntry> pairs = new ArrayList<>();
    int checked = 0;
    int duplicatePairs = 0;
    java.util.Map<String, Integer> leftOut = new java.util.TreeMap<>();
    for (PairCheck p : run.grouping().pairs()) {
      EvidenceView view = EvidenceView.of(p.evidence());
      checked++;
      duplicatePairs += view.duplicate() ? 1 : 0;
      if (listed.lists(view, settings.fraction())) {
        pairs.add(new DedupReport.PairEntry(p.image(), p.against(), view));
      } else {
        leftOut.merge(view.level(), 1, Integer::sum);
      }
    }
    DedupReport.PairsLeftOut omitted =
        listed == PairSelection.ALL
            ? null
            : new DedupReport.PairsLeftOut(
                checked - pairs.size(),
                leftOut,
                "duplicates, failed checks and near misses (changed fraction within "
                    + PairSelection.NEAR_MISS_FACTOR
                    + "x the fraction, or decided by the aligned or scene level); --report-pairs"
                    + " all lists every pair");
    IndexStats s = run.index();
    DedupReport.Totals totals =
        new DedupReport.Totals(
            run.grouping().images(),
            run.unreadable().size(),
            s.ignored(),
            s.indexed(),
            s.unchanged(),
            s.removed(),
            checked,
            duplicatePairs,
            groups.size(),
            run.grouping().kept(),
            run.grouping().removable(),
            Math.round(s.seconds() * 100) / 100.0);
    return new DedupReport(
        "neardup",
        now.toString(),
        run.roots().stream().map(r -> r.toAbsolutePath().normalize().toString()).toList(),
        indexDir,
        model,
        settings,
        totals,
        run.unreadable(),
        groups,
        pairs,
        omitted,
        action,
        run.grouping().stats(),
        run.scope().describe(),
        List.copyOf(sidecarConflicts),
        run.grouping().failures());
  }

  /**
   * The report's action section for what {@code outcome} did: null when nothing was asked, {@code
   * dry-run}, {@code move} or {@code delete}.
   */
  public static DedupReport.ActionSection action(DedupSession.Outcome<?> outcome) {
    return switch (outcome.action()) {
      case REPORT -> null;
      case DRY_RUN ->
          new DedupReport.ActionSection(
              "dry-run",
              outcome.destination().toAbsolutePath().normalize().toString(),
              null,
              0,
              List.of());
      case MOVE -> action("move", outcome.destination(), outcome.result());
      case DELETE -> action("delete", outcome.destination(), outcome.result());
    };
  }

  /** The report's action section for a result of {@link DedupSession#remove}. */
  public static DedupReport.ActionSection action(String mode, Path destination, ActionResult r) {
    return new DedupReport.ActionSection(
        mode,
        destination == null ? null : destination.toAbsolutePath().normalize().toString(),
        r.manifest().toAbsolutePath().normalize().toString(),
        r.done().size(),
        r.skipped().stream()
            .map(s -> new DedupReport.Skipped(s.file().toString(), s.reason()))
            .toList(),
        r.sidecars().size());
  }

  /** Writes {@code value} as JSON to {@code file} atomically (a reader never sees half a file). */
  public static void writeJson(Object value, Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), value);
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
