package dev.neardup.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.image.GrayImage;
import dev.neardup.image.Signatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageIndexTest {
  static final int DIM = 2048;
  static final IndexSettings MODEL_A =
      new IndexSettings("a.pt sha256:aaaa (random)", DIM, "p", 160);

  @TempDir Path dir;

  static ImageRecord record(String path, float[] vector, long phash) {
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
        phash,
        new GrayImage(4, 3, new byte[12]),
        Signatures.of(new GrayImage(4, 3, new byte[12])));
  }

  /** Seeded vectors around 20 centres, so HNSW has structure to find (random ones all tie). */
  static List<float[]> clusteredVectors(int n, long seed) {
    Random rnd = new Random(seed);
    float[][] centres = new float[20][DIM];
    for (float[] c : centres) {
      for (int i = 0; i < DIM; i++) {
        c[i] = (float) rnd.nextGaussian();
      }
    }
    List<float[]> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      float[] c = centres[k % centres.length];
      float[] v = new float[DIM];
      double norm = 0;
      for (int i = 0; i < DIM; i++) {
        v[i] = c[i] + (float) (0.6 * rnd.nextGaussian());
        norm += v[i] * v[i];
      }
      for (int i = 0; i < DIM; i++) {
        v[i] /= (float) Math.sqrt(norm);
      }
      out.add(v);
    }
    return out;
  }

  @Test
  void accepts_2048_dimensional_vectors_and_hnsw_agrees_with_an_exact_scan() throws IOException {
    List<float[]> vectors = clusteredVectors(600, 7);
    try (ImageIndex index =
        new IndexLocation.Embedded(dir).open(MODEL_A, IndexOptions.defaults(), false)) {
      for (int i = 0; i < vectors.size(); i++) {
        index.put(record("/img/" + i, vectors.get(i), i));
      }
      index.commit();
      try (IndexSnapshot s = index.snapshot()) {
        List<IndexedImage> images = s.images(p -> true);
        assertEquals(600, images.size());
        int overlap = 0;
        for (int q = 0; q < 20; q++) {
          float[] query = vectors.get(q * 29);
          Set<String> exact = new HashSet<>();
          images.stream()
              .sorted(
                  Comparator.comparingDouble(
                      (IndexedImage im) -> -dot(query, s.vector(im.docId()))))
              .limit(10)
              .forEach(im -> exact.add(im.record().path()));
          for (Neighbor n : s.nearest(query, 50).subList(0, 10)) {
            overlap += exact.contains(s.record(n.docId()).path()) ? 1 : 0;
          }
        }
        assertTrue(overlap >= 180, "recall@10 over 20 queries was " + overlap / 200.0);
      }
    }
  }

  @Test
  void cosine_of_a_vector_with_itself_is_one_and_results_are_sorted() throws IOException {
    List<float[]> vectors = clusteredVectors(50, 3);
    try (ImageIndex index =
        new IndexLocation.Embedded(dir).open(MODEL_A, IndexOptions.defaults(), false)) {
      for (int i = 0; i < vectors.size(); i++) {
        index.put(record("/img/" + i, vectors.get(i), i));
      }
      index.commit();
      try (IndexSnapshot s = index.snapshot()) {
        List<Neighbor> hits = s.nearest(vectors.get(4), 10);
        assertEquals("/img/4", s.record(hits.get(0).docId()).path());
        assertEquals(1.0, hits.get(0).cosine(), 1e-5);
        for (int i = 1; i < hits.size(); i++) {
          assertTrue(hits.get(i - 1).cosine() >= hits.get(i).cosine());
        }
      }
    }
  }

  @Test
  void restricted_search_returns_only_allowed_documents() throws IOException {
    List<float[]> vectors = clusteredVectors(100, 11);
    try (ImageIndex index =
        new IndexLocation.Embedded(dir).open(MODEL_A, IndexOptions.defaults(), false)) {
      for (int i = 0; i < vectors.size(); i++) {
        index.put(record("/img/" + i, vectors.get(i), i));
      }
      index.commit();
      try (IndexSnapshot s = index.snapshot()) {
        DocFilter allowed = new DocFilter(s.maxDoc());
        IntStream.of(3, 17, 42).forEach(allowed::add);
        List<Neighbor> hits = s.nearestAmong(vectors.get(5), 10, allowed);
        Set<Integer> docs = new HashSet<>();
        hits.forEach(h -> docs.add(h.docId()));
        assertEquals(Set.of(3, 17, 42), docs);
      }
    }
  }

  @Test
  void an_index_made_with_one_model_refuses_another_naming_both() throws IOException {
    try (ImageIndex index =
        new IndexLocation.Embedded(dir).open(MODEL_A, IndexOptions.defaults(), false)) {
      index.put(record("/x.jpg", clusteredVectors(1, 1).get(0), 1));
    }
    IndexSettings other = new IndexSettings("b.pt sha256:bbbb (pretrained)", DIM, "p", 160);
    IndexMismatchException e =
        assertThrows(
            IndexMismatchException.class,
            () -> new IndexLocation.Embedded(dir).open(other, IndexOptions.defaults(), false));
    assertTrue(e.getMessage().contains("a.pt sha256:aaaa"), e.getMessage());
    assertTrue(e.getMessage().contains("b.pt sha256:bbbb"), e.getMessage());
    assertTrue(e.getMessage().contains("--rebuild"), e.getMessage());
    try (ImageIndex rebuilt =
        new IndexLocation.Embedded(dir).open(other, IndexOptions.defaults(), true)) {
      assertEquals(0, rebuilt.documentCount());
    }
    assertEquals(other, new IndexLocation.Embedded(dir).readSettings());
  }

  @Test
  void documents_and_failures_survive_reopening_and_replace_by_path() throws IOException {
    IndexSettings noModel = new IndexSettings(IndexSettings.NO_MODEL, 0, "none", 160);
    try (ImageIndex index =
        new IndexLocation.Embedded(dir).open(noModel, IndexOptions.defaults(), false)) {
      index.put(record("/a.jpg", null, 0xF0F0L));
      index.put(record("/a.jpg", null, 0x0F0FL)); // same path: replaces
      index.putFailure("/bad.jpg", 10, 20, "truncated JPEG: no end-of-image marker");
    }
    try (ImageIndex index =
            new IndexLocation.Embedded(dir).open(noModel, IndexOptions.defaults(), false);
        IndexSnapshot s = index.snapshot()) {
      List<IndexedImage> images = s.images(p -> true);
      assertEquals(1, images.size());
      assertEquals(0x0F0FL, images.get(0).record().phash());
      assertNull(s.vector(images.get(0).docId()));
      // Signatures are stored, pixels are not (store-pixels is off by default).
      assertNotNull(s.signature(images.get(0).docId()));
      assertNull(s.thumbnail(images.get(0).docId()));
      assertEquals(
          List.of(new FailedFile("/bad.jpg", "truncated JPEG: no end-of-image marker")),
          s.failures(p -> true));
      assertEquals(new FileState(10, 20, true), index.fileStates(p -> true).get("/bad.jpg"));
    }
  }

  @Test
  void a_vector_of_the_wrong_dimension_is_refused() throws IOException {
    try (ImageIndex index =
        new IndexLocation.Embedded(dir).open(MODEL_A, IndexOptions.defaults(), false)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> index.put(record("/x", new float[3], 1)));
      assertTrue(e.getMessage().contains("2048"), e.getMessage());
    }
  }

  @Test
  void camera_frame_names_are_parsed_in_both_schemes() {
    assertEquals(
        new CameraFrame("10", 1623873231583L),
        CameraFrame.parse(Path.of("/x/c10-1623873231583.png")).orElseThrow());
    assertEquals(
        new CameraFrame("21", 1616777044000L),
        CameraFrame.parse(Path.of("c21_2021_03_26__16_44_04.png")).orElseThrow());
    assertTrue(CameraFrame.parse(Path.of("in000001.jpg")).isEmpty());
    assertTrue(CameraFrame.parse(Path.of("c1_2021_13_45__00_00_00.png")).isEmpty());
  }

  static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
