package dev.neardup.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/** Preprocessing on another thread ({@link Embedder#prepare}) changes nothing in the result. */
class PreparedEmbeddingTest {
  @Test
  void prepared_inputs_embed_exactly_like_images_across_batches() {
    OpenCv.load();
    List<Mat> images = new ArrayList<>();
    for (String f : List.of("in000000.jpg", "in000100.jpg", "in000300.jpg")) {
      images.add(
          Imgcodecs.imread(
              TestData.shared("cctv/pets2001/" + f).toString(), Imgcodecs.IMREAD_COLOR));
    }
    try (TorchScriptEmbedder e =
        TorchScriptEmbedder.open(
            TestData.testModel(),
            EmbedderOptions.defaults().withAllowRandomWeights(true).withBatchSize(2))) {
      float[][] direct = e.embed(images);
      float[][] prepared = e.embedPrepared(images.stream().map(e::prepare).toList());
      assertEquals(3, prepared.length);
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(direct[i], prepared[i], 1e-5f, "image " + i);
      }
      List<float[]> inputs = images.stream().map(e::prepare).toList();
      e.embedPrepared(inputs);
      int live = e.liveArrays();
      for (int i = 0; i < 3; i++) {
        e.embedPrepared(inputs);
      }
      assertEquals(live, e.liveArrays(), "arrays leaked by the prepared path");
      IllegalArgumentException bad =
          assertThrows(
              IllegalArgumentException.class,
              () -> e.embedPrepared(List.of(e.prepare(images.get(0)), new float[10])));
      assertEquals("input 1 must hold 150528 floats (3 x 224 x 224); got 10", bad.getMessage());
    } finally {
      images.forEach(Mat::release);
    }
  }
}
