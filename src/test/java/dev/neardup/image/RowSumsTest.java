package dev.neardup.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector loop of {@link RowSums} against the plain one, on every length around a vector's. */
class RowSumsTest {
  @Test
  void the_vector_loop_adds_what_the_plain_loop_adds() {
    assertTrue(RowSums.VECTOR, "the tests run with jdk.incubator.vector (pom.xml)");
    Random rnd = new Random(3);
    byte[] pixels = new byte[4096];
    rnd.nextBytes(pixels);
    pixels[0] = (byte) 255; // the largest value, which a signed widening would make -1
    for (int n = 0; n <= 200; n++) {
      for (int off : new int[] {0, 1, 7, 63, 1000}) {
        int[] vector = new int[n];
        int[] plain = new int[n];
        for (int i = 0; i < n; i++) {
          vector[i] = plain[i] = rnd.nextInt(1 << 20);
        }
        RowSums.add(pixels, off, n, vector);
        RowSums.scalarAdd(pixels, off, 0, n, plain);
        assertArrayEquals(plain, vector, "n " + n + ", offset " + off);
      }
    }
  }
}
