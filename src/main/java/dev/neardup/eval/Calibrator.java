package dev.neardup.eval;

import dev.neardup.decode.ImageDecoder;
import dev.neardup.decode.ImageScanner;
import dev.neardup.embed.ModelInfo;
import dev.neardup.group.CandidateSource;
import dev.neardup.group.Grouping;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.pipeline.Progress;
import dev.neardup.report.ModelSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code neardup calibrate}: the threshold question without ground truth. A seeded sample of the
 * user's images is copied with known edits into a scratch folder; each original with its edits is
 * one group and the originals are taken to be distinct. The scratch folder is indexed once, then
 * grouped with every setting: recall per kind of edit, and false matches between originals.
 *
 * <p>Originals that really are near-duplicates of each other (e.g. UKBench's four views of one
 * object) show up as false matches: the figure is an upper bound on the setting's mistakes.
 */
public final class Calibrator {
  private Calibrator() {}

  /**
   * What to calibrate.
   *
   * @param sample originals to draw from the folder
   * @param seed seed of the sample and the edits
   * @param kinds edits made of each original
   * @param stages candidate stages ({@link CandidateSource#EMBEDDING} is skipped without a model)
   * @param thresholds cosine thresholds (embedding stage)
   * @param fractions pixel-diff fractions
   * @param targetPrecision precision the recommendation must reach
   * @param workDir where the copies and the index go; null for a temporary folder deleted at the
   *     end
   */
  public record Spec(
      int sample,
      long seed,
      List<EditKind> kinds,
      List<CandidateSource> stages,
      List<Double> thresholds,
      List<Double> fractions,
      double targetPrecision,
      Path workDir) {
    public Spec {
      if (sample < 1) {
        throw new IllegalArgumentException("sample must be >= 1; got " + sample);
      }
      if (kinds.isEmpty()) {
        throw new IllegalArgumentException("at least one edit kind is needed");
      }
      kinds = List.copyOf(kinds);
      stages = List.copyOf(stages);
      thresholds = List.copyOf(thresholds);
      fractions = List.copyOf(fractions);
    }
  }

