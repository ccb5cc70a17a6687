package dev.neardup.verify;

import dev.neardup.decode.OpenCv;
import dev.neardup.verify.align.AlignParams;
import dev.neardup.verify.align.FeatureParams;
import dev.neardup.verify.align.Features;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Chooses the same-scene inlier threshold on UKBench: features of all 200 photos, then for all
 * 19,900 pairs the homography inliers ({@link SceneCheck}, plain and mirrored) and, for the aligned
 * level, the inliers of the best plausible affine fit ({@link Aligner}, floor 3). A pair is true
 * when both photos show one object ({@code index / 4} equal: 300 pairs). Prints precision and
 * recall for thresholds 8..40, the smallest threshold with precision at least 0.99, and the aligned
 * level's inlier distribution on the 19,600 different-object pairs; writes the same markdown to the
 * file named by the first argument, if any.
 *
 * <p>Not a test (about a minute on 2 cores): run by hand, e.g. {@code java -cp
 * target/classes:target/test-classes:$(cat cp.txt) dev.neardup.verify.SceneBench out.md}.
 */
public final class SceneBench {
  private SceneBench() {}

  public static void main(String[] args) throws Exception {
    OpenCv.load();
    FeatureParams fp = FeatureParams.defaults();
    SceneParams sp = SceneParams.defaults();
    AlignParams floor = AlignParams.defaults().toBuilder().minInliers(3).build();
    int n = 200;
    List<Features> feats = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      feats.add(Features.of(AlignmentBench.read(AgreementPairs.ukbench(i)), fp));
    }
    double featureMs = (System.nanoTime() - t0) / 1e6 / n;
    List<int[]> rows = new ArrayList<>(); // same, scene inliers, affine inliers
    long sceneNanos = 0;
    long alignNanos = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        long a = System.nanoTime();
        int[] c = SceneCheck.inlierCounts(feats.get(i), feats.get(j), sp);
        long b = System.nanoTime();
        int affine = AlignmentBench.bestInliers(feats.get(i), feats.get(j), floor);
        long e = System.nanoTime();
        sceneNanos += b - a;
        alignNanos += e - b;
        rows.add(new int[] {i / 4 == j / 4 ? 1 : 0, Math.max(c[0], c[1]), affine});
      }
    }
    int pairs = rows.size();
    int positives = (int) rows.stream().filter(r -> r[0] == 1).count();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "## Same-scene threshold on UKBench (%d photos, %d pairs, %d true)%n%n"
                + "Features %.1f ms per photo; scene check (plain + mirrored homography) %.2f ms per"
                + " pair; affine fits (plain + mirrored) %.2f ms per pair.%n%n",
            n,
            pairs,
            positives,
            featureMs,
            sceneNanos / 1e6 / pairs,
            alignNanos / 1e6 / pairs));
    out.append(
        "| min inliers | precision | recall | true accepted | false accepted |\n"
            + "|---|---|---|---|---|\n");
    Integer chosen = null;
    for (int t = 8; t <= 40; t++) {
      int tp = 0;
      int fpCount = 0;
      for (int[] r : rows) {
        if (r[1] >= t) {
          if (r[0] == 1) {
            tp++;
          } else {
            fpCount++;
          }
        }
      }
      double precision = tp + fpCount == 0 ? 1 : (double) tp / (tp + fpCount);
      double recall = (double) tp / positives;
      if (chosen == null && precision >= 0.99) {
        chosen = t;
      }
      out.append(
          String.format(
              Locale.ROOT, "| %d | %.4f | %.4f | %d | %d |%n", t, precision, recall, tp, fpCount));
    }
    out.append("\nSmallest threshold with precision >= 0.99: ").append(chosen).append("\n");
    TreeMap<Integer, Integer> falseScene = new TreeMap<>();
    TreeMap<Integer, Integer> falseAffine = new TreeMap<>();
    TreeMap<Integer, Integer> trueAffine = new TreeMap<>();
    for (int[] r : rows) {
      if (r[0] == 0) {
        falseScene.merge(r[1], 1, Integer::sum);
        falseAffine.merge(r[2], 1, Integer::sum);
      } else {
        trueAffine.merge(r[2], 1, Integer::sum);
      }
    }
    out.append("\nHomography inliers of the different-object pairs (inliers=pairs): ")
        .append(falseScene)
        .append("\n");
    out.append("\nAligned level, best plausible affine inliers, different-object pairs: ")
        .append(falseAffine)
        .append("\n");
    out.append("\nAligned level, best plausible affine inliers, same-object pairs: ")
        .append(trueAffine)
        .append("\n");
    System.out.print(out);
    if (args.length > 0) {
      Files.writeString(Path.of(args[0]), out);
    }
  }
}
