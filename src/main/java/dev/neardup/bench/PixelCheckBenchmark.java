package dev.neardup.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.decode.DecodeException;
import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.image.StoredImage;
import dev.neardup.image.Thumbnails;
import dev.neardup.verify.DiffResult;
import dev.neardup.verify.OpenCvPixelCheck;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.PixelVerifier;
import dev.neardup.verify.Prepared;
import dev.neardup.verify.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.opencv.core.Mat;

/**
 * The identity pixel check on the same pairs of one camera's stored frames, timed three ways in
 * Java and once by the users' Python script, in one run (issue 18, "a fully checked pair ≤ the
 * Python script's time"):
 *
 * <ul>
 *   <li>{@code new}: {@link PixelVerifier#verify}, the check grouping runs (reused buffers, Java
 *       dilation and contours, early stop where the bound holds);
 *   <li>{@code old}: {@link OpenCvPixelCheck}, the same check with OpenCV's dilation and contours
 *       on the changed pixels' box, as it ran before;
 *   <li>{@code opencv}: {@link PixelDiff#scorePrepared} on frames prepared once as native {@link
 *       Mat}s: absdiff, threshold, dilate and contours of the whole frame through the Java binding,
 *       the operations of the script;
 *   <li>{@code python}: {@code duplicate()} of {@code bin/exhaustive-baseline.py}, imported into a
 *       small harness ({@code time_pairs.py}) that loads the frames with the script's own {@code
 *       load()} and times the same pair list.
 * </ul>
 *
 * <p>The pairs are every consecutive pair of the frames and as many seeded random pairs. Each path
 * is warmed up with one pass, then the whole list is timed {@code repeats} times; a sample is the
 * time of one pass divided by the pairs. One thread. Decoding is not timed. The script has no
 * minimum contour area: its row is the same at both.
 */
public final class PixelCheckBenchmark {
  private PixelCheckBenchmark() {}

  /**
   * One figure.
   *
   * @param path {@code new}, {@code old}, {@code opencv} or {@code python}
   * @param fraction the check's fraction
   * @param minContourArea the minimum contour area (the script has none: 0)
   * @param pairs pairs in one pass
   * @param duplicates pairs the path calls duplicates
   * @param pruned pairs the path stopped early on (its {@code pruned} verdicts)
   * @param timing milliseconds per pair, over the repeats
   * @param pythonOverThis the script's median ms per pair divided by this path's (above 1: faster
   *     than the script)
   */
  public record Row(
      String path,
      double fraction,
      double minContourArea,
      int pairs,
      long duplicates,
      long pruned,
      Timing timing,
      double pythonOverThis) {}

  /**
   * Times the pairs of {@code frames} at each fraction, at minimum contour areas 0 and 25.
   *
   * @param frames at least two frames of one camera, in time order, all of one size
   * @param script the users' script ({@code bin/exhaustive-baseline.py})
   * @param python the interpreter that has {@code cv2} (e.g. {@code /usr/bin/python3})
   */
  public static List<Row> run(
      List<Path> frames, List<Double> fractions, int repeats, Path script, String python)
      throws IOException, InterruptedException {
    if (frames.size() < 2 || repeats < 1 || fractions.isEmpty()) {
      throw new IllegalArgumentException(
          "need >= 2 frames, >= 1 repeat and a fraction; got "
              + frames.size()
              + ", "
              + repeats
              + ", "
              + fractions);
    }
    if (!Files.isRegularFile(script)) {
      throw new IllegalArgumentException("no such script: " + script);
    }
    List<StoredImage> images = load(frames);
    List<int[]> pairs = pairs(images.size());
    Path dir = Files.createTempDirectory("neardup-pixelcheck");
    try {
      Path harness = dir.resolve("time_pairs.py");
      try (InputStream in = PixelCheckBenchmark.class.getResourceAsStream("time_pairs.py")) {
        Files.copy(in, harness);
      }
      Path frameList = dir.resolve("frames.txt");
      Files.write(frameList, frames.stream().map(p -> p.toAbsolutePath().toString()).toList());
      Path pairList = dir.resolve("pairs.txt");
      Files.write(pairList, pairs.stream().map(p -> p[0] + " " + p[1]).toList());
      List<Row> rows = new ArrayList<>();
      for (double f : fractions) {
        Row py = python(python, harness, script, frameList, pairList, f, repeats, pairs.size());
        for (double area : new double[] {0, 25}) {
          PixelDiffParams p = PixelDiffParams.defaults().withFraction(f).withMinContourArea(area);
          rows.addAll(timeJava(p, images, pairs, repeats, py.timing().medianMs()));
        }
        rows.add(py);
      }
      return rows;
    } finally {
      for (String n : new String[] {"time_pairs.py", "frames.txt", "pairs.txt"}) {
        Files.deleteIfExists(dir.resolve(n));
      }
      Files.deleteIfExists(dir);
    }
  }

