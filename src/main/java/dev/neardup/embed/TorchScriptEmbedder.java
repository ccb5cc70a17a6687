package dev.neardup.embed;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.opencv.core.Mat;

/**
 * {@link Embedder} backed by a TorchScript model loaded once through DJL's PyTorch engine: fp32,
 * int8 (quantised) and bf16 files all load and run the same way, since each takes a float32 {@code
 * [N, 3, S, S]} batch and returns float32 {@code [N, D]}.
 *
 * <p>One path: {@link #prepare} is {@link Preprocess#toChw(Mat, int)}, run by the caller (a decode
 * thread in the pipeline); {@link #embedPrepared} writes a batch of those once into one direct
 * buffer ({@link TensorBatchTranslator}) and runs the forward pass.
 *
 * <p>Thread-safe. DJL predictors are not, so each concurrent call borrows its own from a pool and
 * gives it back afterwards; the pool grows to the largest number of simultaneous callers and all
 * its predictors are closed by {@link #close()}. (A pool rather than a {@code ThreadLocal}: threads
 * of an executor that come and go leave nothing behind.) Each call is split into batches of {@link
 * EmbedderOptions#batchSize()} inputs.
 *
 * <p>Memory stays flat across calls: each batch is created in its request's own manager, which DJL
 * frees after every batch (an input in a long-lived manager makes every intermediate array attach
 * to it: RSS grew ~138 MB per call, see PLATFORM.md).
 */
public final class TorchScriptEmbedder implements Embedder {
  private final ZooModel<float[][], float[][]> model;
  private final ModelInfo info;
  private final int batchSize;
  private final int inputSize;
  private final Deque<Predictor<float[][], float[][]>> idle = new ArrayDeque<>();
  private final List<Predictor<?, ?>> all = new ArrayList<>();
  private boolean closed;

  private TorchScriptEmbedder(
      ZooModel<float[][], float[][]> model, ModelInfo info, int batchSize, int inputSize) {
    this.model = model;
    this.info = info;
    this.batchSize = batchSize;
    this.inputSize = inputSize;
  }

  /**
   * Inspects, loads and checks a TorchScript model.
   *
   * <p>One all-zero image is run through it at load time so that a model with the wrong output is
   * refused now, with its shape named, rather than on the first real batch.
   *
   * @param modelFile a TorchScript {@code .pt} file, e.g. made by {@code models/export_resnet50.py}
   *     at any {@code --precision}
   * @param options batch size, threads, whether random weights were asked for, and the precision
   *     the file must hold (null: whatever it records)
   * @throws ModelUnavailableException if the file is missing, not TorchScript, holds random weights
   *     that were not asked for, records another precision than {@link
   *     EmbedderOptions#precision()}, or does not map {@code [1, 3, S, S]} to {@code [1, D]}
   */
  public static TorchScriptEmbedder open(Path modelFile, EmbedderOptions options) {
    Objects.requireNonNull(modelFile, "modelFile");
    Objects.requireNonNull(options, "options");
    ModelFiles.checkPrecision(modelFile, options.precision());
    ModelFiles.ModelFile file = ModelFiles.inspect(modelFile, options.allowRandomWeights());
    ZooModel<float[][], float[][]> model =
        TorchScriptModels.load(
            modelFile,
            float[][].class,
            float[][].class,
            new TensorBatchTranslator(options.inputSize()),
            options.intraOpThreads());
    try {
      int dim = TorchScriptModels.outputDim(model, modelFile, options.inputSize());
      return new TorchScriptEmbedder(
          model,
          file.toInfo(dim, Preprocess.description(options.inputSize())),
          options.batchSize(),
          options.inputSize());
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * Resizes, crops and normalises on the caller's thread, e.g. a decode thread, so that it overlaps
   * the forward pass of another batch.
   *
   * @return {@code 3 * inputSize * inputSize} floats
   * @throws IllegalArgumentException if the image is empty or not {@code CV_8UC3}
   */
  @Override
  public float[] prepare(Mat bgr) {
    Objects.requireNonNull(bgr, "bgr");
    return Preprocess.toChw(bgr, inputSize);
  }

  @Override
  public int inputLength() {
    return 3 * inputSize * inputSize;
  }

  @Override
  public float[][] embedPrepared(List<float[]> inputs) {
    Objects.requireNonNull(inputs, "inputs");
    int length = inputLength();
    for (int i = 0; i < inputs.size(); i++) {
      float[] input = inputs.get(i);
      if (input == null || input.length != length) {
        throw new IllegalArgumentException(
            "input "
                + i
                + " must hold "
                + length
                + " floats (3 x "
                + inputSize
                + " x "
                + inputSize
                + "); got "
                + (input == null ? "null" : input.length));
      }
    }
    int n = inputs.size();
    float[][] out = new float[n][];
    if (n == 0) {
      return out;
    }
    Predictor<float[][], float[][]> predictor = borrow();
    try {
      for (int start = 0; start < n; start += batchSize) {
        int end = Math.min(n, start + batchSize);
        float[][] rows;
        try {
          rows = predictor.predict(inputs.subList(start, end).toArray(float[][]::new));
        } catch (TranslateException e) {
          throw forwardFailed(start, end, e);
        }
        for (int j = 0; j < rows.length; j++) {
          out[start + j] = Embeddings.normalizeInPlace(rows[j], start + j, info.dim());
        }
      }
    } finally {
      giveBack(predictor);
    }
    return out;
  }

  @Override
  public ModelInfo model() {
    return info;
  }

  /** Images per forward pass. */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Number of arrays alive in the model's manager and its sub-managers (predictors included): stays
   * constant across calls unless something leaks. For tests.
   */
  synchronized int liveArrays() {
    NDManager manager = model.getNDManager();
    return manager instanceof BaseNDManager base ? base.getManagedArrays().size() : -1;
  }

  /** Closes every predictor and the model. Call after the last call has returned. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    all.forEach(Predictor::close);
    all.clear();
    idle.clear();
    model.close();
  }

  private synchronized Predictor<float[][], float[][]> borrow() {
    if (closed) {
      throw new IllegalStateException("embedder for " + info.id() + " is closed");
    }
    Predictor<float[][], float[][]> predictor = idle.pollFirst();
    if (predictor == null) {
      predictor = model.newPredictor();
      all.add(predictor);
    }
    return predictor;
  }

  private synchronized void giveBack(Predictor<float[][], float[][]> predictor) {
    if (closed) {
      predictor.close();
    } else {
      idle.addFirst(predictor);
    }
  }

  private EmbeddingException forwardFailed(int start, int end, TranslateException e) {
    return new EmbeddingException(
        end - start == 1 ? start : -1,
        "forward pass failed for images "
            + start
            + ".."
            + (end - 1)
            + " with model "
            + info.id()
            + ": "
            + e.getMessage(),
        e);
  }
}
