package dev.neardup.verify;

import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import dev.neardup.eval.EditKind;
import dev.neardup.image.GrayImage;
import dev.neardup.verify.align.AlignParams;
import dev.neardup.verify.align.AlignedCheck;
import dev.neardup.verify.align.AlignedResult;
import dev.neardup.verify.align.Aligner;
import dev.neardup.verify.align.FeatureParams;
import dev.neardup.verify.align.Features;
import dev.neardup.verify.align.Transform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Measures the distributions the alignment thresholds are chosen from: RANSAC inliers of the best
 * plausible fit (plain and mirrored, with the inlier floor at 3) on true pairs (geometric edits of
 * real photos made with {@link EditKind}) and on false pairs (different {@code stills/}, different
 * UKBench objects), and the aligned verdict at the defaults. Writes a markdown report to stdout and
 * to the file named by the first argument, if any.
 *
 * <p>Not a test (it takes about a minute): run by hand with the test classpath, e.g. {@code java
 * -cp target/classes:target/test-classes:$(cat cp.txt) dev.neardup.verify.AlignmentBench out.md}.
 */
public final class AlignmentBench {
  private AlignmentBench() {}

  static final List<EditKind> GEOMETRIC =
      List.of(
          EditKind.HFLIP,
          EditKind.VFLIP,
          EditKind.ROTATE_90,
          EditKind.ROTATE_180,
          EditKind.ROTATE_270,
          EditKind.ROTATE_PLUS_5,
          EditKind.ROTATE_MINUS_5,
          EditKind.CROP_CORNER,
          EditKind.RESIZE_ANISOTROPIC,
          EditKind.FLIP_CROP,
          EditKind.ZOOM_10,
          EditKind.CROP,
          EditKind.RESIZE_50);