  private static List<StoredImage> load(List<Path> frames) throws IOException {
    ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);
    List<StoredImage> out = new ArrayList<>();
    for (Path f : frames) {
      try (DecodedImage d = decoder.decode(f)) {
        Mat bgr = d.bgr();
        out.add(
            new StoredImage(
                Thumbnails.verificationImage(bgr, Thumbnails.DEFAULT_MAX_SIDE),
                bgr.cols(),
                bgr.rows()));
      } catch (DecodeException e) {
        throw new IOException("cannot decode " + f + ": " + e.reason(), e);
      }
    }
    StoredImage first = out.get(0);
    for (int i = 1; i < out.size(); i++) {
      StoredImage s = out.get(i);
      if (s.gray().width() != first.gray().width() || s.gray().height() != first.gray().height()) {
        throw new IllegalArgumentException(
            "frames must be of one size: " + frames.get(0) + " and " + frames.get(i) + " differ");
      }
    }
    return out;
  }

  /** Every consecutive pair, then as many seeded random pairs. */
  static List<int[]> pairs(int n) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i + 1 < n; i++) {
      out.add(new int[] {i, i + 1});
    }
    Random rnd = new Random(18);
    for (int i = 0; i + 1 < n; i++) {
      out.add(new int[] {rnd.nextInt(n), rnd.nextInt(n)});
    }
    return out;
  }

  private static List<Row> timeJava(
      PixelDiffParams p, List<StoredImage> images, List<int[]> pairs, int repeats, double pyMs) {
    PixelVerifier fast = new PixelVerifier(p);
    OpenCvPixelCheck old = new OpenCvPixelCheck(fast);
    List<Prepared> prepared = images.stream().map(fast::prepare).toList();
    List<Mat> mats = new ArrayList<>();
    try {
      for (StoredImage s : images) {
        Mat m = s.gray().toMat();
        fast.definition().preprocess(m);
        mats.add(m);
      }
      List<Row> rows = new ArrayList<>();
      rows.add(
          time(
              "new",
              p,
              pairs,
              repeats,
              pyMs,
              pr -> fast.verify(prepared.get(pr[0]), prepared.get(pr[1]), false)));
      rows.add(
          time(
              "old",
              p,
              pairs,
              repeats,
              pyMs,
              pr -> old.verify(prepared.get(pr[0]), prepared.get(pr[1]))));
      rows.add(
          time(
              "opencv",
              p,
              pairs,
              repeats,
              pyMs,
              pr -> {
                DiffResult d =
                    fast.definition().scorePrepared(mats.get(pr[0]), mats.get(pr[1]), null, -1);
                return new Verdict(d.duplicate(), Verdict.Level.IDENTITY, d, null, null, 0);
              }));
      return rows;
    } finally {
      mats.forEach(Mat::release);
    }
  }

  private static Row time(
      String path,
      PixelDiffParams p,
      List<int[]> pairs,
      int repeats,
      double pyMs,
      Function<int[], Verdict> check) {
    long duplicates = 0;
    long pruned = 0;
    for (int[] pr : pairs) {
      Verdict v = check.apply(pr);
      duplicates += v.duplicate() ? 1 : 0;
      pruned += v.level() == Verdict.Level.PRUNED ? 1 : 0;
    }
    long[] nanos = new long[repeats];
    for (int r = 0; r < repeats; r++) {
      long t = System.nanoTime();
      for (int[] pr : pairs) {
        check.apply(pr);
      }
      nanos[r] = (System.nanoTime() - t) / pairs.size();
    }
    Timing timing = Timing.of(nanos);
    return new Row(
        path,
        p.fraction(),
        p.minContourArea(),
        pairs.size(),
        duplicates,
        pruned,
        timing,
        pyMs / timing.medianMs());
  }

  private static Row python(
      String python,
      Path harness,
      Path script,
      Path frames,
      Path pairs,
      double fraction,
      int repeats,
      int pairCount)
      throws IOException, InterruptedException {
    Process proc =
        new ProcessBuilder(
                python,
                harness.toString(),
                script.toString(),
                frames.toString(),
                pairs.toString(),
                Double.toString(fraction),
                Integer.toString(repeats))
            .redirectErrorStream(true)
            .start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!proc.waitFor(30, TimeUnit.MINUTES) || proc.exitValue() != 0) {
      throw new IOException(python + " " + harness + " failed:\n" + out);
    }
    String last = out.strip().lines().reduce((a, b) -> b).orElse("");
    JsonNode json = new ObjectMapper().readTree(last);
    JsonNode runs = json.get("ms_per_pair");
    long[] nanos = new long[runs.size()];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = Math.round(runs.get(i).asDouble() * 1e6);
    }
    return new Row(
        "python (OpenCV " + json.get("opencv").asText() + ")",
        fraction,
        0,
        pairCount,
        json.get("duplicates").asLong(),
        0,
        Timing.of(nanos),
        1);
  }
}
