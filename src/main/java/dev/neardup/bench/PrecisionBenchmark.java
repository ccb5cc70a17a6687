package dev.neardup.bench;

import dev.neardup.decode.DecodeException;
import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.embed.EmbedderOptions;
import dev.neardup.embed.ModelFiles;
import dev.neardup.embed.Precision;
import dev.neardup.embed.RawForward;
import dev.neardup.embed.TorchScriptEmbedder;
import dev.neardup.image.GrayImage;
import dev.neardup.image.PerceptualHash;
import dev.neardup.image.Thumbnails;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.pipeline.StageProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.opencv.core.Mat;

/**
 * One model at several precisions (fp32, int8, bf16 files made from the same weights by {@code
 * models/export_resnet50.py}), measured in one run: the speed of each, raw and end to end, and the
 * fidelity of each reduced precision against fp32 on the same images.
 *
 * <ul>
 *   <li><b>raw</b>: {@link RawForward} on one pre-made tensor, before and after indexing (mean);
 *   <li><b>end to end</b>: {@link IndexBenchmark} on the images as files (decode, thumbnail, pHash,
 *       preprocessing, forward, Lucene documents and HNSW graph, commit);
 *   <li><b>fidelity</b>: cosine between the fp32 and the reduced embedding of each image (mean,
 *       minimum), the largest change of any pairwise cosine, and the mean overlap of the top-10
 *       neighbours. The fp32 row is exact by definition. With random weights every image looks
 *       nearly alike to the model, so the top-10 overlap ranks near-ties and says little.
 *   <li><b>profile</b>: milliseconds per image of each stage on one thread, to say where the time
 *       goes once the model is fast.
 * </ul>
 */
public final class PrecisionBenchmark {
  /** Neighbours compared by {@link Row#top10Overlap()}. */
  static final int TOP = 10;

  private PrecisionBenchmark() {}

  /**
   * Figures of one precision at one batch size.
   *
   * @param precision what the model computes in
   * @param batch images per forward pass
   * @param images images measured
   * @param rawImgS bare forward, images per second
   * @param endToEndImgS indexing files from disk, images per second
   * @param endToEndRatio end to end / raw
   * @param rawVsFp32 this raw rate / the fp32 raw rate of the same run
   * @param endToEndVsFp32Raw this end-to-end rate / the fp32 raw rate of the same run
   * @param meanCosine mean cosine to the fp32 embedding of the same image
   * @param minCosine smallest such cosine
   * @param maxPairCosineDiff largest |cos_fp32(i, j) - cos_reduced(i, j)| over all pairs
   * @param top10Overlap mean fraction of each image's 10 nearest neighbours shared with fp32
   * @param model the model id
   * @param stages busy fraction of each indexing stage in the end-to-end run
   */
  public record Row(
      String precision,
      int batch,
      int images,
      double rawImgS,
      double endToEndImgS,
      double endToEndRatio,
      double rawVsFp32,
      double endToEndVsFp32Raw,
      double meanCosine,
      double minCosine,
      double maxPairCosineDiff,
      double top10Overlap,
      String model,
      List<StageProfile> stages) {}

  /**
   * Milliseconds per image of one pipeline stage, one thread, mean over the images.
   *
   * @param stage e.g. {@code decode}, {@code forward int8 (batch 8)}
   * @param msPerImage mean milliseconds per image
   */
  public record Stage(String stage, double msPerImage) {}

  /** Every row, then the stage profile. */
  public record Result(List<Row> rows, List<Stage> profile) {}

  /**
   * The model file of each precision to compare: {@code fp32} first (the reference), then each of
   * {@code precisions} with its file, every file checked to hold the precision it is named for.
   *
   * @throws IllegalArgumentException when a precision's file is not given ({@code --int8-model},
   *     {@code --bf16-model}) or holds another precision
   */
  public static Map<Precision, Path> models(
      Path fp32, List<Precision> precisions, Path int8, Path bf16) {
    Map<Precision, Path> models = new LinkedHashMap<>();
    models.put(Precision.FP32, fp32);
    for (Precision p : precisions) {
      Path file =
          switch (p) {
            case FP32 -> fp32;
            case INT8 -> require(int8, "--int8-model", p);
            case BF16 -> require(bf16, "--bf16-model", p);
          };
      ModelFiles.checkPrecision(file, p);
      models.put(p, file);
    }
    return models;
  }

