package dev.neardup.report;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The summary a person reads in the terminal after {@code dedup}. */
public final class TextSummary {
  private TextSummary() {}

  /**
   * Prints the summary.
   *
   * @param maxGroups groups listed in full; the rest are counted
   */
  public static void print(DedupReport r, PrintWriter out, int maxGroups) {
    DedupReport.Totals t = r.totals();
    out.printf(
        Locale.ROOT,
        "neardup dedup: %d images in %s%n",
        t.images(),
        String.join(", ", r.folders()));
    out.printf("model: %s%n", r.model().id());
    if (!r.model().embeddingStage() || !"pretrained".equals(r.model().weights())) {
      out.printf("       %s%n", r.model().note());
    }
    out.printf(
        Locale.ROOT,
        "index: %s (%d indexed now in %.1f s, %d unchanged, %d removed)%n",
        r.index(),
        t.indexedNow(),
        t.indexSeconds(),
        t.unchanged(),
        t.removedFromIndex());
    if (r.scope() != null) {
      out.printf("scope: %s%n", r.scope());
    }
    DedupReport.Settings s = r.settings();
    out.printf(
        Locale.ROOT,
        "check: %s, pixel-diff fraction %.2f, mask %s, blur %s, verify %s%n",
        r.model().embeddingStage()
            ? String.format(Locale.ROOT, "cosine >= %.3f", s.threshold())
            : "every kept image (no model)",
        s.fraction(),
        s.mask(),
        s.blur().isEmpty() ? "none" : s.blur(),
        s.verify());
    out.println();
    int shown = 0;
    for (DedupReport.GroupEntry g : r.groups()) {
      if (shown++ == maxGroups) {
        out.printf(
            "  ... and %d more groups (see the JSON report)%n", r.groups().size() - maxGroups);
        break;
      }
      out.printf(
          Locale.ROOT,
          "group %d: keep %s  (%d duplicate%s)%n",
          g.id(),
          name(g.kept()),
          g.members().size(),
          g.members().size() == 1 ? "" : "s");
      int listed = 0;
      for (DedupReport.MemberEntry m : g.members()) {
        if (listed++ == 5) {
          out.printf("    ... %d more%n", g.members().size() - 5);
          break;
        }
        out.printf(Locale.ROOT, "    - %-40s %s%n", name(m.path()), evidence(m));
      }
    }
    if (r.groups().isEmpty()) {
      out.println("no duplicates found");
    }
    out.println();
    if (r.search() != null) {
      dev.neardup.group.SearchStats st = r.search();
      out.printf(
          Locale.ROOT,
          "search: %d pairs checked, %d skipped as provably different, %d exact copies%s%n",
          st.checked(),
          st.pruned(),
          st.sameSha(),
          st.isExact()
              ? " (exact: no shortcut bit)"
              : String.format(
                  Locale.ROOT,
                  "; SHORTCUTS CHANGED THE SEARCH: --max-checks hit for %d images, --window"
                      + " left frames out for %d",
                  st.capHits(),
                  st.windowHits()));
    }
    out.printf(
        Locale.ROOT,
        "%d images, %d unreadable, %d pairs with evidence (%d in the report), %d groups, %d kept,"
            + " %d to remove%n",
        t.images(),
        t.unreadable(),
        t.similarPairs(),
        r.pairs().size(),
        t.groups(),
        t.kept(),
        t.toRemove());
    printUnreadable(r.unreadable(), out);
    printFailedChecks(r.failedChecks(), out);
    printSidecarConflicts(r.sidecarConflicts(), out);
    DedupReport.ActionSection a = r.action();
    if (a == null) {
      out.println(
          "report only: nothing was moved. Add --move-to DIR to move the duplicates (undoable).");
    } else if ("dry-run".equals(a.mode())) {
      out.printf(
          "dry run: %d files would be moved to %s; nothing was touched%n",
          t.toRemove(), a.destination());
    } else {
      out.printf(
          "%s: %d files %s%s; manifest %s%n",
          a.mode(),
          a.done(),
          "delete".equals(a.mode()) ? "deleted" : "moved to " + a.destination(),
          a.sidecars() > 0 ? " with " + a.sidecars() + " sidecars" : "",
          a.manifest());
      if ("move".equals(a.mode())) {
        out.printf("undo with: neardup undo %s%n", a.manifest());
      }
      for (DedupReport.Skipped sk : a.skipped()) {
        out.printf("  left alone: %s (%s)%n", sk.path(), sk.reason());
      }
    }
  }

