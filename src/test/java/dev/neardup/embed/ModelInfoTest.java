package dev.neardup.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelInfoTest {
  private static final String SHA = "1a2b3c4d5e6f" + "0".repeat(52);

  private static ModelInfo info(String sha, String weights, int dim) {
    return new ModelInfo("resnet50.pt", sha, "resnet50", weights, "tag", dim, "pre");
  }

  @Test
  void id_is_file_name_then_twelve_hash_digits_then_weights() {
    assertEquals(
        "resnet50.pt sha256:1a2b3c4d5e6f (pretrained)", info(SHA, "pretrained", 2048).id());
  }

  @Test
  void a_hash_that_is_not_64_lowercase_hex_digits_is_refused_naming_it() {
    var e = assertThrows(IllegalArgumentException.class, () -> info("ABC", "pretrained", 2048));

    assertTrue(e.getMessage().contains("\"ABC\""), e.getMessage());
  }

  @Test
  void weights_other_than_pretrained_random_or_unknown_are_refused_naming_them() {
    var e = assertThrows(IllegalArgumentException.class, () -> info(SHA, "finetuned", 2048));

    assertTrue(e.getMessage().contains("finetuned"), e.getMessage());
  }

  @Test
  void a_dimension_below_one_is_refused_naming_it() {
    var e = assertThrows(IllegalArgumentException.class, () -> info(SHA, "random", 0));

    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }
}
