package dev.neardup.pipeline;

import dev.neardup.decode.ImageDecoder;
import dev.neardup.embed.Embedder;
import dev.neardup.embed.EmbedderOptions;
import dev.neardup.embed.ModelFiles;
import dev.neardup.embed.ModelInfo;
import dev.neardup.embed.TorchScriptEmbedder;
import dev.neardup.group.CandidateSource;
import dev.neardup.group.Grouper;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.IndexSettings;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The heavy objects of a process, loaded once: the model, the index (one writer, one NRT searcher),
 * the {@link Deduplicator} over them, and the {@link DedupSession} every shell goes through. Shells
 * (CLI, HTTP) open one and close it at exit.
 */
public final class Engine implements Closeable {
  private final EngineConfig config;
  private final Embedder embedder;
  private final ImageIndex index;
  private final Deduplicator deduplicator;
  private final DedupSession session;
  private final Analyzer analyzer;

  private Engine(EngineConfig config, Embedder embedder, ImageIndex index) {
    this.config = config;
    this.embedder = embedder;
    this.index = index;
    this.analyzer =
        new Analyzer(new ImageDecoder(config.maxPixels()), embedder, config.thumbnailMaxSide());
    Indexer indexer = new Indexer(index, analyzer, config.decodeThreads(), config.batchSize());
    this.deduplicator =
        new Deduplicator(
            index,
            analyzer,
            indexer,
            Grouper.create(
                config.grouping(),
                config.pixelDiff(),
                CandidateSource.EMBEDDING,
                config.cacheBudget()),
            config.pixelDiff());
    this.session = new DedupSession(deduplicator, index);
  }

  /**
   * Loads the model (when its file exists, or fails when it was required) and opens the index.
   *
   * @throws dev.neardup.embed.ModelUnavailableException when a required model is missing, or the
   *     model file is corrupt or holds random weights that were not asked for
   * @throws dev.neardup.index.IndexMismatchException when the index was made with another model
   */
  public static Engine open(EngineConfig config) throws IOException {
    return open(config, UnaryOperator.identity());
  }

  /**
   * Like {@link #open(EngineConfig)}, with the loaded model wrapped by {@code decorate} (e.g. to
   * time every model call for a service's metrics).
   */
  public static Engine open(EngineConfig config, UnaryOperator<Embedder> decorate)
      throws IOException {
    Embedder embedder = null;
    Path model = config.model().orElse(null);
    if (model != null && (config.modelRequired() || Files.exists(model))) {
      embedder =
          TorchScriptEmbedder.open(
              model,
              EmbedderOptions.defaults()
                  .withBatchSize(config.batchSize())
                  .withAllowRandomWeights(config.allowRandomWeights())
                  .withInputSize(config.inputSize()));
      embedder = decorate.apply(embedder);
    }
    try {
      IndexSettings settings = settings(embedder, config.thumbnailMaxSide());
      ImageIndex index =
          config
              .index()
              .open(
                  settings,
                  config.indexOptions().withCache(config.cacheBudget()),
                  config.rebuild());
      return new Engine(config, embedder, index);
    } catch (IOException | RuntimeException e) {
      if (embedder != null) {
        closeQuietly(embedder, e);
      }
      throw e;
    }
  }

  /** The index settings a run with {@code embedder} (or none) writes. */
  public static IndexSettings settings(Embedder embedder, int thumbnailMaxSide) {
    if (embedder == null) {
      return new IndexSettings(IndexSettings.NO_MODEL, 0, "none", thumbnailMaxSide);
    }
    ModelInfo m = embedder.model();
    return new IndexSettings(m.id(), m.dim(), m.preprocessing(), thumbnailMaxSide);
  }

  /** The settings this engine was opened with. */
  public EngineConfig config() {
    return config;
  }

  /** The model, or null when the embedding stage is off. */
  public ModelInfo model() {
    return embedder == null ? null : embedder.model();
  }

  /** Where the model would be exported to turn the embedding stage on. */
  public static String exportCommand() {
    return ModelFiles.EXPORT_COMMAND;
  }

  public ImageIndex index() {
    return index;
  }

  public Analyzer analyzer() {
    return analyzer;
  }

  public Deduplicator deduplicator() {
    return deduplicator;
  }

  /** The dedup decisions and the one grouping cache every shell of this engine shares. */
  public DedupSession session() {
    return session;
  }

  @Override
  public void close() throws IOException {
    try {
      index.close();
    } finally {
      if (embedder != null) {
        try {
          embedder.close();
        } catch (Exception e) {
          throw new IOException("could not close the model", e);
        }
      }
    }
  }

  private static void closeQuietly(Embedder embedder, Exception primary) {
    try {
      embedder.close();
    } catch (Exception e) {
      primary.addSuppressed(e);
    }
  }
}
