package dev.neardup.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.embed.ModelUnavailableException.Reason;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What RawForward accepts and returns; how fast it is belongs to the benchmark, not here. */
class RawForwardTest {
  @TempDir Path dir;

  @Test
  void it_returns_a_positive_finite_rate_for_the_test_model() {
    double rate = RawForward.imagesPerSecond(TorchScriptEmbedderTest.MODEL, 1, 1);

    assertTrue(rate > 0 && Double.isFinite(rate), "rate " + rate);
  }

  @Test
  void a_batch_size_below_one_is_refused_naming_it() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RawForward.imagesPerSecond(TorchScriptEmbedderTest.MODEL, 0, 1));

    assertTrue(e.getMessage().contains("batchSize must be >= 1; got 0"), e.getMessage());
  }

  @Test
  void iterations_below_one_are_refused_naming_them() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RawForward.imagesPerSecond(TorchScriptEmbedderTest.MODEL, 1, -2));

    assertTrue(e.getMessage().contains("got -2"), e.getMessage());
  }

  @Test
  void a_missing_model_file_is_reported_as_missing() {
    var e =
        assertThrows(
            ModelUnavailableException.class,
            () -> RawForward.imagesPerSecond(dir.resolve("none.pt"), 1, 1));

    assertEquals(Reason.MISSING, e.reason());
  }
}
