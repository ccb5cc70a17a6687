package dev.neardup.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import dev.neardup.embed.ModelUnavailableException.Reason;
import dev.neardup.image.GrayImage;
import dev.neardup.image.Signatures;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexMismatchException;
import dev.neardup.index.IndexOptions;
import dev.neardup.index.IndexSettings;
import dev.neardup.pipeline.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The int8 model made by {@code models/make-test-model.sh} (same seeded weights as the fp32 test
 * model): it loads through the same embedder, says it is int8, and never mixes with fp32 vectors.
 */
class PrecisionTest {
  static final Path FP32 = Path.of(System.getProperty("neardup.testModel"));
  static final Path INT8 =
      Path.of(
          System.getProperty(
              "neardup.testModelInt8", FP32.resolveSibling("resnet50-random-int8.pt").toString()));
  static final Path DATA = TestData.shared();

  private static TorchScriptEmbedder fp32;
  private static TorchScriptEmbedder int8;
  private static List<Mat> images;

  @TempDir Path dir;

  @BeforeAll
  static void open() {
    OpenCv.load();
    EmbedderOptions options = EmbedderOptions.defaults().withAllowRandomWeights(true);
    fp32 = TorchScriptEmbedder.open(FP32, options);
    int8 = TorchScriptEmbedder.open(INT8, options);
    images =
        List.of(
            read("cctv/pets2001/in000000.jpg"),
            read("ukbench/ukbench00118.jpg"),
            read("stills/baboon.jpg"));
  }

  @AfterAll
  static void close() {
    if (int8 != null) {
      int8.close();
    }
    if (fp32 != null) {
      fp32.close();
    }
  }

  static Mat read(String relative) {
    Mat image = Imgcodecs.imread(DATA.resolve(relative).toString(), Imgcodecs.IMREAD_COLOR);
    if (image.empty()) {
      throw new IllegalStateException("cannot read test image " + DATA.resolve(relative));
    }
    return image;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  @Test
  void the_int8_file_loads_through_the_same_embedder_and_says_it_is_int8() {
    assertEquals(Precision.INT8, int8.model().precision());
    assertEquals(Precision.FP32, fp32.model().precision());
    assertEquals(2048, int8.dim());
    assertTrue(int8.model().id().endsWith("(random, int8)"), int8.model().id());
    assertTrue(fp32.model().id().endsWith("(random)"), fp32.model().id());
    assertEquals(fp32.model().preprocessing(), int8.model().preprocessing());
  }

  @Test
  void int8_embeddings_are_unit_vectors_close_to_fp32_of_the_same_weights() {
    float[][] reduced = int8.embed(images);
    float[][] full = fp32.embed(images);
    for (int i = 0; i < images.size(); i++) {
      assertEquals(1.0, Math.sqrt(dot(reduced[i], reduced[i])), 1e-4, "norm of image " + i);
      // Measured 0.9996 or more on 32 held-out images; a broken quantisation lands far lower.
      double cosine = dot(reduced[i], full[i]);
      assertTrue(cosine > 0.99, "image " + i + ": cosine to fp32 " + cosine);
    }
  }

  @Test
  void asking_for_a_precision_the_file_does_not_hold_is_refused_naming_both() {
    var e =
        assertThrows(
            ModelUnavailableException.class,
            () ->
                TorchScriptEmbedder.open(
                    FP32,
                    EmbedderOptions.defaults()
                        .withAllowRandomWeights(true)
                        .withPrecision(Precision.INT8)));
    assertEquals(Reason.WRONG_PRECISION, e.reason());
    assertTrue(e.getMessage().contains("--precision int8"), e.getMessage());
    assertTrue(e.getMessage().contains("recorded as fp32"), e.getMessage());
    assertTrue(e.getMessage().contains("--precision int8 --calibration"), e.getMessage());
    assertEquals(Precision.INT8, ModelFiles.checkPrecision(INT8, Precision.INT8));
    assertEquals(Precision.INT8, ModelFiles.checkPrecision(INT8, null));
  }

  @Test
  void an_index_made_with_fp32_records_it_and_refuses_int8_vectors_naming_both()
      throws IOException {
    IndexSettings full = Engine.settings(fp32, 160);
    IndexSettings reduced = Engine.settings(int8, 160);
    try (ImageIndex index =
        new IndexLocation.Embedded(dir).open(full, IndexOptions.defaults(), false)) {
      index.put(record("/a.jpg", fp32.embed(images.subList(0, 1))[0]));
      index.commit();
    }
    assertEquals(fp32.model().id(), new IndexLocation.Embedded(dir).readSettings().modelId());

    IndexMismatchException e =
        assertThrows(
            IndexMismatchException.class,
            () -> new IndexLocation.Embedded(dir).open(reduced, IndexOptions.defaults(), false));
    assertTrue(e.getMessage().contains(fp32.model().id()), e.getMessage());
    assertTrue(e.getMessage().contains(int8.model().id()), e.getMessage());
    assertTrue(e.getMessage().contains("int8"), e.getMessage());
    assertTrue(e.getMessage().contains("--rebuild"), e.getMessage());

    try (ImageIndex rebuilt =
        new IndexLocation.Embedded(dir).open(reduced, IndexOptions.defaults(), true)) {
      rebuilt.put(record("/a.jpg", int8.embed(images.subList(0, 1))[0]));
      rebuilt.commit();
    }
    assertTrue(new IndexLocation.Embedded(dir).readSettings().modelId().endsWith("(random, int8)"));
    assertThrows(
        IndexMismatchException.class,
        () -> new IndexLocation.Embedded(dir).open(full, IndexOptions.defaults(), false));
  }

  private static ImageRecord record(String path, float[] vector) {
    return new ImageRecord(
        path,
        "sha-" + path,
        100,
        5,
        "JPEG",
        32,
        24,
        null,
        Long.MIN_VALUE,
        vector,
        1,
        new GrayImage(4, 3, new byte[12]),
        Signatures.of(new GrayImage(4, 3, new byte[12])));
  }
}
