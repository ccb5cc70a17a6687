package dev.neardup.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmbeddingsTest {
  @Test
  void a_vector_is_scaled_to_unit_length_in_place() {
    float[] v = {3, 4};

    float[] out = Embeddings.normalizeInPlace(v, 0, 2);

    assertArrayEquals(new float[] {0.6f, 0.8f}, out, 1e-7f);
    assertEquals(v, out);
  }

  @Test
  void a_nan_is_refused_naming_the_image_and_the_position() {
    var e =
        assertThrows(
            EmbeddingException.class,
            () -> Embeddings.normalizeInPlace(new float[] {1, Float.NaN}, 7, 2));

    assertEquals(7, e.imageIndex());
    assertTrue(e.getMessage().contains("image 7") && e.getMessage().contains("NaN at 1"));
  }

  @Test
  void an_infinity_is_refused_naming_the_image() {
    var e =
        assertThrows(
            EmbeddingException.class,
            () -> Embeddings.normalizeInPlace(new float[] {Float.NEGATIVE_INFINITY, 1}, 3, 2));

    assertEquals(3, e.imageIndex());
  }

  @Test
  void an_all_zero_vector_is_refused_because_it_has_no_direction() {
    var e =
        assertThrows(
            EmbeddingException.class, () -> Embeddings.normalizeInPlace(new float[3], 2, 3));

    assertTrue(e.getMessage().contains("all zeros"), e.getMessage());
  }

  @Test
  void a_vector_of_the_wrong_length_is_refused_naming_both_lengths() {
    var e =
        assertThrows(
            EmbeddingException.class, () -> Embeddings.normalizeInPlace(new float[3], 0, 2048));

    assertTrue(e.getMessage().contains("3 values; expected 2048"), e.getMessage());
  }

  @Test
  void huge_but_finite_values_are_normalised_without_overflow() {
    float[] out = Embeddings.normalizeInPlace(new float[] {3e38f, 3e38f}, 0, 2);

    assertEquals(Math.sqrt(0.5), out[0], 1e-6);
  }
}