  private static void printSidecarConflicts(
      List<dev.neardup.act.SidecarConflict> conflicts, PrintWriter out) {
    if (conflicts == null || conflicts.isEmpty()) {
      return;
    }
    out.printf(
        "LABELS DISAGREE: %d duplicates have a sidecar that differs from their keeper's"
            + " (check them before training):%n",
        conflicts.size());
    for (int i = 0; i < Math.min(20, conflicts.size()); i++) {
      dev.neardup.act.SidecarConflict c = conflicts.get(i);
      out.printf(
          "  %s vs %s: %s%n",
          c.duplicateSidecar(), c.keptSidecar() == null ? c.kept() : c.keptSidecar(), c.reason());
    }
    if (conflicts.size() > 20) {
      out.printf(
          "  ... %d more (see sidecar_conflicts in the JSON report)%n", conflicts.size() - 20);
    }
  }

  /**
   * The checks that threw and were contained: each pair was not judged (so not grouped), the run
   * went on; the README explains the line.
   */
  private static void printFailedChecks(
      List<dev.neardup.group.FailedCheck> failed, PrintWriter out) {
    if (failed == null || failed.isEmpty()) {
      return;
    }
    long pairs = failed.stream().filter(f -> !f.isPreparation()).count();
    out.printf(
        Locale.ROOT,
        "FAILED CHECKS: %d pair%s not judged, %d image%s not prepared (counted as not duplicates;"
            + " the run went on):%n",
        pairs,
        pairs == 1 ? "" : "s",
        failed.size() - pairs,
        failed.size() - pairs == 1 ? "" : "s");
    int n = 0;
    for (var f : failed) {
      if (n++ == 20) {
        out.printf(
            "  ... %d more failed checks (see failed_checks in the JSON report)%n",
            failed.size() - 20);
        break;
      }
      if (f.isPreparation()) {
        out.printf("  failed check: %s: %s%n", f.image(), f.reason());
      } else {
        out.printf("  failed check: %s vs %s: %s%n", f.image(), f.against(), f.reason());
      }
    }
  }

  private static void printUnreadable(List<dev.neardup.index.FailedFile> failed, PrintWriter out) {
    int n = 0;
    for (var f : failed) {
      if (n++ == 20) {
        out.printf("  ... %d more unreadable files (see the JSON report)%n", failed.size() - 20);
        break;
      }
      out.printf("  unreadable: %s: %s%n", f.path(), f.reason());
    }
  }

  private static String evidence(DedupReport.MemberEntry m) {
    EvidenceView e = m.evidence();
    StringBuilder b = new StringBuilder(e.via());
    if (e.showsMatch()) {
      b.append("  [").append(m.match()).append(']');
    }
    if (e.cosine() != null) {
      b.append(String.format(Locale.ROOT, "  cos %.4f", e.cosine()));
    }
    if (!e.sameBytes()) {
      b.append(String.format(Locale.ROOT, "  pHash distance %2d", e.hamming()));
    }
    if (e.score() != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "  diff %.0f px (%.2f%% changed)",
              e.score(),
              100 * e.changedFraction()));
    }
    return b.toString();
  }

  private static String name(String path) {
    Path p = Path.of(path);
    Path parent = p.getParent();
    return parent == null || parent.getFileName() == null
        ? p.toString()
        : parent.getFileName() + "/" + p.getFileName();
  }
}
