package dev.neardup.bench;

import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.SceneCheck;
import dev.neardup.verify.SceneParams;
import dev.neardup.verify.align.AlignParams;
import dev.neardup.verify.align.AlignedCheck;
import dev.neardup.verify.align.Aligner;
import dev.neardup.verify.align.Features;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Milliseconds per pair of each verification level on real pairs, with decoding not timed:
 *
 * <ul>
 *   <li>{@code identity}: the plain {@link PixelDiff#compare(GrayImage, GrayImage)} at the images'
 *       own resolution;
 *   <li>{@code aligned}: {@link Features#of} for both images, {@link Aligner#align} and the diff on
 *       the overlap ({@link AlignedCheck#check}), i.e. the cost when nothing is cached;
 *   <li>{@code aligned-cached}: the same with both images' features already computed;
 *   <li>{@code scene}: {@link SceneCheck#check} with the features computed, and {@code
 *       scene-cached} without.
 * </ul>
 *
 * <p>Sets: consecutive {@code cctv/pets2001} frames (320×240; the aligner finds the identity),
 * imagededup's flip/resize/rotation copies of {@code ukbench00120} (640×480), and UKBench views of
 * one object (photos 4g and 4g+1). Each row gives its ratio to the identity check on the same set.
 * {@code bench verify} can call {@link #run}; {@link #main} writes markdown.
 */
public final class VerifyBenchmark {
  private VerifyBenchmark() {}

  /**
   * One figure.
   *
   * @param set the pairs measured
   * @param level {@code identity}, {@code aligned}, {@code aligned-cached}, {@code scene}, {@code
   *     scene-cached}
   * @param pairs distinct pairs (each timed {@code repeats} times)
   * @param timing milliseconds per pair
   * @param ratio median against the identity check's median on the same set
   */
  public record Row(String set, String level, int pairs, Timing timing, double ratio) {}

  /** A pair of decoded grayscale images. */
  private record Pair(GrayImage kept, GrayImage candidate) {}

  /**
   * Times every level on every set.
   *
   * @param sharedData the {@code ../shared/data} folder
   * @param repeats timed runs per pair, {@code >= 1}
   * @throws IllegalArgumentException when {@code repeats < 1}
   * @throws IOException when an image is missing or cannot be decoded
   */
  public static List<Row> run(Path sharedData, int repeats) throws IOException {
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be >= 1; got " + repeats);
    }
    OpenCv.load();
    List<Row> rows = new ArrayList<>();
    List<Pair> pets = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      pets.add(
          new Pair(
              read(sharedData.resolve(String.format(Locale.ROOT, "cctv/pets2001/in%06d.jpg", i))),
              read(
                  sharedData.resolve(
                      String.format(Locale.ROOT, "cctv/pets2001/in%06d.jpg", i + 1)))));
    }
    Path mixed = sharedData.resolve("peers/imagededup/mixed_images");
    GrayImage original = read(mixed.resolve("ukbench00120.jpg"));
    List<Pair> copies = new ArrayList<>();
    for (String c : List.of("hflip", "resize", "rotation")) {
      copies.add(new Pair(original, read(mixed.resolve("ukbench00120_" + c + ".jpg"))));
    }
    List<Pair> views = new ArrayList<>();
    for (int g = 0; g < 20; g++) {
      views.add(
          new Pair(
              read(
                  sharedData.resolve(String.format(Locale.ROOT, "ukbench/ukbench%05d.jpg", 4 * g))),
              read(
                  sharedData.resolve(
                      String.format(Locale.ROOT, "ukbench/ukbench%05d.jpg", 4 * g + 1)))));
    }
    measure("pets2001 consecutive frames 320x240", pets, repeats, rows);
    measure("imagededup copies of ukbench00120 640x480", copies, repeats, rows);
    measure("UKBench two views of one object 640x480", views, repeats, rows);
    return rows;
  }

  private static void measure(String set, List<Pair> pairs, int repeats, List<Row> rows) {
    AlignParams ap = AlignParams.defaults();
    PixelDiffParams pp = PixelDiffParams.defaults();
    SceneParams sp = SceneParams.defaults();
    PixelDiff plain = new PixelDiff(pp);
    List<Features[]> feats = new ArrayList<>();
    for (Pair p : pairs) {
      feats.add(
          new Features[] {
            Features.of(p.kept(), ap.features()), Features.of(p.candidate(), ap.features())
          });
    }
    Timing identity =
        time(
            pairs,
            repeats,
            i -> plain.compare(pairs.get(i).kept(), pairs.get(i).candidate()).width());
    Timing aligned =
        time(
            pairs,
            repeats,
            i -> {
              Pair p = pairs.get(i);
              Features fk = Features.of(p.kept(), ap.features());
              Features fc = Features.of(p.candidate(), ap.features());
              return AlignedCheck.check(p.kept(), fk, p.candidate(), fc, ap, pp) == null ? 0 : 1;
            });
    Timing alignedCached =
        time(
            pairs,
            repeats,
            i -> {
              Pair p = pairs.get(i);
              Features[] f = feats.get(i);
              return AlignedCheck.check(p.kept(), f[0], p.candidate(), f[1], ap, pp) == null
                  ? 0
                  : 1;
            });
    Timing scene =
        time(
            pairs,
            repeats,
            i -> {
              Pair p = pairs.get(i);
              Features fk = Features.of(p.kept(), ap.features());
              Features fc = Features.of(p.candidate(), ap.features());
              return SceneCheck.check(fk, fc, sp).inliers();
            });
    Timing sceneCached =
        time(pairs, repeats, i -> SceneCheck.check(feats.get(i)[0], feats.get(i)[1], sp).inliers());
    double base = identity.medianMs();
    rows.add(new Row(set, "identity", pairs.size(), identity, 1.0));
    rows.add(new Row(set, "aligned", pairs.size(), aligned, aligned.medianMs() / base));
    rows.add(
        new Row(
            set, "aligned-cached", pairs.size(), alignedCached, alignedCached.medianMs() / base));
    rows.add(new Row(set, "scene", pairs.size(), scene, scene.medianMs() / base));
    rows.add(
        new Row(set, "scene-cached", pairs.size(), sceneCached, sceneCached.medianMs() / base));
  }

  private static int sink;

  private static Timing time(List<Pair> pairs, int repeats, ToIntFunction<Integer> work) {
    sink += work.applyAsInt(0); // warm-up
    long[] nanos = new long[pairs.size() * repeats];
    for (int r = 0; r < repeats; r++) {
      for (int i = 0; i < pairs.size(); i++) {
        long t = System.nanoTime();
        sink += work.applyAsInt(i);
        nanos[r * pairs.size() + i] = System.nanoTime() - t;
      }
    }
    return Timing.of(nanos);
  }

  private static GrayImage read(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new IOException("benchmark image missing: " + p.toAbsolutePath());
    }
    Mat m = Imgcodecs.imread(p.toString(), Imgcodecs.IMREAD_GRAYSCALE);
    try {
      if (m.empty()) {
        throw new IOException("OpenCV cannot decode " + p);
      }
      return GrayImage.of(m);
    } finally {
      m.release();
    }
  }

  /** The rows as a markdown table. */
  public static String markdown(List<Row> rows) {
    StringBuilder b =
        new StringBuilder(
            "| pairs | level | n | median ms | p90 ms | × identity |\n|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %.2f | %.2f | %.1f |%n",
              r.set(),
              r.level(),
              r.pairs(),
              r.timing().medianMs(),
              r.timing().p90Ms(),
              r.ratio()));
    }
    return b.toString();
  }

  /**
   * Runs with {@code args[0]} the shared data folder (default {@code ../shared/data}), {@code
   * args[1]} the repeats (default 3), and writes markdown to {@code args[2]} when given.
   */
  public static void main(String[] args) throws IOException {
    Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String md = markdown(run(data, repeats));
    System.out.print(md);
    if (args.length > 2) {
      Files.writeString(Path.of(args[2]), md);
    }
  }
}
