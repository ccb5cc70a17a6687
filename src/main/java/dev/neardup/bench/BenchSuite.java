package dev.neardup.bench;

import dev.neardup.decode.ImageScanner;
import dev.neardup.pipeline.EngineConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every benchmark in one run ({@code neardup bench all}), on the shared data set, with the commands
 * that reproduce each figure. The result is written as JSON and rendered by {@link BenchmarkDoc}.
 */
public final class BenchSuite {
  private BenchSuite() {}

  /**
   * What to run.
   *
   * @param data the shared data folder ({@code ../shared/data})
   * @param config model and settings (the model may be absent: embedding figures are then skipped)
   * @param modelArgs the command-line options naming the model, for the reproduce commands
   * @param embedImages images per embedding measurement
   * @param batchSizes batch sizes of the embedding benchmark at 224×224
   * @param smallInput a smaller input side also measured (at batch 8), or 0 for none
   * @param hnswSizes collection sizes of the HNSW benchmark (float and int8 each)
   * @param hnswQueries queries per HNSW build
   */
  public record Spec(
      Path data,
      EngineConfig config,
      String modelArgs,
      int embedImages,
      List<Integer> batchSizes,
      int smallInput,
      List<Integer> hnswSizes,
      int hnswQueries) {}

  /**
   * Everything measured.
   *
   * @param machine CPU, cores, heap, Java
   * @param started when the run began (UTC)
   * @param seconds wall time of the whole run
   * @param model the model id, or null when no model file was found
   * @param decode decode figures
   * @param embed embedding figures by batch size (empty without a model)
   * @param hnsw HNSW figures by size, float and int8
   * @param pixelDiff pixel-diff figures
   * @param dedup end-to-end dedup figures
   * @param commands for each section, the command that reproduces it
   */
  public record Results(
      String machine,
      String started,
      double seconds,
      String model,
      List<DecodeBenchmark.Row> decode,
      List<EmbedBenchmark.Row> embed,
      List<HnswBenchmark.Result> hnsw,
      List<PixelDiffBenchmark.Row> pixelDiff,
      List<DedupBenchmark.Row> dedup,
      java.util.Map<String, String> commands) {}

  /** Runs everything, logging each step to {@code log}. */
  public static Results run(Spec spec, String machine, PrintWriter log) throws IOException {
    long start = System.nanoTime();
    String started = Instant.now().toString();
    Path data = spec.data();
    boolean model = spec.config().model().filter(Files::isRegularFile).isPresent();
    java.util.Map<String, String> commands = new java.util.LinkedHashMap<>();

    log.println("bench: decode (1080p PNG and JPEG)");
    Path photo = data.resolve("stills/building.jpg");
    List<DecodeBenchmark.Row> decode = DecodeBenchmark.run(photo, 30);
    commands.put("decode", "bin/neardup bench decode --source " + photo + " --repeats 30");

    List<EmbedBenchmark.Row> embed = List.of();
    Path ukbench = data.resolve("ukbench");
    String modelName = null;
    if (model) {
      log.println("bench: embedding vs raw libtorch, batch " + spec.batchSizes());
      List<Path> images = firstImages(ukbench, spec.embedImages());
      embed = new ArrayList<>(EmbedBenchmark.run(spec.config(), images, spec.batchSizes()));
      if (spec.smallInput() > 0) {
        log.println("bench: embedding at input size " + spec.smallInput());
        embed.addAll(
            EmbedBenchmark.run(
                spec.config().toBuilder().inputSize(spec.smallInput()).build(),
                images,
                List.of(8)));
        commands.put(
            "embed-small",
            "bin/neardup bench embed "
                + ukbench
                + " --count "
                + spec.embedImages()
                + " --batch-sizes 8 --input-size "
                + spec.smallInput()
                + " "
                + spec.modelArgs());
      }
      commands.put(
          "embed",
          "bin/neardup bench embed "
              + ukbench
              + " --count "
              + spec.embedImages()
              + " --batch-sizes "
              + join(spec.batchSizes())
              + " "
              + spec.modelArgs());
    }

    List<HnswBenchmark.Result> hnsw = new ArrayList<>();
    for (int n : spec.hnswSizes()) {
      for (boolean quantized : new boolean[] {false, true}) {
        log.println("bench: HNSW " + n + " x 2048 " + (quantized ? "int8" : "float"));
        hnsw.add(
            HnswBenchmark.run(
                new HnswBenchmark.Spec(
                    n, 2048, quantized, 16, 100, spec.hnswQueries(), List.of(10, 50), 42)));
      }
    }
    commands.put(
        "hnsw",
        "bin/neardup bench hnsw --sizes "
            + join(spec.hnswSizes())
            + " --queries "
            + spec.hnswQueries());

    log.println("bench: pixel-diff");
    Path vtest = data.resolve("cctv/vtest");
    List<Path> frames = firstImages(vtest, 20);
    List<PixelDiffBenchmark.Row> pixel = PixelDiffBenchmark.run(frames, 5);
    commands.put("pixeldiff", "bin/neardup bench pixeldiff " + vtest + " --count 20 --repeats 5");

    List<DedupBenchmark.Row> dedup = new ArrayList<>();
    Path pets = data.resolve("cctv/pets2001");
    for (Path folder : List.of(pets, ukbench)) {
      if (model) {
        log.println("bench: dedup " + folder + " with the model");
        dedup.add(DedupBenchmark.run(spec.config(), folder));
      }
      log.println("bench: dedup " + folder + " hash only");
      dedup.add(DedupBenchmark.run(spec.config().withoutModel(), folder));
    }
    commands.put(
        "dedup",
        "bin/neardup bench dedup "
            + pets
            + " "
            + ukbench
            + " "
            + spec.modelArgs()
            + "   # and again with --model /nonexistent for hash only");
    if (model) {
      modelName = embed.isEmpty() ? null : dedup.get(0).model();
    }
    return new Results(
        machine,
        started,
        (System.nanoTime() - start) / 1e9,
        modelName,
        decode,
        embed,
        hnsw,
        pixel,
        dedup,
        commands);
  }

  /** The first {@code n} images of a folder, in path order. */
  public static List<Path> firstImages(Path folder, int n) {
    List<Path> all = new ImageScanner().scan(List.of(folder)).images();
    return all.subList(0, Math.min(n, all.size()));
  }

  private static String join(List<Integer> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }
}