  /**
   * Samples, edits, indexes and scores.
   *
   * @throws IllegalArgumentException when the folder holds no image
   */
  public static CalibrationReport run(
      EngineConfig config, Path folder, Spec spec, Progress progress) throws IOException {
    List<Path> found = new ImageScanner().scan(List.of(folder)).images();
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no images under " + folder);
    }
    boolean temporary = spec.workDir() == null;
    Path work =
        temporary
            ? Files.createTempDirectory("neardup-calibrate")
            : Files.createDirectories(spec.workDir());
    try {
      Path edits = work.resolve("edits");
      if (Files.exists(edits)) {
        deleteTree(edits);
      }
      List<Path> sample = EditSet.sample(found, spec.sample(), spec.seed());
      EditSet.Written written =
          EditSet.write(
              sample, spec.kinds(), spec.seed(), edits, new ImageDecoder(config.maxPixels()));
      if (written.copies().isEmpty()) {
        throw new IllegalArgumentException(
            "none of the sampled images under " + folder + " could be decoded");
      }
      try (Engine engine = Engine.open(config.withFreshIndex(work.resolve("index")))) {
        engine.deduplicator().index(List.of(edits), List.of(), progress);
        return score(engine, folder, spec, written, progress);
      }
    } finally {
      if (temporary) {
        deleteTree(work);
      }
    }
  }

  private static CalibrationReport score(
      Engine engine, Path folder, Spec spec, EditSet.Written written, Progress progress)
      throws IOException {
    ModelSection model = ModelSection.of(engine.model());
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, EditSet.Copy> copyOf = new HashMap<>();
    for (EditSet.Copy c : written.copies()) {
      String path = c.file().toAbsolutePath().normalize().toString();
      labels.put(path, c.family());
      copyOf.put(path, c);
    }
    try (IndexSnapshot snapshot = engine.index().snapshot()) {
      List<IndexedImage> images = snapshot.images(labels::containsKey);
      Evaluator evaluator =
          new Evaluator(
              snapshot,
              images,
              engine.config().grouping(),
              engine.config().pixelDiff(),
              engine.config().cacheBudget());
      List<CandidateSource> stages = new ArrayList<>(spec.stages());
      if (!evaluator.hasVectors() && stages.remove(CandidateSource.EMBEDDING) && stages.isEmpty()) {
        throw new IllegalArgumentException(
            "stage embedding needs a model, and this run has none (" + model.id() + ")");
      }
      List<Setting> grid = Setting.grid(stages, spec.thresholds(), spec.fractions());
      Map<String, String> indexed = new LinkedHashMap<>();
      for (String p : evaluator.paths()) {
        indexed.put(p, labels.get(p));
      }
      List<Sweep.Row> sweepRows = new ArrayList<>();
      List<CalibrationReport.Row> rows = new ArrayList<>();
      progress.start("calibrating settings", grid.size());
      try {
        for (Setting s : grid) {
          long start = System.nanoTime();
          Grouping g = evaluator.group(s);
          double seconds = (System.nanoTime() - start) / 1e9;
          Scores scores = Scoring.score(g, indexed);
          Sweep.Row sweepRow = new Sweep.Row(s, scores, seconds);
          sweepRows.add(sweepRow);
          rows.add(row(sweepRow, recallByEdit(g, evaluator.paths(), copyOf, spec.kinds())));
          progress.update(rows.size());
        }
      } finally {
        progress.finish();
      }
      CalibrationReport.Row recommended =
          Sweep.recommend(
                  Sweep.recommendable(sweepRows, ModelInfo.RANDOM.equals(model.weights())),
                  spec.targetPrecision())
              .map(r -> rows.get(sweepRows.indexOf(r)))
              .orElse(null);
      return new CalibrationReport(
          folder.toAbsolutePath().normalize().toString(),
          spec.seed(),
          (int) written.copies().stream().filter(c -> c.kind() == null).count(),
          written.skipped().stream().map(Path::toString).toList(),
          spec.kinds().stream().map(EditKind::label).toList(),
          model.id(),
          model.note(),
          rows,
          spec.targetPrecision(),
          recommended);
    }
  }

  /** Per kind, the share of edited copies in the same neardup group as their original. */
  static Map<String, Double> recallByEdit(
      Grouping g, List<String> paths, Map<String, EditSet.Copy> copyOf, List<EditKind> kinds) {
    Map<String, String> cluster = Scoring.clusters(g, paths);
    Map<String, String> clusterOfOriginal = new HashMap<>();
    for (String p : paths) {
      EditSet.Copy c = copyOf.get(p);
      if (c.kind() == null) {
        clusterOfOriginal.put(c.family(), cluster.get(p));
      }
    }
    Map<EditKind, int[]> counts = new LinkedHashMap<>();
    for (EditKind k : kinds) {
      counts.put(k, new int[2]);
    }
    for (String p : paths) {
      EditSet.Copy c = copyOf.get(p);
      String originalCluster = clusterOfOriginal.get(c.family());
      if (c.kind() == null || originalCluster == null) {
        continue;
      }
      int[] n = counts.get(c.kind());
      n[1]++;
      if (originalCluster.equals(cluster.get(p))) {
        n[0]++;
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    counts.forEach((k, n) -> out.put(k.label(), n[1] == 0 ? null : (double) n[0] / n[1]));
    return out;
  }

  private static CalibrationReport.Row row(Sweep.Row r, Map<String, Double> byEdit) {
    Scores s = r.scores();
    return new CalibrationReport.Row(
        r.setting().stage().label(),
        r.setting().threshold(),
        r.setting().fraction(),
        s.kept(),
        byEdit,
        s.recall(),
        s.precision(),
        s.predictedPairs() - s.correctPairs(),
        r.seconds());
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
