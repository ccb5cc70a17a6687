package dev.neardup.image;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.opencv.core.Mat;

/**
 * The pHash variants and gray histogram of a verification image's {@link ContentBox}, stored in the
 * index next to those of the whole image so that the candidate stage can propose a letter- or
 * pillar-boxed copy and its original to the aligned level.
 *
 * <p>Only an image with real borders has them ({@link #trimmed}): bars that take at least {@link
 * #MIN_TRIM} of its width or height, around content of at least {@link #MIN_CONTENT} of each side
 * and 8 pixels. For every other image — no bars, a thin rim, a flat image — the whole-image values
 * already say everything and {@link #NONE} is stored (one byte).
 *
 * @param box the content box, null for {@link #NONE}
 * @param variants {@link PerceptualHash#variants} of the box, null for {@link #NONE}
 * @param histogram {@link GrayHistogram#of} the box, null for {@link #NONE}
 */
public record ContentHashes(ContentBox box, long[] variants, float[] histogram) {
  /** Share of the width or height the bars must take (a 4:3 photo in 16:9 loses 25 %). */
  public static final double MIN_TRIM = 0.03;

  /** Share of each side the content must keep (a 9:16 portrait in a 16:9 frame keeps 32 %). */
  public static final double MIN_CONTENT = 0.1;

  /** No borders worth hashing apart. */
  public static final ContentHashes NONE = new ContentHashes(null, null, null);

  private static final int ENCODED =
      1 + 4 * 4 + 8 * PerceptualHash.VARIANTS + 4 * GrayHistogram.BINS;

  public ContentHashes {
    if ((box == null) != (variants == null) || (box == null) != (histogram == null)) {
      throw new IllegalArgumentException("box, variants and histogram are all set or all null");
    }
    if (variants != null
        && (variants.length != PerceptualHash.VARIANTS || histogram.length != GrayHistogram.BINS)) {
      throw new IllegalArgumentException(
          "need "
              + PerceptualHash.VARIANTS
              + " variants and "
              + GrayHistogram.BINS
              + " bins; got "
              + variants.length
              + " and "
              + histogram.length);
    }
  }

  /** The content-box hashes of a gray verification image ({@link #NONE} when it has no borders). */
  public static ContentHashes of(GrayImage image) {
    Objects.requireNonNull(image, "image");
    int w = image.width();
    int h = image.height();
    ContentBox b = ContentBox.find(image.pixels(), w, h);
    if (b == null
        || !b.trims(w, h, MIN_TRIM)
        || b.width() < Math.max(8, MIN_CONTENT * w)
        || b.height() < Math.max(8, MIN_CONTENT * h)) {
      return NONE;
    }
    byte[] px = new byte[b.width() * b.height()];
    for (int r = 0; r < b.height(); r++) {
      System.arraycopy(image.pixels(), (b.y() + r) * w + b.x(), px, r * b.width(), b.width());
    }
    GrayImage content = new GrayImage(b.width(), b.height(), px);
    Mat m = content.toMat();
    try {
      return new ContentHashes(b, PerceptualHash.variants(m), GrayHistogram.of(content));
    } finally {
      m.release();
    }
  }

  /** True when the image has borders and these are the hashes of what they enclose. */
  public boolean trimmed() {
    return box != null;
  }

  /**
   * The stored form: one byte 0 for {@link #NONE}; else 1, the box (4 ints), the variants (longs)
   * and the histogram (floats), big-endian: 201 bytes.
   */
  public byte[] encode() {
    if (!trimmed()) {
      return new byte[] {0};
    }
    ByteBuffer b = ByteBuffer.allocate(ENCODED);
    b.put((byte) 1).putInt(box.x()).putInt(box.y()).putInt(box.width()).putInt(box.height());
    for (long v : variants) {
      b.putLong(v);
    }
    for (float f : histogram) {
      b.putFloat(f);
    }
    return b.array();
  }

  /**
   * Reads {@link #encode}'s form.
   *
   * @throws IllegalArgumentException when the bytes are not that form
   */
  public static ContentHashes decode(byte[] bytes, int offset, int length) {
    if (length == 1 && bytes[offset] == 0) {
      return NONE;
    }
    if (length != ENCODED || bytes[offset] != 1) {
      throw new IllegalArgumentException(
          "content-box hashes must be 1 or " + ENCODED + " bytes; got " + length);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, offset + 1, length - 1);
    ContentBox box = new ContentBox(b.getInt(), b.getInt(), b.getInt(), b.getInt());
    long[] v = new long[PerceptualHash.VARIANTS];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getLong();
    }
    float[] h = new float[GrayHistogram.BINS];
    for (int i = 0; i < h.length; i++) {
      h[i] = b.getFloat();
    }
    return new ContentHashes(box, v, h);
  }
}
