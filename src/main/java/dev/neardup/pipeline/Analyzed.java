package dev.neardup.pipeline;

import dev.neardup.decode.DecodedImage;
import dev.neardup.verify.GrayImage;

/**
 * A decoded image with the cheap descriptors already computed on a decode thread; the embedding is
 * added later on the model thread, which then releases the pixels.
 */
record Analyzed(DecodedImage image, GrayImage thumbnail, long phash, long mtimeMillis)
    implements AutoCloseable {

  /** Releases the decoded pixels. */
  @Override
  public void close() {
    image.close();
  }
}
