package dev.neardup.eval;

import dev.neardup.embed.ModelInfo;
import dev.neardup.group.CandidateSource;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.Indexer;
import dev.neardup.pipeline.Progress;
import dev.neardup.report.ModelSection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code neardup eval}: index a folder once, group it with each setting, score against truth. */
public final class EvalRun {
  private EvalRun() {}

  /**
   * What to evaluate.
   *
   * @param stages candidate stages; {@link CandidateSource#EMBEDDING} is skipped when the engine
   *     has no model
   * @param thresholds cosine thresholds (embedding stage)
   * @param fractions pixel-diff fractions
   * @param targetPrecision the precision the recommendation must reach
   */
  public record Spec(
      List<CandidateSource> stages,
      List<Double> thresholds,
      List<Double> fractions,
      double targetPrecision) {
    public Spec {
      stages = List.copyOf(stages);
      thresholds = List.copyOf(thresholds);
      fractions = List.copyOf(fractions);
    }
  }

  /**
   * Indexes {@code folder} with {@code engine} (incrementally), then scores every setting.
   *
   * @param exclude paths not to index (e.g. the index folder)
   * @throws IllegalArgumentException when no image of the folder is listed in the truth file
   */
  public static EvalReport run(
      Engine engine,
      Path folder,
      Path truthFile,
      GroundTruth truth,
      Spec spec,
      List<Path> exclude,
      Progress progress)
      throws IOException {
    List<Path> roots = List.of(folder);
    engine.deduplicator().index(roots, exclude, progress);
    ModelSection model = ModelSection.of(engine.model());
    try (IndexSnapshot snapshot = engine.index().snapshot()) {
      List<IndexedImage> images = snapshot.images(Indexer.under(roots));
      Evaluator evaluator =
          new Evaluator(
              snapshot,
              images,
              engine.config().grouping(),
              engine.config().pixelDiff(),
              engine.config().cacheBudget());
      Map<String, String> labels = truth.label(folder, evaluator.paths());
      int labelled = (int) labels.values().stream().filter(l -> l.startsWith("truth:")).count();
      if (labelled == 0) {
        throw new IllegalArgumentException(
            "none of the "
                + images.size()
                + " images under "
                + folder
                + " is listed in "
                + truthFile
                + " (names there are paths relative to the folder, e.g. "
                + truth.files().iterator().next()
                + ")");
      }
      Set<String> found = new HashSet<>();
      Path base = folder.toAbsolutePath().normalize();
      for (String p : evaluator.paths()) {
        found.add(base.relativize(Path.of(p)).toString().replace('\\', '/'));
      }
      int missing = (int) truth.files().stream().filter(f -> !found.contains(f)).count();
      List<CandidateSource> stages = new ArrayList<>(spec.stages());
      if (!evaluator.hasVectors() && stages.remove(CandidateSource.EMBEDDING) && stages.isEmpty()) {
        throw new IllegalArgumentException(
            "stage embedding needs a model, and this run has none (" + model.id() + ")");
      }
      List<Setting> grid = Setting.grid(stages, spec.thresholds(), spec.fractions());
      progress.start("evaluating settings", grid.size());
      List<Sweep.Row> rows = new ArrayList<>();
      try {
        for (Setting s : grid) {
          rows.addAll(evaluator.sweep(List.of(s), labels));
          progress.update(rows.size());
        }
      } finally {
        progress.finish();
      }
      EvalReport.EvalRow recommended =
          Sweep.recommend(
                  Sweep.recommendable(rows, ModelInfo.RANDOM.equals(model.weights())),
                  spec.targetPrecision())
              .map(EvalReport.EvalRow::of)
              .orElse(null);
      return new EvalReport(
          base.toString(),
          truthFile.toAbsolutePath().normalize().toString(),
          model.id(),
          model.note(),
          images.size(),
          labelled,
          missing,
          rows.stream().map(EvalReport.EvalRow::of).toList(),
          spec.targetPrecision(),
          recommended);
    }
  }
}
