package dev.neardup.verify;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link MaskOps} with the Vector API; loaded only when the module is present. */
final class VectorMaskOps {
  private static final VectorSpecies<Byte> S = ByteVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  // Broadcast once: a scalar operand in the loops was seen hot in the profile (its range check).
  private static final ByteVector SIGN = ByteVector.broadcast(S, (byte) 0x80);
  private static final ByteVector ONES = ByteVector.broadcast(S, (byte) 1);
  private static final ByteVector ZERO = ByteVector.zero(S);

  private VectorMaskOps() {}

  static int threshold(
      byte[] a, int ai, byte[] b, int bi, int n, int threshold, byte[] dst, int di, int[] extent) {
    // Unsigned order as signed order after flipping the sign bit (see VectorCount).
    ByteVector t = ByteVector.broadcast(S, (byte) (threshold ^ 0x80));
    int c = 0;
    int i = 0;
    for (; i + L <= n; i += L) {
      ByteVector va = ByteVector.fromArray(S, a, ai + i).lanewise(VectorOperators.XOR, SIGN);
      ByteVector vb = ByteVector.fromArray(S, b, bi + i).lanewise(VectorOperators.XOR, SIGN);
      ByteVector d = va.max(vb).sub(va.min(vb)).lanewise(VectorOperators.XOR, SIGN);
      VectorMask<Byte> m = d.compare(VectorOperators.GT, t);
      ZERO.blend(ONES, m).intoArray(dst, di + i);
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
      orWindow(src, si + i, k, dst, di + i);
    }
    if (i < n) {
      if (n >= L) {
        // The last full vector again, overlapping the one before: each output is a function of
        // src alone, so the lanes written twice get the same value. A masked tail
        // (indexInRange) cost more than the rest of the row.
        orWindow(src, si + n - L, k, dst, di + n - L);
        return;
      }
      VectorMask<Byte> m = S.indexInRange(i, n);
      ByteVector v = ByteVector.fromArray(S, src, si + i - k, m);
      for (int j = -k + 1; j <= k; j++) {
        v = v.or(ByteVector.fromArray(S, src, si + i + j, m));
      }
      v.intoArray(dst, di + i, m);
    }
  }

  private static void orWindow(byte[] src, int at, int k, byte[] dst, int to) {
    ByteVector v = ByteVector.fromArray(S, src, at - k);
    for (int j = -k + 1; j <= k; j++) {
      v = v.or(ByteVector.fromArray(S, src, at + j));
    }
    v.intoArray(dst, to);
  }

  static void orInto(byte[] src, int si, int n, byte[] dst, int di) {
    int i = 0;
    for (; i + L <= n; i += L) {
      orOne(src, si + i, dst, di + i);
    }
    if (i < n) {
      if (n >= L) {
        // Overlapping last vector: OR is idempotent, so lanes done twice are unchanged.
        orOne(src, si + n - L, dst, di + n - L);
        return;
      }
      VectorMask<Byte> m = S.indexInRange(i, n);
      ByteVector.fromArray(S, dst, di + i, m)
          .or(ByteVector.fromArray(S, src, si + i, m))
          .intoArray(dst, di + i, m);
    }
  }

  private static void orOne(byte[] src, int si, byte[] dst, int di) {
    ByteVector.fromArray(S, dst, di).or(ByteVector.fromArray(S, src, si)).intoArray(dst, di);
  }

  static int skipEqual(byte[] img, int row, int from, int to, byte v) {
    int x = from;
    if (img[row + x] != v) {
      return x;
    }
    ByteVector same = ByteVector.broadcast(S, v);
    for (; x + L <= to + 1; x += L) {
      VectorMask<Byte> m = ByteVector.fromArray(S, img, row + x).compare(VectorOperators.NE, same);
      if (m.anyTrue()) {
        return x + m.firstTrue();
      }
    }
    return MaskOps.scalarSkipEqual(img, row, x, to, v);
  }
}
