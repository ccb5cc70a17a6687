package dev.neardup.bench;

import dev.neardup.group.Grouper;
import dev.neardup.group.Grouping;
import dev.neardup.group.GroupingOptions;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.pipeline.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Camera sequences: neardup's grouping against the {@link ExhaustiveGrouping} baseline, in the same
 * process, on the same stored frames, at several fractions and sequence lengths.
 *
 * <p>Each folder becomes one camera: its images, sorted by name, are copied to a temporary folder
 * as {@code c<k>-<millis>.<ext>} one second apart, and indexed once (no model needed: the frames of
 * a fixed camera are compared with the pixel check alone). Both methods then group the first {@code
 * n} frames of every camera, with {@code --same-camera}, for each size and fraction. The kept
 * counts of both are reported: they must be equal.
 */
public final class CameraBenchmark {
  private CameraBenchmark() {}

  /**
   * One measurement.
   *
   * @param framesPerCamera frames of each camera grouped
   * @param frames frames in all
   * @param fraction the pixel-diff fraction
   * @param exhaustiveSeconds the baseline's grouping time
   * @param neardupSeconds neardup's grouping time
   * @param ratio {@code exhaustiveSeconds / neardupSeconds}
   * @param exhaustiveKept frames the baseline keeps
   * @param neardupKept frames neardup keeps (equal when neardup is exact)
   * @param checked pairs neardup verified
   * @param pruned pairs neardup skipped as provably different
   */
  public record Row(
      int framesPerCamera,
      int frames,
      double fraction,
      double exhaustiveSeconds,
      double neardupSeconds,
      double ratio,
      int exhaustiveKept,
      int neardupKept,
      long checked,
      long pruned) {}

  /**
   * Runs the comparison at 4 sequence lengths: a quarter, half, three quarters and all of the
   * shortest camera's folder (counting every entry, as {@code bench dedup --exhaustive} always
   * has).
   *
   * @param cameras one folder per camera
   */
  public static List<Row> run(EngineConfig config, List<Path> cameras, List<Double> fractions)
      throws IOException {
    int shortest = Integer.MAX_VALUE;
    for (Path f : cameras) {
      try (Stream<Path> s = Files.list(f)) {
        shortest = (int) Math.min(shortest, s.count());
      }
    }
    List<Integer> sizes = new ArrayList<>();
    for (int q = 1; q <= 4; q++) {
      sizes.add(Math.max(1, shortest * q / 4));
    }
    return run(config, cameras, fractions, sizes);
  }

  /**
   * Runs the comparison.
   *
   * @param cameras one folder per camera
   * @param sizes frames per camera to group, e.g. 25 %, 50 %, 75 %, 100 % of the shortest camera
   */
  public static List<Row> run(
      EngineConfig config, List<Path> cameras, List<Double> fractions, List<Integer> sizes)
      throws IOException {
    Path tmp = Files.createTempDirectory("neardup-bench-cameras");
    List<Row> rows = new ArrayList<>();
    try {
      Path frames = Files.createDirectories(tmp.resolve("frames"));
      for (int c = 0; c < cameras.size(); c++) {
        List<Path> files = images(cameras.get(c));
        for (int i = 0; i < files.size(); i++) {
          String name = files.get(i).getFileName().toString();
          String ext = name.substring(name.lastIndexOf('.'));
          long t = 1_623_873_231_583L + 1000L * i;
          Files.copy(files.get(i), frames.resolve("c" + (c + 1) + "-" + t + ext));
        }
      }
      EngineConfig cfg =
          config.withoutModel().withFreshIndex(tmp.resolve("index")).toBuilder()
              .grouping(config.grouping().toBuilder().sameCamera(true).build())
              .build();
      try (Engine engine = Engine.open(cfg)) {
        engine.deduplicator().index(List.of(frames), List.of(), Progress.NONE);
        try (IndexSnapshot snapshot = engine.index().snapshot()) {
          List<IndexedImage> all = snapshot.images(p -> true);
          for (int size : sizes) {
            List<IndexedImage> subset = firstFrames(all, size);
            for (double f : fractions) {
              rows.add(measure(cfg, snapshot, subset, size, f));
            }
          }
        }
      }
    } finally {
      try (Stream<Path> s = Files.walk(tmp)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    return rows;
  }

  private static Row measure(
      EngineConfig cfg, IndexSnapshot snapshot, List<IndexedImage> frames, int size, double f) {
    GroupingOptions options = cfg.grouping();
    var pixel = cfg.pixelDiff().withFraction(f);
    // neardup twice, the better time counting (the first run also warms the JIT), then the
    // baseline once (its time is OpenCV's native code).
    double best = Double.MAX_VALUE;
    Grouping g = null;
    for (int round = 0; round < 2; round++) {
      long t0 = System.nanoTime();
      g = Grouper.create(options, pixel).group(snapshot, frames, null);
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    long t0 = System.nanoTime();
    int exhaustiveKept =
        ExhaustiveGrouping.kept(snapshot, frames, pixel, options.keeper(), true).size();
    double exhaustive = (System.nanoTime() - t0) / 1e9;
    return new Row(
        size,
        frames.size(),
        f,
        exhaustive,
        best,
        exhaustive / best,
        exhaustiveKept,
        g.kept(),
        g.stats().checked(),
        g.stats().pruned());
  }

  /** The first {@code n} frames in time order of every camera. */
  private static List<IndexedImage> firstFrames(List<IndexedImage> all, int n) {
    List<IndexedImage> sorted = new ArrayList<>(all);
    sorted.sort(
        Comparator.comparing((IndexedImage i) -> i.record().camera())
            .thenComparingLong(i -> i.record().timestampMillis()));
    List<IndexedImage> out = new ArrayList<>();
    String camera = null;
    int taken = 0;
    for (IndexedImage i : sorted) {
      if (!i.record().camera().equals(camera)) {
        camera = i.record().camera();
        taken = 0;
      }
      if (taken++ < n) {
        out.add(i);
      }
    }
    return out;
  }

  private static List<Path> images(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().toLowerCase().matches(".*\\.(jpg|jpeg|png)"))
          .sorted()
          .toList();
    }
  }
}
