package dev.neardup.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.decode.OpenCv;
import dev.neardup.embed.ModelUnavailableException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * The embedder's checks and plumbing, run on hand-made TorchScript modules whose output is known
 * exactly (see {@link TinyTorchScript}).
 */
class TinyModelEmbedderTest {
  private static final EmbedderOptions OPTIONS = EmbedderOptions.defaults().withBatchSize(2);

  @TempDir Path dir;

  @BeforeAll
  static void loadOpenCv() {
    OpenCv.load();
  }

  private static Mat solid(int blue, int green, int red) {
    return new Mat(48, 64, CvType.CV_8UC3, new Scalar(blue, green, red));
  }

  @Test
  void a_model_whose_output_is_not_two_dimensional_is_refused_naming_the_shape() throws Exception {
    Path identity = TinyTorchScript.write(dir.resolve("identity.pt"), "return x", null);

    var e =
        assertThrows(
            ModelUnavailableException.class, () -> TorchScriptEmbedder.open(identity, OPTIONS));

    assertEquals(Reason.BAD_OUTPUT, e.reason());
    assertTrue(e.getMessage().contains("to shape (1, 3, 224, 224)"), e.getMessage());
    assertTrue(e.getMessage().contains(identity.toString()), e.getMessage());
  }

  @Test
  void channel_means_come_out_in_rgb_order_normalised_for_every_image_of_every_batch()
      throws Exception {
    Path mean = TinyTorchScript.write(dir.resolve("mean.pt"), "return torch.mean(x, [2, 3])", null);
    // Three images with batch size 2: one full batch and one partial.
    List<Mat> images = List.of(solid(0, 0, 255), solid(255, 0, 0), solid(0, 0, 255));

    float[][] rows;
    try (TorchScriptEmbedder embedder = TorchScriptEmbedder.open(mean, OPTIONS)) {
      assertEquals(3, embedder.dim());
      assertEquals("unknown", embedder.model().weights());
      rows = embedder.embed(images);
    }

    float[] red = unit((1 - 0.485) / 0.229, -0.456 / 0.224, -0.406 / 0.225);
    float[] blue = unit(-0.485 / 0.229, -0.456 / 0.224, (1 - 0.406) / 0.225);
    assertArrayEquals(red, rows[0], 1e-5f);
    assertArrayEquals(blue, rows[1], 1e-5f);
    assertArrayEquals(red, rows[2], 1e-5f);
  }

  @Test
  void a_nan_in_the_output_names_the_image_that_caused_it() throws Exception {
    // sqrt of the channel means: finite for white (normalised values > 0), NaN for black (< 0).
    Path sqrt =
        TinyTorchScript.write(
            dir.resolve("sqrt.pt"), "return torch.sqrt(torch.mean(x, [2, 3]))", null);

    try (TorchScriptEmbedder embedder = TorchScriptEmbedder.open(sqrt, OPTIONS)) {
      var e =
          assertThrows(
              EmbeddingException.class,
              () -> embedder.embed(List.of(solid(255, 255, 255), solid(0, 0, 0))));

      assertEquals(1, e.imageIndex());
      assertTrue(e.getMessage().contains("image 1"), e.getMessage());
    }
  }

  @Test
  void a_model_file_that_is_not_torchscript_is_refused_before_pytorch_sees_it() throws Exception {
    Path text = Files.writeString(dir.resolve("model.pt"), "hello");

    var e =
        assertThrows(
            ModelUnavailableException.class, () -> TorchScriptEmbedder.open(text, OPTIONS));

    assertEquals(Reason.CORRUPT, e.reason());
    assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
  }

  @Test
  void a_tiny_model_with_random_metadata_is_refused_without_the_flag() throws Exception {
    Path random =
        TinyTorchScript.write(
            dir.resolve("r.pt"),
            "return torch.mean(x, [2, 3])",
            TinyTorchScript.metadata("random", "random:seed=1"));

    var e =
        assertThrows(
            ModelUnavailableException.class, () -> TorchScriptEmbedder.open(random, OPTIONS));

    assertEquals(Reason.RANDOM_WEIGHTS_REFUSED, e.reason());
  }

  private static float[] unit(double r, double g, double b) {
    double n = Math.sqrt(r * r + g * g + b * b);
    return new float[] {(float) (r / n), (float) (g / n), (float) (b / n)};
  }
}
