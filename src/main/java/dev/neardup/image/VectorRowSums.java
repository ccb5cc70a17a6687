package dev.neardup.image;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** {@link RowSums} with the Vector API; loaded only when the module is present. */
final class VectorRowSums {
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

  /** As many byte lanes as {@link #I} has int lanes, so that one zero-extension fills a vector. */
  private static final VectorSpecies<Byte> B =
      ByteVector.SPECIES_MAX.withShape(VectorShape.forBitSize(I.length() * Byte.SIZE));

  private static final int L = I.length();

  private VectorRowSums() {}

  static void add(byte[] pixels, int off, int n, int[] into) {
    int x = 0;
    for (; x + L <= n; x += L) {
      IntVector v =
          (IntVector)
              ByteVector.fromArray(B, pixels, off + x)
                  .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
      IntVector.fromArray(I, into, x).add(v).intoArray(into, x);
    }
    RowSums.scalarAdd(pixels, off, x, n, into);
  }
}
