package dev.neardup.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bench scale}: how neardup's costs grow with the folder. At each size it makes a seeded
 * folder ({@link ScaleFolders}), then runs, each as a fresh child {@code neardup} ({@link
 * ChildNeardup}): {@code index} into a fresh index, {@code dedup} into another fresh index (the
 * whole run: index and group; nothing is moved), and {@code serve} on the first index, timing
 * single-image queries and uploads of images that are not in the folder ({@link ServiceProbe}).
 *
 * <p>Making the folders is not timed: the pool of images is written before the first child starts.
 * Growth is summarised as the least-squares slope of log(time) against log(n) over the sizes: 1 is
 * linear, 2 quadratic. Every child reads one settings file written here, naming a model file that
 * does not exist, so without {@code --child-model} the embedding stage is off whatever the
 * installation's settings say; with {@code --child-model} every child uses that model.
 */
public final class ScaleBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FOUND = Pattern.compile("(\\d+) images found");

  private ScaleBenchmark() {}

  /**
   * What to run.
   *
   * @param sizes folder sizes, each at least 1 (sorted and made distinct here)
   * @param seed the generator's seed
   * @param sharedData {@code ../shared/data}
   * @param workDir where folders and indexes go; null for a new temporary folder
   * @param keep keep what was made (else it is deleted at the end)
   * @param model a TorchScript model for every child, or null for none
   * @param allowRandomWeights pass {@code --allow-random-weights} with the model
   * @param queries single-image queries per size
   * @param uploads single-image uploads per size
   */
  public record Settings(
      List<Integer> sizes,
      long seed,
      Path sharedData,
      Path workDir,
      boolean keep,
      Path model,
      boolean allowRandomWeights,
      int queries,
      int uploads) {
    /** Checks the values and sorts the sizes; names the bad value. */
    public Settings {
      if (sizes == null || sizes.isEmpty()) {
        throw new IllegalArgumentException("--sizes must name at least one size");
      }
      for (int n : sizes) {
        if (n < 1) {
          throw new IllegalArgumentException("--sizes must be >= 1 each; got " + n);
        }
      }
      sizes = sizes.stream().distinct().sorted().toList();
      if (queries < 0 || uploads < 0) {
        throw new IllegalArgumentException(
            "--queries and --uploads must be >= 0; got " + queries + " and " + uploads);
      }
      if (model != null && !Files.isRegularFile(model)) {
        throw new IllegalArgumentException("--child-model: no such file: " + model);
      }
    }
  }

  /**
   * One size.
   *
   * @param size images asked for
   * @param frames of which camera frames
   * @param imageBytes the folder's bytes
   * @param indexedImages images {@code index} found in the folder
   * @param indexSeconds wall time of {@code index}, start-up included
   * @param indexSecondsPerImage {@code indexSeconds / size}
   * @param indexPeakRssBytes its peak resident memory
   * @param indexBytes the index folder's bytes after {@code index}
   * @param indexBytesPerImage {@code indexBytes / size}
   * @param indexShareOfImages {@code indexBytes / imageBytes}
   * @param dedupImages images in {@code dedup}'s report
   * @param kept images kept by {@code dedup}
   * @param groups groups of duplicates
   * @param dedupSeconds wall time of {@code dedup} into a fresh index, start-up included
   * @param dedupSecondsPerImage {@code dedupSeconds / size}
   * @param dedupPeakRssBytes its peak resident memory
   * @param reportBytes its JSON report's bytes (default {@code --report-pairs})
   * @param queryMs each query's round trip
   * @param queryP50Ms their median (nearest rank), NaN when none
   * @param uploadMs each upload's round trip
   * @param uploadP50Ms their median, NaN when none
   * @param serviceErrors requests not answered 200 or 201
   * @param servicePeakRssBytes the service's peak resident memory
   */
  public record Row(
      int size,
      int frames,
      long imageBytes,
      int indexedImages,
      double indexSeconds,
      double indexSecondsPerImage,
      long indexPeakRssBytes,
      long indexBytes,
      double indexBytesPerImage,
      double indexShareOfImages,
      int dedupImages,
      int kept,
      int groups,
      double dedupSeconds,
      double dedupSecondsPerImage,
      long dedupPeakRssBytes,
      long reportBytes,
      List<Double> queryMs,
      double queryP50Ms,
      List<Double> uploadMs,
      double uploadP50Ms,
      int serviceErrors,
      long servicePeakRssBytes) {}

  /**
   * The run.
   *
   * @param seed the generator's seed
   * @param model the model file's name, or {@code none}
   * @param generateSeconds time spent making the images (not in any row)
   * @param rows one per size, smallest first
   * @param indexSlope slope of log(index seconds) against log(size); NaN with one size
   * @param dedupSlope the same for {@code dedup}
   * @param querySlope the same for the query p50
   * @param workDir where the folders are, when kept; else null
   */
  public record Result(
      long seed,
      String model,
      double generateSeconds,
      List<Row> rows,
      double indexSlope,
      double dedupSlope,
      double querySlope,
      String workDir) {}

  /**
   * Runs every size.
   *
   * @param progress one line per step, for the terminal
   */
  public static Result run(Settings s, Consumer<String> progress)
      throws IOException, InterruptedException {
    Path work =
        s.workDir() != null
            ? Files.createDirectories(s.workDir())
            : Files.createTempDirectory("neardup-scale");
    Path pool = work.resolve("pool");
    Path settings = work.resolve("settings.yaml");
    List<Path> made = new ArrayList<>(List.of(pool, settings));
    try {
      Files.writeString(settings, "model: " + work.resolve("absent-model.pt") + "\n");
      ChildNeardup neardup = new ChildNeardup(settings);
      List<String> modelArgs = new ArrayList<>();
      if (s.model() != null) {
        modelArgs.addAll(List.of("--model", s.model().toAbsolutePath().toString()));
        if (s.allowRandomWeights()) {
          modelArgs.add("--allow-random-weights");
        }
      }
      int largest = s.sizes().get(s.sizes().size() - 1);
      int probes = s.queries() + s.uploads();
      progress.accept(
          String.format(Locale.ROOT, "making %d seeded images in %s", largest + probes, pool));
      long t0 = System.nanoTime();
      ScaleFolders folders = ScaleFolders.of(s.sharedData(), s.seed());
      List<String> names = folders.generate(largest + probes, pool);
      double generateSeconds = (System.nanoTime() - t0) / 1e9;

      List<Row> rows = new ArrayList<>();
      for (int n : s.sizes()) {
        Path dir = work.resolve(String.format(Locale.ROOT, "n-%06d", n));
        made.add(dir);
        Row row = size(n, dir, pool, names, neardup, modelArgs, s, progress);
        rows.add(row);
        // The row as soon as it is measured: a long run stopped half-way still leaves its rows.
        progress.accept(n + " images done: " + ScaleText.row(row));
        if (!s.keep()) {
          delete(dir);
        }
      }
      return new Result(
          s.seed(),
          s.model() == null ? "none" : s.model().getFileName().toString(),
          generateSeconds,
          rows,
          slope(rows, Row::indexSeconds),
          slope(rows, Row::dedupSeconds),
          slope(rows, Row::queryP50Ms),
          s.keep() ? work.toString() : null);
    } finally {
      if (!s.keep()) {
        for (Path p : made) {
          delete(p);
        }
        if (s.workDir() == null) {
          delete(work);
        }
      }
    }
  }

  private static Row size(
      int n,
      Path dir,
      Path pool,
      List<String> names,
      ChildNeardup neardup,
      List<String> modelArgs,
      Settings s,
      Consumer<String> progress)
      throws IOException, InterruptedException {
    Path folder = dir.resolve("images");
    ScaleFolders.link(pool, names, n, folder);
    long imageBytes = bytes(folder);

    progress.accept(String.format(Locale.ROOT, "%d images: index", n));
    Path index = dir.resolve("index");
    ChildNeardup.Run indexRun =
        neardup.run(
            dir.resolve("index.log"),
            concat(List.of("index", folder.toString(), "--index", index.toString()), modelArgs));
    Matcher found = FOUND.matcher(indexRun.output());
    int indexed = found.find() ? Integer.parseInt(found.group(1)) : -1;
    long indexBytes = bytes(index);

    progress.accept(String.format(Locale.ROOT, "%d images: dedup", n));
    Path report = dir.resolve("report.json");
    ChildNeardup.Run dedupRun =
        neardup.run(
            dir.resolve("dedup.log"),
            concat(
                List.of(
                    "dedup",
                    folder.toString(),
                    "--index",
                    dir.resolve("dedup-index").toString(),
                    "--report",
                    report.toString()),
                modelArgs));
    JsonNode totals = JSON.readTree(report.toFile()).path("totals");

    progress.accept(String.format(Locale.ROOT, "%d images: serve", n));
    List<Path> probes =
        names.subList(n, n + s.queries() + s.uploads()).stream().map(pool::resolve).toList();
    ServiceProbe.Answers answers =
        ServiceProbe.run(
            neardup,
            index,
            modelArgs,
            dir,
            probes.subList(0, s.queries()),
            probes.subList(s.queries(), probes.size()),
            dir.resolve("serve.log"));
    return new Row(
        n,
        ScaleFolders.framesIn(n),
        imageBytes,
        indexed,
        indexRun.seconds(),
        indexRun.seconds() / n,
        indexRun.peakRssBytes(),
        indexBytes,
        indexBytes / (double) n,
        indexBytes / (double) imageBytes,
        totals.path("images").asInt(-1),
        totals.path("kept").asInt(-1),
        totals.path("groups").asInt(-1),
        dedupRun.seconds(),
        dedupRun.seconds() / n,
        dedupRun.peakRssBytes(),
        Files.size(report),
        answers.queryMs(),
        median(answers.queryMs()),
        answers.uploadMs(),
        median(answers.uploadMs()),
        answers.errors(),
        answers.peakRssBytes());
  }

  /**
   * Least-squares slope of {@code ln(time)} against {@code ln(size)}: the exponent {@code b} of the
   * fit {@code time = a * size^b}. NaN with fewer than two sizes or a time that is not positive.
   */
  public static double slope(List<Row> rows, java.util.function.ToDoubleFunction<Row> time) {
    int m = rows.size();
    if (m < 2) {
      return Double.NaN;
    }
    double sx = 0;
    double sy = 0;
    for (Row r : rows) {
      double t = time.applyAsDouble(r);
      if (!(t > 0)) {
        return Double.NaN;
      }
      sx += Math.log(r.size());
      sy += Math.log(t);
    }
    double mx = sx / m;
    double my = sy / m;
    double sxy = 0;
    double sxx = 0;
    for (Row r : rows) {
      double dx = Math.log(r.size()) - mx;
      sxy += dx * (Math.log(time.applyAsDouble(r)) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }

  private static double median(List<Double> ms) {
    if (ms.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(ms);
    sorted.sort(null);
    return sorted.get((sorted.size() - 1) / 2);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static long bytes(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0; // a file Lucene removed while we walked
                }
              })
          .sum();
    }
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
