package dev.neardup.pipeline;

import dev.neardup.config.CacheBudget;
import dev.neardup.config.Defaults;
import dev.neardup.embed.Preprocess;
import dev.neardup.group.GroupingOptions;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexOptions;
import dev.neardup.verify.PixelDiffParams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to assemble an {@link Engine}: where things are and every tunable setting.
 * Start from {@link #defaults()} and change what differs with {@link #toBuilder()}.
 *
 * @param index where the index is (a folder or a Solr collection)
 * @param model TorchScript model file, or empty for none (the embedding stage off); when the file
 *     is missing and not {@code modelRequired}, the embedding stage is off too
 * @param modelRequired the user named the model: a missing file is an error, not a fallback (needs
 *     a {@code model})
 * @param allowRandomWeights the user asked for random weights by name
 * @param rebuild drop the index's documents first
 * @param indexOptions HNSW settings (the engine opens the index with {@code cacheBytes}' budget in
 *     place of theirs)
 * @param grouping candidate and grouping settings
 * @param pixelDiff the pixel-diff check's settings
 * @param maxPixels decompression-bomb limit
 * @param thumbnailMaxSide longer side of stored verification thumbnails
 * @param batchSize images per model call
 * @param decodeThreads threads decoding ahead of the model
 * @param inputSize side of the square model input (224 as trained; smaller is faster, see {@link
 *     dev.neardup.embed.EmbedderOptions#inputSize()})
 * @param cacheBytes the budget of the caches of prepared images and fetched documents, split by
 *     {@link CacheBudget}; it bounds memory and never changes an answer
 * @param claimLease how long a claim on an upload's bytes stands in an index shared by several
 *     machines; an older claim is taken over (see {@link dev.neardup.index.ContentClaim})
 */
public record EngineConfig(
    IndexLocation index,
    Optional<Path> model,
    boolean modelRequired,
    boolean allowRandomWeights,
    boolean rebuild,
    IndexOptions indexOptions,
    GroupingOptions grouping,
    PixelDiffParams pixelDiff,
    long maxPixels,
    int thumbnailMaxSide,
    int batchSize,
    int decodeThreads,
    int inputSize,
    long cacheBytes,
    Duration claimLease) {

  /**
   * Validates every setting.
   *
   * @throws IllegalArgumentException naming the first bad setting and its value
   * @throws NullPointerException naming a missing one
   */
  public EngineConfig {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(indexOptions, "indexOptions");
    Objects.requireNonNull(grouping, "grouping");
    Objects.requireNonNull(pixelDiff, "pixelDiff");
    Objects.requireNonNull(claimLease, "claimLease");
    if (claimLease.isNegative() || claimLease.isZero()) {
      throw new IllegalArgumentException("claim_lease must be > 0; got " + claimLease);
    }
    if (modelRequired && model.isEmpty()) {
      throw new IllegalArgumentException("modelRequired needs a model file; got none");
    }
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("max_pixels must be > 0; got " + maxPixels);
    }
    if (thumbnailMaxSide < 16 || thumbnailMaxSide > 4096) {
      throw new IllegalArgumentException(
          "thumbnail_size must be in [16, 4096]; got " + thumbnailMaxSide);
    }
    if (batchSize < 1 || batchSize > 256) {
      throw new IllegalArgumentException("batch_size must be in [1, 256]; got " + batchSize);
    }
    if (inputSize < Preprocess.MIN_SIZE || inputSize > Preprocess.MAX_SIZE) {
      throw new IllegalArgumentException(
          "input_size must be in ["
              + Preprocess.MIN_SIZE
              + ", "
              + Preprocess.MAX_SIZE
              + "]; got "
              + inputSize);
    }
    if (decodeThreads < 1 || decodeThreads > 64) {
      throw new IllegalArgumentException("decode_threads must be in [1, 64]; got " + decodeThreads);
    }
    if (cacheBytes <= 0) {
      throw new IllegalArgumentException("cache_bytes must be > 0; got " + cacheBytes);
    }
  }

  /**
   * The table's settings ({@link Defaults}): index {@code index}, model {@code models/resnet50.pt}
   * (not required: missing means no embedding stage), no rebuild, and the defaults of every stage.
   */
  public static EngineConfig defaults() {
    IndexOptions lucene = IndexOptions.defaults();
    return new EngineConfig(
        new IndexLocation.Embedded(Defaults.INDEX.asPath()),
        Optional.of(Defaults.MODEL.asPath()),
        false,
        false,
        false,
        new IndexOptions(
            Defaults.HNSW_M.asInt(),
            Defaults.HNSW_BEAM.asInt(),
            Defaults.QUANTIZED.asBoolean(),
            lucene.ramBufferMb(),
            lucene.cache(),
            Defaults.STORE_PIXELS.asBoolean()),
        GroupingOptions.defaults(),
        PixelDiffParams.defaults(),
        Defaults.MAX_PIXELS.asLong(),
        Defaults.THUMBNAIL_SIZE.asInt(),
        Defaults.BATCH_SIZE.asInt(),
        Defaults.DECODE_THREADS.asInt(),
        Defaults.INPUT_SIZE.asInt(),
        CacheBudget.ofMib(Defaults.CACHE_MB.asInt()).bytes(),
        Defaults.CLAIM_LEASE.asDuration());
  }

  /** How {@link #cacheBytes()} is split among the caches. */
  public CacheBudget cacheBudget() {
    return new CacheBudget(cacheBytes);
  }

  /** A builder holding this configuration: {@code config.toBuilder().batchSize(4).build()}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** This configuration with its index in {@code dir}, rebuilt from scratch (benchmarks, eval). */
  public EngineConfig withFreshIndex(Path dir) {
    return toBuilder().indexDir(dir).rebuild(true).build();
  }

  /** This configuration with the embedding stage off (no model file, none required). */
  public EngineConfig withoutModel() {
    return toBuilder().noModel().build();
  }

  /**
   * Changes some settings of an {@link EngineConfig}; {@link #build()} validates them as the
   * record's constructor does.
   */
  public static final class Builder {
    private IndexLocation index;
    private Optional<Path> model;
    private boolean modelRequired;
    private boolean allowRandomWeights;
    private boolean rebuild;
    private IndexOptions indexOptions;
    private GroupingOptions grouping;
    private PixelDiffParams pixelDiff;
    private long maxPixels;
    private int thumbnailMaxSide;
    private int batchSize;
    private int decodeThreads;
    private int inputSize;
    private long cacheBytes;
    private Duration claimLease;

    private Builder(EngineConfig c) {
      index = c.index;
      model = c.model;
      modelRequired = c.modelRequired;
      allowRandomWeights = c.allowRandomWeights;
      rebuild = c.rebuild;
      indexOptions = c.indexOptions;
      grouping = c.grouping;
      pixelDiff = c.pixelDiff;
      maxPixels = c.maxPixels;
      thumbnailMaxSide = c.thumbnailMaxSide;
      batchSize = c.batchSize;
      decodeThreads = c.decodeThreads;
      inputSize = c.inputSize;
      cacheBytes = c.cacheBytes;
      claimLease = c.claimLease;
    }

    /** See {@link EngineConfig#index()}. */
    public Builder index(IndexLocation v) {
      index = v;
      return this;
    }

    /** An embedded index in folder {@code dir}. */
    public Builder indexDir(Path dir) {
      return index(new IndexLocation.Embedded(dir));
    }

    /** The model file (see {@link EngineConfig#model()}). */
    public Builder model(Path file) {
      model = Optional.of(file);
      return this;
    }

    /**
     * No model: the embedding stage is off, and no model is required nor random weights allowed.
     */
    public Builder noModel() {
      model = Optional.empty();
      modelRequired = false;
      allowRandomWeights = false;
      return this;
    }

    /** See {@link EngineConfig#modelRequired()}. */
    public Builder modelRequired(boolean v) {
      modelRequired = v;
      return this;
    }

    /** See {@link EngineConfig#allowRandomWeights()}. */
    public Builder allowRandomWeights(boolean v) {
      allowRandomWeights = v;
      return this;
    }

    /** See {@link EngineConfig#rebuild()}. */
    public Builder rebuild(boolean v) {
      rebuild = v;
      return this;
    }

    /** See {@link EngineConfig#indexOptions()}. */
    public Builder indexOptions(IndexOptions v) {
      indexOptions = v;
      return this;
    }

    /** See {@link EngineConfig#grouping()}. */
    public Builder grouping(GroupingOptions v) {
      grouping = v;
      return this;
    }

    /** See {@link EngineConfig#pixelDiff()}. */
    public Builder pixelDiff(PixelDiffParams v) {
      pixelDiff = v;
      return this;
    }

    /** See {@link EngineConfig#maxPixels()}. */
    public Builder maxPixels(long v) {
      maxPixels = v;
      return this;
    }

    /** See {@link EngineConfig#thumbnailMaxSide()}. */
    public Builder thumbnailMaxSide(int v) {
      thumbnailMaxSide = v;
      return this;
    }

    /** See {@link EngineConfig#batchSize()}. */
    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    /** See {@link EngineConfig#decodeThreads()}. */
    public Builder decodeThreads(int v) {
      decodeThreads = v;
      return this;
    }

    /** See {@link EngineConfig#inputSize()}. */
    public Builder inputSize(int v) {
      inputSize = v;
      return this;
    }

    /** See {@link EngineConfig#cacheBytes()}. */
    public Builder cacheBytes(long v) {
      cacheBytes = v;
      return this;
    }

    /** See {@link EngineConfig#claimLease()}. */
    public Builder claimLease(Duration v) {
      claimLease = v;
      return this;
    }

    /** The configuration, validated. */
    public EngineConfig build() {
      return new EngineConfig(
          index,
          model,
          modelRequired,
          allowRandomWeights,
          rebuild,
          indexOptions,
          grouping,
          pixelDiff,
          maxPixels,
          thumbnailMaxSide,
          batchSize,
          decodeThreads,
          inputSize,
          cacheBytes,
          claimLease);
    }
  }
}
