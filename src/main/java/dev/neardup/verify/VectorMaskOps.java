package dev.neardup.verify;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link MaskOps} with the Vector API; loaded only when the module is present. */
final class VectorMaskOps {
  private static final VectorSpecies<Byte> S = ByteVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorMaskOps() {}

  static int threshold(
      byte[] a, int ai, byte[] b, int bi, int n, int threshold, byte[] dst, int di, int[] extent) {
    // Unsigned order as signed order after flipping the sign bit (see VectorCount).
    byte t = (byte) (threshold ^ 0x80);
    ByteVector zero = ByteVector.zero(S);
    int c = 0;
    int i = 0;
    for (; i + L <= n; i += L) {
      ByteVector va = ByteVector.fromArray(S, a, ai + i).lanewise(VectorOperators.XOR, (byte) 0x80);
      ByteVector vb = ByteVector.fromArray(S, b, bi + i).lanewise(VectorOperators.XOR, (byte) 0x80);
      ByteVector d = va.max(vb).sub(va.min(vb)).lanewise(VectorOperators.XOR, (byte) 0x80);
      VectorMask<Byte> m = d.compare(VectorOperators.GT, t);
      zero.blend((byte) 1, m).intoArray(dst, di + i);
      if (m.anyTrue()) {
        if (c == 0) {
          extent[0] = i + m.firstTrue();
        }
        extent[1] = i + m.lastTrue();
        c += m.trueCount();
      }
    }
    return MaskOps.scalarThreshold(a, ai, b, bi, i, n, threshold, dst, di, extent, c);
  }

  static void orAlongRow(byte[] src, int si, int n, int k, byte[] dst, int di) {
    int i = 0;
    for (; i + L <= n; i += L) {
      ByteVector v = ByteVector.fromArray(S, src, si + i - k);
      for (int j = -k + 1; j <= k; j++) {
        v = v.or(ByteVector.fromArray(S, src, si + i + j));
      }
      v.intoArray(dst, di + i);
    }
    if (i < n) {
      // One masked vector for the tail: a scalar tail cost more than the rest of the row.
      VectorMask<Byte> m = S.indexInRange(i, n);
      ByteVector v = ByteVector.fromArray(S, src, si + i - k, m);
      for (int j = -k + 1; j <= k; j++) {
        v = v.or(ByteVector.fromArray(S, src, si + i + j, m));
      }
      v.intoArray(dst, di + i, m);
    }
  }

  static void orInto(byte[] src, int si, int n, byte[] dst, int di) {
    int i = 0;
    for (; i + L <= n; i += L) {
      ByteVector.fromArray(S, dst, di + i)
          .or(ByteVector.fromArray(S, src, si + i))
          .intoArray(dst, di + i);
    }
    if (i < n) {
      VectorMask<Byte> m = S.indexInRange(i, n);
      ByteVector.fromArray(S, dst, di + i, m)
          .or(ByteVector.fromArray(S, src, si + i, m))
          .intoArray(dst, di + i, m);
    }
  }

  static int skipEqual(byte[] img, int row, int from, int to, byte v) {
    int x = from;
    if (img[row + x] != v) {
      return x;
    }
    for (; x + L <= to + 1; x += L) {
      VectorMask<Byte> m = ByteVector.fromArray(S, img, row + x).compare(VectorOperators.NE, v);
      if (m.anyTrue()) {
        return x + m.firstTrue();
      }
    }
    return MaskOps.scalarSkipEqual(img, row, x, to, v);
  }
}
