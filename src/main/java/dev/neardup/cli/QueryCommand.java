package dev.neardup.cli;

import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.Match;
import dev.neardup.pipeline.QueryResult;
import dev.neardup.report.EvidenceView;
import dev.neardup.report.ModelSection;
import dev.neardup.report.Reports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neardup query IMAGE...}: have we seen these already? */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description =
        "Looks up new images among the indexed ones and prints, as JSON, each one's"
            + " near-duplicates with cosine similarity and pixel-diff evidence. Never changes the"
            + " index.")
final class QueryCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Images to look up.")
  List<Path> images;

  @Mixin EngineOptions engine;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (Engine e = Engine.open(engine.config())) {
      List<QueryResult> results = e.deduplicator().query(images);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", ModelSection.of(e.model()));
      json.put("threshold", e.config().grouping().threshold());
      json.put("fraction", e.config().pixelDiff().fraction());
      List<Map<String, Object>> list = new ArrayList<>();
      for (QueryResult r : results) {
        list.add(toJson(r));
      }
      json.put("results", list);
      spec.commandLine().getOut().println(Reports.JSON.writeValueAsString(json));
    }
    return 0;
  }

  private static Map<String, Object> toJson(QueryResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", r.path());
    if (r.error() != null) {
      m.put("error", r.error());
      return m;
    }
    m.put("duplicate", r.isDuplicate());
    List<Map<String, Object>> matches = new ArrayList<>();
    for (Match x : r.matches()) {
      EvidenceView e = EvidenceView.of(x.evidence());
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("path", x.image().path());
      j.put("via", e.via());
      j.put("match", e.match());
      if (e.transform() != null) {
        j.put("inliers", e.transform().inliers());
        j.put("overlap", e.transform().overlap());
      }
      j.put("cosine", e.cosine());
      j.put("hamming", e.hamming());
      if (e.pixelDiff() != null) {
        j.put("score", e.score());
        j.put("changed_fraction", e.changedFraction());
        j.put("regions", e.regions());
        if (e.pixelDiff().note() != null) {
          j.put("note", e.pixelDiff().note());
        }
      }
      j.put("duplicate", e.duplicate());
      matches.add(j);
    }
    m.put("matches", matches);
    if (!r.failures().isEmpty()) {
      // Checks that threw were contained: those pairs were not judged (not duplicates).
      m.put("failed_checks", r.failures());
    }
    return m;
  }
}
