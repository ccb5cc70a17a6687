package dev.neardup.embed;

/**
 * How a {@link TorchScriptEmbedder} runs.
 *
 * @param batchSize images per forward pass; 8 was the fastest on the 2-core machines (about 13%
 *     more images/s than 1; 32 is slower, its activations no longer fit the cache)
 * @param intraOpThreads PyTorch's intra-op threads. This is a process-wide PyTorch setting: the
 *     last embedder opened decides it for all
 * @param allowRandomWeights true only when the user asked for the random-weight test model by name
 * @param inputSize side of the square model input, 224 as trained; smaller is faster (ResNet50
 *     pools adaptively: 160 costs about half the FLOPs) at a quality cost that {@code neardup
 *     calibrate} measures. Recorded in the model's preprocessing, so an index refuses a mix.
 * @param precision the precision the model file must hold ({@code --precision}), or null to take
 *     whatever the file records
 */
public record EmbedderOptions(
    int batchSize,
    int intraOpThreads,
    boolean allowRandomWeights,
    int inputSize,
    Precision precision) {
  /** Batch size when none is given. */
  public static final int DEFAULT_BATCH_SIZE = 8;

  /** Intra-op threads when none are given: the machines this was measured on have 2 cores. */
  public static final int DEFAULT_INTRA_OP_THREADS = 2;

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public EmbedderOptions {
    if (inputSize < Preprocess.MIN_SIZE || inputSize > Preprocess.MAX_SIZE) {
      throw new IllegalArgumentException(
          "input size must be in ["
              + Preprocess.MIN_SIZE
              + ", "
              + Preprocess.MAX_SIZE
              + "]; got "
              + inputSize);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1; got " + batchSize);
    }
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be >= 1; got " + intraOpThreads);
    }
  }

  /** Options at the standard 224×224 input. */
  public EmbedderOptions(int batchSize, int intraOpThreads, boolean allowRandomWeights) {
    this(batchSize, intraOpThreads, allowRandomWeights, Preprocess.CROP);
  }

  /** Options that take the precision the model file records. */
  public EmbedderOptions(
      int batchSize, int intraOpThreads, boolean allowRandomWeights, int inputSize) {
    this(batchSize, intraOpThreads, allowRandomWeights, inputSize, null);
  }

  /** A copy that requires {@code value} (null: whatever the model file records). */
  public EmbedderOptions withPrecision(Precision value) {
    return new EmbedderOptions(batchSize, intraOpThreads, allowRandomWeights, inputSize, value);
  }

  /** Batch 8, 2 threads, random weights refused, 224×224 input. */
  public static EmbedderOptions defaults() {
    return new EmbedderOptions(DEFAULT_BATCH_SIZE, DEFAULT_INTRA_OP_THREADS, false);
  }

  /** A copy with another input size. */
  public EmbedderOptions withInputSize(int value) {
    return new EmbedderOptions(batchSize, intraOpThreads, allowRandomWeights, value, precision);
  }

  /** A copy with another batch size. */
  public EmbedderOptions withBatchSize(int value) {
    return new EmbedderOptions(value, intraOpThreads, allowRandomWeights, inputSize, precision);
  }

  /** A copy with another number of intra-op threads. */
  public EmbedderOptions withIntraOpThreads(int value) {
    return new EmbedderOptions(batchSize, value, allowRandomWeights, inputSize, precision);
  }

  /** A copy that does or does not accept random weights. */
  public EmbedderOptions withAllowRandomWeights(boolean value) {
    return new EmbedderOptions(batchSize, intraOpThreads, value, inputSize, precision);
  }
}