  private static Path require(Path file, String option, Precision p) {
    if (file == null) {
      throw new IllegalArgumentException(
          "--precisions " + p.label() + " needs " + option + " FILE");
    }
    return file;
  }

  /**
   * Runs every precision in {@code models} (fp32 first: it is the reference) at every batch size.
   *
   * @param config decode threads, random-weights permission, input size; model and index replaced
   * @param models one model file per precision; must contain {@link Precision#FP32}
   * @throws IllegalArgumentException if there is no fp32 model, no image or no batch size
   */
  public static Result run(
      EngineConfig config, List<Path> images, List<Integer> batchSizes, Map<Precision, Path> models)
      throws IOException {
    Objects.requireNonNull(models, "models");
    if (!models.containsKey(Precision.FP32)) {
      throw new IllegalArgumentException("the fp32 model is the reference; got only " + models);
    }
    if (images.size() < 2 || batchSizes.isEmpty()) {
      throw new IllegalArgumentException(
          "need at least 2 images and one batch size; got " + images.size() + " and " + batchSizes);
    }
    Map<Precision, Path> ordered = new LinkedHashMap<>();
    ordered.put(Precision.FP32, models.get(Precision.FP32));
    models.forEach(ordered::putIfAbsent);

    Path dir = Files.createTempDirectory("neardup-bench-precision");
    List<Mat> decoded = new ArrayList<>();
    List<Stage> profile = new ArrayList<>();
    try {
      Path files = Files.createDirectories(dir.resolve("images"));
      for (Path p : images) {
        Files.copy(p, files.resolve(p.getFileName().toString()));
      }
      profileCheapStages(config, images, decoded, profile);

      Map<Precision, float[][]> vectors = new LinkedHashMap<>();
      Map<Precision, String> ids = new LinkedHashMap<>();
      for (var e : ordered.entrySet()) {
        try (TorchScriptEmbedder embedder = open(config, e.getValue(), batchSizes.get(0))) {
          ids.put(e.getKey(), embedder.model().id());
          List<float[]> inputs = decoded.stream().map(embedder::prepare).toList();
          embedder.embedPrepared(inputs.subList(0, Math.min(inputs.size(), batchSizes.get(0))));
          long start = System.nanoTime();
          vectors.put(e.getKey(), embedder.embedPrepared(inputs));
          profile.add(
              new Stage(
                  "forward " + e.getKey().label() + " (batch " + batchSizes.get(0) + ")",
                  (System.nanoTime() - start) / 1e6 / inputs.size()));
        }
      }

      // An untimed pass: the first forward passes of a process run at a fraction of the later
      // speed.
      RawForward.imagesPerSecond(
          ordered.get(Precision.FP32),
          batchSizes.get(0),
          4,
          EmbedderOptions.DEFAULT_INTRA_OP_THREADS,
          config.inputSize());
      List<Row> rows = new ArrayList<>();
      for (int b : batchSizes) {
        double fp32Raw = Double.NaN;
        for (var e : ordered.entrySet()) {
          int iterations = IndexBenchmark.rawBatches(images.size(), b);
          IndexBenchmark.Result r =
              IndexBenchmark.run(
                  withModel(config, e.getValue()).withFreshIndex(dir.resolve("index")).toBuilder()
                      .batchSize(b)
                      .build(),
                  files,
                  iterations);
          if (e.getKey() == Precision.FP32) {
            fp32Raw = r.rawImagesPerSecond();
          }
          Fidelity f = Fidelity.of(vectors.get(Precision.FP32), vectors.get(e.getKey()));
          rows.add(
              new Row(
                  e.getKey().label(),
                  b,
                  images.size(),
                  r.rawImagesPerSecond(),
                  r.indexImagesPerSecond(),
                  r.ratio(),
                  r.rawImagesPerSecond() / fp32Raw,
                  r.indexImagesPerSecond() / fp32Raw,
                  f.meanCosine,
                  f.minCosine,
                  f.maxPairDiff,
                  f.topOverlap,
                  ids.get(e.getKey()),
                  r.stages()));
        }
      }
      return new Result(rows, profile);
    } finally {
      decoded.forEach(Mat::release);
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Decodes every image (kept in {@code decoded}) and times the stages before the model. */
  private static void profileCheapStages(
      EngineConfig config, List<Path> images, List<Mat> decoded, List<Stage> profile)
      throws IOException {
    ImageDecoder decoder = new ImageDecoder(config.maxPixels());
    int minSide = Math.max(256, config.thumbnailMaxSide());
    long decode = 0;
    long thumb = 0;
    long hash = 0;
    long prepare = 0;
    for (Path p : images) {
      long t0 = System.nanoTime();
      try (DecodedImage d = decoder.decode(p, minSide, Thumbnails.FULL_RESOLUTION_PIXELS)) {
        long t1 = System.nanoTime();
        GrayImage g = Thumbnails.verificationImage(d.bgr(), config.thumbnailMaxSide());
        long t2 = System.nanoTime();
        PerceptualHash.of(d.bgr());
        long t3 = System.nanoTime();
        dev.neardup.embed.Preprocess.toChw(d.bgr(), config.inputSize());
        long t4 = System.nanoTime();
        decode += t1 - t0;
        thumb += t2 - t1;
        hash += t3 - t2;
        prepare += t4 - t3;
        decoded.add(d.bgr().clone());
        Objects.requireNonNull(g);
      } catch (DecodeException e) {
        throw new IOException("cannot decode " + p + ": " + e.reason(), e);
      }
    }
    double n = images.size() * 1e6;
    profile.add(new Stage("decode (reduced JPEG where possible)", decode / n));
    profile.add(new Stage("verification thumbnail", thumb / n));
    profile.add(new Stage("pHash", hash / n));
    profile.add(new Stage("preprocess (resize, crop, normalise)", prepare / n));
  }

  private static TorchScriptEmbedder open(EngineConfig config, Path model, int batch) {
    return TorchScriptEmbedder.open(
        model,
        EmbedderOptions.defaults()
            .withBatchSize(batch)
            .withAllowRandomWeights(config.allowRandomWeights())
            .withInputSize(config.inputSize()));
  }

  /** {@code config} with another model file, required to exist. */
  static EngineConfig withModel(EngineConfig c, Path model) {
    return c.toBuilder().model(model).modelRequired(true).build();
  }

  /** Fidelity of {@code reduced} against {@code reference}, unit rows of the same images. */
  record Fidelity(double meanCosine, double minCosine, double maxPairDiff, double topOverlap) {
    static Fidelity of(float[][] reference, float[][] reduced) {
      int n = reference.length;
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double c = dot(reference[i], reduced[i]);
        sum += c;
        min = Math.min(min, c);
      }
      double[][] a = pairwise(reference);
      double[][] b = pairwise(reduced);
      double maxDiff = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          maxDiff = Math.max(maxDiff, Math.abs(a[i][j] - b[i][j]));
        }
      }
      int k = Math.min(TOP, n - 1);
      double overlap = 0;
      for (int i = 0; i < n; i++) {
        List<Integer> ta = top(a[i], i, k);
        List<Integer> tb = top(b[i], i, k);
        overlap += ta.stream().filter(tb::contains).count() / (double) k;
      }
      return new Fidelity(sum / n, min, maxDiff, overlap / n);
    }

    private static double[][] pairwise(float[][] v) {
      double[][] s = new double[v.length][v.length];
      for (int i = 0; i < v.length; i++) {
        for (int j = i; j < v.length; j++) {
          s[i][j] = s[j][i] = dot(v[i], v[j]);
        }
      }
      return s;
    }

    /** The {@code k} most similar others of {@code self}, ties broken by index. */
    private static List<Integer> top(double[] row, int self, int k) {
      List<Integer> others = new ArrayList<>();
      for (int j = 0; j < row.length; j++) {
        if (j != self) {
          others.add(j);
        }
      }
      others.sort(
          Comparator.<Integer>comparingDouble(j -> -row[j])
              .thenComparing(Comparator.naturalOrder()));
      return others.subList(0, k);
    }

    private static double dot(float[] x, float[] y) {
      double s = 0;
      for (int i = 0; i < x.length; i++) {
        s += (double) x[i] * y[i];
      }
      return s;
    }
  }
}