  public static void main(String[] args) throws Exception {
    OpenCv.load();
    FeatureParams.Detector detector =
        args.length > 1 ? FeatureParams.Detector.valueOf(args[1]) : FeatureParams.Detector.AKAZE;
    AlignParams ap =
        AlignParams.defaults().toBuilder()
            .features(FeatureParams.defaults().withDetector(detector))
            .build();
    AlignParams floor = ap.toBuilder().minInliers(3).build();
    PixelDiffParams pp = PixelDiffParams.defaults();
    StringBuilder out = new StringBuilder();
    out.append("## Alignment measurement (")
        .append(detector)
        .append(" at ")
        .append(ap.features().longSide())
        .append(" px)\n\n");
    List<Path> originals = originals();
    // True pairs.
    Map<EditKind, List<Integer>> inliers = new LinkedHashMap<>();
    Map<EditKind, int[]> verdicts = new LinkedHashMap<>(); // registered, duplicate, refined, n
    Map<EditKind, List<Double>> fractions = new LinkedHashMap<>();
    Map<EditKind, String> labels = new LinkedHashMap<>();
    StringBuilder misses = new StringBuilder();
    long featureNanos = 0;
    int featureCount = 0;
    for (int i = 0; i < originals.size(); i++) {
      Mat bgr = Imgcodecs.imread(originals.get(i).toString(), Imgcodecs.IMREAD_COLOR);
      GrayImage kept = gray(bgr);
      long t0 = System.nanoTime();
      Features fk = Features.of(kept, ap.features());
      featureNanos += System.nanoTime() - t0;
      featureCount++;
      Random random = new Random(1000 + i);
      for (EditKind kind : GEOMETRIC) {
        Mat edited = kind.apply(bgr, random);
        GrayImage cand = gray(edited);
        edited.release();
        Features fc = Features.of(cand, ap.features());
        inliers.computeIfAbsent(kind, k -> new ArrayList<>()).add(bestInliers(fk, fc, floor));
        AlignedResult r = AlignedCheck.check(kept, fk, cand, fc, ap, pp);
        if (r == null || !r.duplicate()) {
          misses.append(
              String.format(
                  Locale.ROOT,
                  "- %s %s: %d keypoints kept, %d candidate; %s%n",
                  originals.get(i).getFileName(),
                  kind.label(),
                  fk.count(),
                  fc.count(),
                  r == null
                      ? "not registered (best fit " + bestInliers(fk, fc, floor) + " inliers)"
                      : String.format(
                          Locale.ROOT,
                          "%s, %d inliers, fraction %.4f, overlap %.3f",
                          r.transform().label(),
                          r.transform().inliers(),
                          r.diff().changedFraction(),
                          r.overlap())));
        }
        int[] v = verdicts.computeIfAbsent(kind, k -> new int[4]);
        v[3]++;
        if (r != null) {
          v[0]++;
          v[1] += r.duplicate() ? 1 : 0;
          v[2] += r.refined() ? 1 : 0;
          fractions.computeIfAbsent(kind, k -> new ArrayList<>()).add(r.diff().changedFraction());
          labels.putIfAbsent(kind, r.transform().label());
        }
      }
      bgr.release();
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%d originals (15 stills, UKBench 0, 4, ..., 196); features %.1f ms per image.%n%n",
            originals.size(),
            featureNanos / 1e6 / featureCount));
    out.append(
        "| edit | min inliers | median inliers | registered | duplicate | ECC used |"
            + " max fraction | example label |\n|---|---|---|---|---|---|---|---|\n");
    for (EditKind k : GEOMETRIC) {
      List<Integer> in = new ArrayList<>(inliers.get(k));
      in.sort(null);
      int[] v = verdicts.get(k);
      double maxFraction =
          fractions.getOrDefault(k, List.of()).stream()
              .mapToDouble(d -> d)
              .max()
              .orElse(Double.NaN);
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d/%d | %d/%d | %d | %.4f | %s |%n",
              k.label(),
              in.get(0),
              in.get(in.size() / 2),
              v[0],
              v[3],
              v[1],
              v[3],
              v[2],
              maxFraction,
              labels.get(k)));
    }
    out.append("\nTrue pairs not accepted:\n").append(misses);
    // False pairs.
    List<Path> stills = list("stills");
    List<int[]> falseInliers = new ArrayList<>();
    Map<String, int[]> falseVerdicts = new LinkedHashMap<>();
    falsePairs(
        "stills (all pairs)",
        stills,
        allPairs(stills.size()),
        ap,
        floor,
        pp,
        falseInliers,
        falseVerdicts);
    List<Path> uk = new ArrayList<>();
    for (int g = 0; g < 50; g++) {
      uk.add(ukbench(4 * g));
    }
    falsePairs(
        "UKBench different objects (image 4g, all pairs)",
        uk,
        allPairs(uk.size()),
        ap,
        floor,
        pp,
        falseInliers,
        falseVerdicts);
    List<Path> all = new ArrayList<>();
    List<int[]> sameObject = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      all.add(ukbench(i));
    }
    for (int g = 0; g < 50; g++) {
      for (int a = 0; a < 4; a++) {
        for (int b = a + 1; b < 4; b++) {
          sameObject.add(new int[] {4 * g + a, 4 * g + b});
        }
      }
    }
    falsePairs(
        "UKBench same object, other viewpoint (not copies)",
        all,
        sameObject,
        ap,
        floor,
        pp,
        new ArrayList<>(),
        falseVerdicts);
    out.append(
        "\n| false pairs | pairs | max inliers | registered at defaults | duplicate |\n"
            + "|---|---|---|---|---|\n");
    falseVerdicts.forEach(
        (k, v) ->
            out.append(
                String.format(
                    Locale.ROOT, "| %s | %d | %d | %d | %d |%n", k, v[0], v[1], v[2], v[3])));
    TreeMap<Integer, Integer> hist = new TreeMap<>();
    for (int[] f : falseInliers) {
      hist.merge(f[0], 1, Integer::sum);
    }
    out.append("\nFalse-pair best inliers (inliers: pairs): ").append(hist).append("\n");
    System.out.print(out);
    if (args.length > 0) {
      Files.writeString(Path.of(args[0]), out);
    }
  }

  private static void falsePairs(
      String name,
      List<Path> files,
      List<int[]> pairs,
      AlignParams ap,
      AlignParams floor,
      PixelDiffParams pp,
      List<int[]> sink,
      Map<String, int[]> verdicts) {
    List<GrayImage> grays = new ArrayList<>();
    List<Features> feats = new ArrayList<>();
    for (Path f : files) {
      GrayImage g = read(f);
      grays.add(g);
      feats.add(Features.of(g, ap.features()));
    }
    int[] v = new int[4];
    for (int[] p : pairs) {
      int best = bestInliers(feats.get(p[0]), feats.get(p[1]), floor);
      sink.add(new int[] {best});
      v[0]++;
      v[1] = Math.max(v[1], best);
      AlignedResult r =
          AlignedCheck.check(
              grays.get(p[0]), feats.get(p[0]), grays.get(p[1]), feats.get(p[1]), ap, pp);
      if (r != null) {
        v[2]++;
        v[3] += r.duplicate() ? 1 : 0;
      }
    }
    verdicts.put(name, v);
  }

  /** Inliers of the best plausible fit, plain or mirrored, with the floor at 3 inliers. */
  static int bestInliers(Features kept, Features cand, AlignParams floor) {
    int best = 0;
    for (boolean mirrored : new boolean[] {false, true}) {
      Optional<Transform> t = Aligner.fit(kept, cand, mirrored, floor);
      if (t.isPresent()) {
        best = Math.max(best, t.get().inliers());
      }
    }
    return best;
  }

  static List<int[]> allPairs(int n) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        out.add(new int[] {i, j});
      }
    }
    return out;
  }

  static List<Path> originals() throws Exception {
    List<Path> out = new ArrayList<>(list("stills"));
    for (int g = 0; g < 50; g++) {
      out.add(ukbench(4 * g));
    }
    return out;
  }

  static List<Path> list(String dir) throws Exception {
    try (var s = Files.list(TestData.shared().resolve(dir))) {
      return s.sorted().toList();
    }
  }

  static Path ukbench(int i) {
    return AgreementPairs.ukbench(i);
  }

  public static GrayImage read(Path p) {
    Mat m = Imgcodecs.imread(p.toString(), Imgcodecs.IMREAD_GRAYSCALE);
    try {
      return GrayImage.of(m);
    } finally {
      m.release();
    }
  }

  static GrayImage gray(Mat bgr) {
    Mat g = new Mat();
    try {
      Imgproc.cvtColor(bgr, g, Imgproc.COLOR_BGR2GRAY);
      return GrayImage.of(g);
    } finally {
      g.release();
    }
  }
}
