package dev.neardup.index;

import java.nio.ByteBuffer;

/**
 * How both backends store arrays of numbers in a binary field: big-endian, nothing else. The pHash
 * variants and the gray histogram (and Solr's raw vector copy) are written with it; one encoding,
 * so that an export, a merge or a move between backends reads what the other wrote.
 */
public final class Codec {
  private Codec() {}

  /** {@code values} as {@code 8 × n} bytes. */
  public static byte[] longs(long[] values) {
    ByteBuffer buf = ByteBuffer.allocate(8 * values.length);
    for (long v : values) {
      buf.putLong(v);
    }
    return buf.array();
  }

  /** {@code values} as {@code 4 × n} bytes. */
  public static byte[] floats(float[] values) {
    ByteBuffer buf = ByteBuffer.allocate(4 * values.length);
    for (float v : values) {
      buf.putFloat(v);
    }
    return buf.array();
  }

  /** The longs in {@code length} bytes of {@code b} from {@code offset}. */
  public static long[] longs(byte[] b, int offset, int length) {
    ByteBuffer buf = ByteBuffer.wrap(b, offset, length);
    long[] out = new long[length / 8];
    for (int i = 0; i < out.length; i++) {
      out[i] = buf.getLong();
    }
    return out;
  }

  /** The floats in {@code length} bytes of {@code b} from {@code offset}. */
  public static float[] floats(byte[] b, int offset, int length) {
    ByteBuffer buf = ByteBuffer.wrap(b, offset, length);
    float[] out = new float[length / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = buf.getFloat();
    }
    return out;
  }
}
