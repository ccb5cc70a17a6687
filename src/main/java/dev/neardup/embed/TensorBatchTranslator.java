package dev.neardup.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * DJL glue for inputs already preprocessed (see {@link Embedder#prepare}): a whole batch of CHW
 * float arrays in, one raw embedding per image out.
 *
 * <p>Why not one image per request with DJL's stacking batchifier: that copies each image into its
 * own native array and then stacks them into a new one. Here the batch is written once into one
 * direct buffer, which PyTorch reads without another copy on the Java side. The array lives in the
 * request's manager ({@code ctx.getNDManager()}), freed after each call: created in a long-lived
 * manager instead, every array the forward pass produces attaches there and RSS grows ~138 MB per
 * call (PLATFORM.md).
 */
final class TensorBatchTranslator implements Translator<float[][], float[][]> {
  private final int size;

  /**
   * @param size side of the square input
   */
  TensorBatchTranslator(int size) {
    this.size = size;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, float[][] inputs) {
    int length = 3 * size * size;
    ByteBuffer bytes =
        ByteBuffer.allocateDirect(inputs.length * length * Float.BYTES)
            .order(ByteOrder.nativeOrder());
    FloatBuffer floats = bytes.asFloatBuffer();
    for (float[] input : inputs) {
      floats.put(input);
    }
    return new NDList(
        ctx.getNDManager()
            .create(bytes, new Shape(inputs.length, 3, size, size), DataType.FLOAT32));
  }

  @Override
  public float[][] processOutput(TranslatorContext ctx, NDList list) {
    NDArray out = list.singletonOrThrow();
    int n = Math.toIntExact(out.getShape().get(0));
    float[] flat = out.toFloatArray();
    int dim = flat.length / n;
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = java.util.Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
    }
    return rows;
  }

  /** The input is already a batch. */
  @Override
  public Batchifier getBatchifier() {
    return null;
  }
}
