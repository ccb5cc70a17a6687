package dev.neardup.embed;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.opencv.core.Mat;

/**
 * DJL glue: one BGR image in, one raw (not yet normalised) embedding out.
 *
 * <p>The input array is created in the request's own manager ({@code ctx.getNDManager()}), which
 * DJL closes after each {@code batchPredict}. Creating it in a long-lived manager instead makes
 * every array the forward pass produces attach there: RSS grew ~138 MB per call (see PLATFORM.md).
 */
final class EmbeddingTranslator implements Translator<Mat, float[]> {
  static final Shape INPUT_SHAPE = new Shape(3, Preprocess.CROP, Preprocess.CROP);

  private final int size;
  private final Shape shape;

  /** The standard 224×224 input. */
  EmbeddingTranslator() {
    this(Preprocess.CROP);
  }

  /** A {@code size}×{@code size} input (see {@link Preprocess#toChw(Mat, int)}). */
  EmbeddingTranslator(int size) {
    this.size = size;
    this.shape = new Shape(3, size, size);
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Mat image) {
    return new NDList(ctx.getNDManager().create(Preprocess.toChw(image, size), shape));
  }

  @Override
  public float[] processOutput(TranslatorContext ctx, NDList list) {
    return list.singletonOrThrow().toFloatArray();
  }

  /** Stacks the images into one {@code [N, 3, 224, 224]} input and splits the {@code [N, D]}. */
  @Override
  public Batchifier getBatchifier() {
    return Batchifier.STACK;
  }
}
