package dev.neardup.http;

import dev.neardup.embed.Embedder;
import dev.neardup.embed.ModelInfo;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opencv.core.Mat;

/** Records the latency and batch size of every model call into the service's {@link Metrics}. */
final class TimedEmbedder implements Embedder {
  private final Embedder inner;
  private final Metrics metrics;

  TimedEmbedder(Embedder inner, Metrics metrics) {
    this.inner = inner;
    this.metrics = metrics;
  }

  @Override
  public float[] prepare(Mat bgr) {
    return inner.prepare(bgr);
  }

  @Override
  public int inputLength() {
    return inner.inputLength();
  }

  /** Times the model call only; preprocessing runs on the decode threads. */
  @Override
  public float[][] embedPrepared(List<float[]> inputs) {
    long start = System.nanoTime();
    try {
      return inner.embedPrepared(inputs);
    } catch (RuntimeException e) {
      metrics.failure("embedding");
      throw e;
    } finally {
      metrics.embeddingSeconds.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      metrics.batchSize.record(inputs.size());
    }
  }

  @Override
  public ModelInfo model() {
    return inner.model();
  }

  @Override
  public void close() {
    inner.close();
  }
}
