package dev.neardup.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import dev.neardup.embed.ModelUnavailableException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/** Behaviour of the real embedder on the random-weight ResNet50; never its semantic quality. */
class TorchScriptEmbedderTest {
  static final Path MODEL = Path.of(System.getProperty("neardup.testModel"));
  static final Path PETS = TestData.shared("cctv/pets2001");

  private static TorchScriptEmbedder embedder;
  private static Mat a;
  private static Mat b;
  private static Mat c;

  @BeforeAll
  static void open() {
    OpenCv.load();
    embedder =
        TorchScriptEmbedder.open(MODEL, EmbedderOptions.defaults().withAllowRandomWeights(true));
    a = read("in000000.jpg");
    b = read("in000100.jpg");
    c = read("in000300.jpg");
  }

  @AfterAll
  static void close() {
    if (embedder != null) {
      embedder.close();
    }
  }

  static Mat read(String name) {
    Mat image = Imgcodecs.imread(PETS.resolve(name).toString(), Imgcodecs.IMREAD_COLOR);
    if (image.empty()) {
      throw new IllegalStateException("cannot read test image " + PETS.resolve(name));
    }
    return image;
  }

  static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    return Math.sqrt(sum);
  }

  @Test
  void each_row_has_2048_values_and_unit_length() {
    float[][] rows = embedder.embed(List.of(a, b, c));

    assertEquals(3, rows.length);
    assertEquals(2048, embedder.dim());
    for (float[] row : rows) {
      assertEquals(2048, row.length);
      assertEquals(1.0, norm(row), 1e-4);
    }
  }

  @Test
  void the_same_image_embedded_twice_gives_the_same_vector() {
    float[][] together = embedder.embed(List.of(a, a));
    float[] again = embedder.embed(List.of(a))[0];

    assertArrayEquals(together[0], together[1], 1e-5f);
    assertArrayEquals(together[0], again, 1e-5f);
  }

  @Test
  void a_batch_of_three_equals_three_single_image_batches_and_then_a_closed_embedder_refuses()
      throws Exception {
    float[][] batched = embedder.embed(List.of(a, b, c));
    float[][] single;
    TorchScriptEmbedder oneByOne =
        TorchScriptEmbedder.open(
            MODEL, EmbedderOptions.defaults().withBatchSize(1).withAllowRandomWeights(true));
    try {
      single = oneByOne.embed(List.of(a, b, c));
    } finally {
      oneByOne.close();
    }

    for (int i = 0; i < 3; i++) {
      assertArrayEquals(batched[i], single[i], 1e-4f, "image " + i);
    }
    assertThrows(IllegalStateException.class, () -> oneByOne.embed(List.of(a)));
  }

  @Test
  void two_threads_embedding_at_once_get_what_one_thread_gets() throws Exception {
    float[] expectedA = embedder.embed(List.of(a))[0];
    float[] expectedB = embedder.embed(List.of(b))[0];
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<float[][]> fa = pool.submit(() -> embedder.embed(List.of(a)));
      Future<float[][]> fb = pool.submit(() -> embedder.embed(List.of(b)));

      assertArrayEquals(expectedA, fa.get()[0], 1e-5f);
      assertArrayEquals(expectedB, fb.get()[0], 1e-5f);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void model_id_names_the_file_its_real_sha256_prefix_and_random_weights() throws Exception {
    String sha =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(MODEL)));

    String id = embedder.model().id();

    assertEquals(MODEL.getFileName() + " sha256:" + sha.substring(0, 12) + " (random)", id);
    assertEquals(Preprocess.DESCRIPTION, embedder.model().preprocessing());
  }

  @Test
  void random_weights_are_refused_when_not_asked_for() {
    var e =
        assertThrows(
            ModelUnavailableException.class,
            () -> TorchScriptEmbedder.open(MODEL, EmbedderOptions.defaults()));

    assertEquals(Reason.RANDOM_WEIGHTS_REFUSED, e.reason());
  }

  @Test
  void an_empty_list_gives_no_rows() {
    assertEquals(0, embedder.embed(List.of()).length);
  }

  @Test
  void a_grayscale_image_is_refused_naming_its_index() {
    Mat gray = new Mat(240, 320, CvType.CV_8UC1);

    var e = assertThrows(IllegalArgumentException.class, () -> embedder.embed(List.of(a, gray)));

    assertTrue(e.getMessage().startsWith("image 1: "), e.getMessage());
  }
}
