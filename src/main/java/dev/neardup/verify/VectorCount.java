package dev.neardup.verify;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link ChangedPixels} with the Vector API; loaded only when the module is present. */
final class VectorCount {
  private static final VectorSpecies<Byte> S = ByteVector.SPECIES_PREFERRED;

  private VectorCount() {}

  static long count(byte[] a, byte[] b, int off, int n, int threshold, long limit) {
    long c = 0;
    int i = off;
    int bound = off + S.loopBound(n);
    // Unsigned x > t is signed (x ^ 0x80) > (t ^ 0x80): only signed comparisons are used, which
    // every JDK's Vector API has (the unsigned ones were renamed between releases).
    byte t = (byte) (threshold ^ 0x80);
    // Unsigned bytes: flipping the sign bit maps unsigned order onto signed order, so max - min
    // (wrapping) is the absolute difference as an unsigned byte.
    int step = 0;
    for (; i < bound; i += S.length()) {
      ByteVector va = ByteVector.fromArray(S, a, i).lanewise(VectorOperators.XOR, (byte) 0x80);
      ByteVector vb = ByteVector.fromArray(S, b, i).lanewise(VectorOperators.XOR, (byte) 0x80);
      ByteVector d = va.max(vb).sub(va.min(vb)).lanewise(VectorOperators.XOR, (byte) 0x80);
      VectorMask<Byte> changed = d.compare(VectorOperators.GT, t);
      c += changed.trueCount();
      if (++step == 16) {
        step = 0;
        if (c > limit) {
          return c;
        }
      }
    }
    return ChangedPixels.scalar(a, b, i, off + n, threshold, limit, c);
  }

  /** Writes 255 where {@code |a - b| > threshold}, else 0, into {@code out}. */
  static void mask(byte[] a, byte[] b, int off, int n, int threshold, byte[] out) {
    int i = off;
    int bound = off + S.loopBound(n);
    byte t = (byte) (threshold ^ 0x80);
    ByteVector zero = ByteVector.zero(S);
    for (; i < bound; i += S.length()) {
      ByteVector va = ByteVector.fromArray(S, a, i).lanewise(VectorOperators.XOR, (byte) 0x80);
      ByteVector vb = ByteVector.fromArray(S, b, i).lanewise(VectorOperators.XOR, (byte) 0x80);
      ByteVector d = va.max(vb).sub(va.min(vb)).lanewise(VectorOperators.XOR, (byte) 0x80);
      zero.blend((byte) -1, d.compare(VectorOperators.GT, t)).intoArray(out, i);
    }
    ChangedPixels.scalarMask(a, b, i, off + n, threshold, out);
  }
}
