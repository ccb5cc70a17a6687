package dev.neardup.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Path;
import java.util.Random;

/**
 * Measures the bare TorchScript forward pass: one input tensor built once, run again and again,
 * with no preprocessing and no conversion of the output.
 *
 * <p>For the benchmark harness: the end-to-end embedding rate is reported as a fraction of this, so
 * a reader can see how much the Java side (resize, crop, normalise, copies) costs on top of the
 * model itself. Random weights are accepted: speed does not depend on what the weights are.
 */
public final class RawForward {
  /** Forward passes run before timing: PyTorch's profiling executor optimises after the first. */
  static final int WARMUP = 2;

  private RawForward() {}

  /** As {@link #imagesPerSecond(Path, int, int, int)} with the default 2 intra-op threads. */
  public static double imagesPerSecond(Path modelFile, int batchSize, int iterations) {
    return imagesPerSecond(
        modelFile, batchSize, iterations, EmbedderOptions.DEFAULT_INTRA_OP_THREADS);
  }

  /**
   * Loads the model, runs {@value #WARMUP} untimed passes, then times {@code iterations} passes of
   * one seeded {@code [batchSize, 3, 224, 224]} input.
   *
   * @return {@code batchSize * iterations / seconds}
   * @throws IllegalArgumentException if {@code batchSize}, {@code iterations} or {@code
   *     intraOpThreads} is below 1
   * @throws ModelUnavailableException as {@link ModelFiles#inspect} and {@link
   *     TorchScriptEmbedder#open}
   */
  public static double imagesPerSecond(
      Path modelFile, int batchSize, int iterations, int intraOpThreads) {
    return imagesPerSecond(modelFile, batchSize, iterations, intraOpThreads, Preprocess.CROP);
  }

  /**
   * As {@link #imagesPerSecond(Path, int, int, int)} with a {@code [batchSize, 3, inputSize,
   * inputSize]} input.
   */
  public static double imagesPerSecond(
      Path modelFile, int batchSize, int iterations, int intraOpThreads, int inputSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1; got " + batchSize);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1; got " + iterations);
    }
    ModelFiles.inspect(modelFile, true);
    try (ZooModel<NDList, NDList> model =
            TorchScriptModels.load(
                modelFile, NDList.class, NDList.class, new NoopTranslator(), intraOpThreads);
        NDManager inputs = model.getNDManager().newSubManager()) {
      TorchScriptModels.outputDim(model, modelFile, inputSize);
      NDArray input =
          inputs.create(
              seededInput(batchSize * 3 * inputSize * inputSize),
              new Shape(batchSize, 3, inputSize, inputSize));
      ParameterStore parameters = new ParameterStore(inputs, false);
      Block block = model.getBlock();
      for (int i = 0; i < WARMUP; i++) {
        forward(block, parameters, input);
      }
      long start = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        forward(block, parameters, input);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return (double) batchSize * iterations / seconds;
    }
  }

  /**
   * One pass whose outputs are freed at once: the input is attached to a short-lived manager for
   * the call (outputs follow the input's manager) and returns to its own when that closes.
   */
  private static void forward(Block block, ParameterStore parameters, NDArray input) {
    try (NDManager step = input.getManager().newSubManager()) {
      input.tempAttach(step);
      block.forward(parameters, new NDList(input), false);
    }
  }

  /** Standard-normal values, roughly the range of normalised pixels; seeded for repeatability. */
  private static float[] seededInput(int length) {
    Random random = new Random(42);
    float[] values = new float[length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
