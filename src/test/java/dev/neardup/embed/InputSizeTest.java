package dev.neardup.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import dev.neardup.index.IndexMismatchException;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.EngineConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** The {@code --input-size} option: a smaller model input, recorded so that indexes never mix. */
class InputSizeTest {
  @TempDir Path dir;

  @Test
  void the_standard_size_keeps_the_description_that_existing_indexes_recorded() {
    assertEquals(Preprocess.DESCRIPTION, Preprocess.description(224));
    assertEquals(
        "resize-shorter-183 (INTER_AREA when shrinking, bilinear when enlarging), center-crop-160,"
            + " RGB, ImageNet mean/std",
        Preprocess.description(160));
    assertEquals(183, Preprocess.resizeFor(160));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Preprocess.description(32));
    assertEquals("input size must be in [64, 512]; got 32", e.getMessage());
  }

  @Test
  void a_160_input_is_a_centre_crop_of_the_183_resize_in_chw_order() {
    OpenCv.load();
    Mat grey = new Mat(300, 400, CvType.CV_8UC3, new Scalar(255, 0, 0)); // pure blue, BGR
    float[] chw = Preprocess.toChw(grey, 160);
    assertEquals(3 * 160 * 160, chw.length);
    float blue = (float) ((1.0 - 0.406) / 0.225);
    float red = (float) ((0.0 - 0.485) / 0.229);
    assertEquals(red, chw[0], 1e-5); // R plane first
    assertEquals(blue, chw[2 * 160 * 160 + 159], 1e-5); // B plane last
    assertArrayEquals(Preprocess.toChw(grey), Preprocess.toChw(grey, 224));
    grey.release();
  }

  @Test
  void the_embedder_at_160_gives_unit_vectors_and_names_its_size() {
    OpenCv.load();
    try (TorchScriptEmbedder e =
        TorchScriptEmbedder.open(
            TestData.testModel(),
            EmbedderOptions.defaults().withAllowRandomWeights(true).withInputSize(160))) {
      assertTrue(e.model().preprocessing().contains("center-crop-160"));
      Mat img = new Mat(240, 320, CvType.CV_8UC3, new Scalar(10, 120, 200));
      float[][] v = e.embed(List.of(img));
      assertEquals(2048, v[0].length);
      double norm = 0;
      for (float x : v[0]) {
        norm += x * x;
      }
      assertEquals(1.0, norm, 1e-4);
      img.release();
    }
  }

  @Test
  void an_index_made_at_224_refuses_embeddings_at_160() throws Exception {
    Path index = dir.resolve("index");
    try (Engine e = Engine.open(config(index, 224))) {
      e.index().commit();
    }
    IndexMismatchException ex =
        assertThrows(IndexMismatchException.class, () -> Engine.open(config(index, 160)).close());
    assertTrue(ex.getMessage().contains("center-crop-160"), ex.getMessage());
  }

  static EngineConfig config(Path index, int inputSize) {
    return EngineConfig.defaults().toBuilder()
        .indexDir(index)
        .model(TestData.testModel())
        .modelRequired(true)
        .allowRandomWeights(true)
        .maxPixels(1_000_000)
        .thumbnailMaxSide(160)
        .decodeThreads(1)
        .inputSize(inputSize)
        .build();
  }
}
