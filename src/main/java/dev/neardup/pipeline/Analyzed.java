package dev.neardup.pipeline;

import dev.neardup.decode.DecodedImage;
import dev.neardup.image.GrayImage;
import dev.neardup.image.Signatures;

/**
 * A decoded image with the cheap descriptors already computed on a decode thread; the embedding is
 * added later on the model thread, which then releases the pixels.
 *
 * @param signatures the values search and pruning read, from {@code thumbnail}
 * @param modelInput the model's input made on the decode thread (see {@link
 *     dev.neardup.embed.Embedder#prepare}), or null when the embedding stage is off
 */
record Analyzed(
    DecodedImage image,
    GrayImage thumbnail,
    Signatures signatures,
    long phash,
    long mtimeMillis,
    float[] modelInput)
    implements AutoCloseable {

  /** Releases the decoded pixels. */
  @Override
  public void close() {
    image.close();
  }
}
