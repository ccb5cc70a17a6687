package dev.neardup.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.group.Group;
import dev.neardup.group.Grouper;
import dev.neardup.group.GroupingOptions;
import dev.neardup.image.NotVerifiableException;
import dev.neardup.image.Signatures;
import dev.neardup.pipeline.Analyzer;
import dev.neardup.verify.PixelDiffParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ImageIndex} implementation must have, run once per backend (as
 * Lucene's {@code BaseKnnVectorsFormatTestCase} runs once per vectors format): {@code
 * LuceneImageIndexTest} here, {@code SolrImageIndexIT} in the {@code solr-it} module against a
 * 2-node SolrCloud. Nothing here names an implementation or touches Lucene's index classes.
 */
public abstract class ImageIndexContract {
  protected static final int DIM = 2048;
  protected static final IndexSettings MODEL_A = new IndexSettings("model-a", DIM, "crop224", 160);
  protected static final IndexSettings MODEL_B = new IndexSettings("model-b", DIM, "crop224", 160);
  protected static final IndexSettings NO_MODEL =
      new IndexSettings(IndexSettings.NO_MODEL, 0, "none", 160);

  protected static final Path DATA = TestData.shared();

  /**
   * A fresh, empty index of the backend (same store every call within one test).
   *
   * @param storePixels whether documents keep their verification images ({@link
   *     IndexOptions#storePixels})
   */
  protected abstract ImageIndex open(IndexSettings settings, boolean rebuild, boolean storePixels)
      throws IOException;

  /** {@link #open(IndexSettings, boolean, boolean)} storing pixels, as the synthetic tests need. */
  protected ImageIndex open(IndexSettings settings, boolean rebuild) throws IOException {
    return open(settings, rebuild, true);
  }

  protected static Analyzer analyzer() {
    return new Analyzer(new ImageDecoder(100_000_000L), null, 160);
  }

  /** Seeded, structured unit vectors: 20 clusters, members near their centre. */
  protected static List<float[]> vectors(int n, long seed) {
    Random r = new Random(seed);
    List<float[]> centres = new ArrayList<>();
    for (int c = 0; c < 20; c++) {
      centres.add(gaussian(r, 1));
    }
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] c = centres.get(i % 20);
      float[] v = gaussian(r, 0.3);
      for (int j = 0; j < DIM; j++) {
        v[j] += c[j];
      }
      out.add(unit(v));
    }
    return out;
  }

  private static float[] gaussian(Random r, double sd) {
    float[] v = new float[DIM];
    for (int j = 0; j < DIM; j++) {
      v[j] = (float) (r.nextGaussian() * sd);
    }
    return v;
  }

  private static float[] unit(float[] v) {
    double s = 0;
    for (float f : v) {
      s += f * f;
    }
    float n = (float) Math.sqrt(s);
    for (int j = 0; j < v.length; j++) {
      v[j] /= n;
    }
    return v;
  }

  protected static ImageRecord synthetic(int i, float[] vector, String sha) {
    byte[] px = new byte[16 * 16];
    px[i % px.length] = (byte) 200;
    dev.neardup.image.GrayImage thumb = new dev.neardup.image.GrayImage(16, 16, px);
    return new ImageRecord(
        "/img/i" + String.format(java.util.Locale.ROOT, "%03d", i) + ".png",
        sha,
        1000 + i,
        5000 + i,
        "PNG",
        64,
        64,
        i % 2 == 0 ? "c1" : null,
        i % 2 == 0 ? 1_000_000L + i : Long.MIN_VALUE,
        vector,
        0xABCDL + i,
        thumb,
        Signatures.of(thumb));
  }

  @Test
  void an_image_keeps_who_sent_it_and_when_it_arrived_and_sources_are_counted() throws IOException {
    List<float[]> v = vectors(4, 7);
    Origin alice = new Origin("alice", List.of("street", "night"), 1_700_000_000_123L);
    Origin aliceUntagged = new Origin("alice", List.of(), Long.MIN_VALUE);
    Origin bob = new Origin("bob-2", List.of("x"), 42L);
    try (ImageIndex index = open(MODEL_A, true)) {
      index.put(synthetic(0, v.get(0), "sha0"), alice);
      index.put(synthetic(1, v.get(1), "sha1"), Origin.UNKNOWN);
      index.put(synthetic(2, v.get(2), "sha2"), aliceUntagged);
      index.put(synthetic(3, v.get(3), "sha3"), bob);
      index.putFailure("/img/broken.png", 7, 8, "not an image");
      index.commit();
      try (IndexSnapshot s = index.snapshot()) {
        java.util.Map<String, Origin> byPath = new java.util.TreeMap<>();
        for (IndexedImage i : s.images(p -> true)) {
          byPath.put(i.record().path(), s.origin(i.docId()));
        }
        assertEquals(
            java.util.Map.of(
                "/img/i000.png", alice,
                "/img/i001.png", Origin.UNKNOWN,
                "/img/i002.png", aliceUntagged,
                "/img/i003.png", bob),
            byPath);
        assertEquals(2, s.countFromSource("alice"));
        assertEquals(1, s.countFromSource("bob-2"));
        assertEquals(0, s.countFromSource("carol"));
      }
      // Replacing an image replaces its origin too.
      index.put(synthetic(0, v.get(0), "sha0"), bob);
      index.commit();
      try (IndexSnapshot s = index.snapshot()) {
        assertEquals(1, s.countFromSource("alice"));
        assertEquals(2, s.countFromSource("bob-2"));
      }
    }
  }

  @Test
  void
      without_stored_pixels_the_check_reads_each_file_as_indexed_and_refuses_a_changed_or_gone_one()
          throws Exception {
    Path folder = Files.createTempDirectory("pixels");
    // A photo stored at full resolution (640x480) and one large enough to be stored as a
    // thumbnail from a reduced JPEG decode (868x600 at 160 px).
    Path photo = Files.copy(DATA.resolve("ukbench/ukbench00000.jpg"), folder.resolve("a.jpg"));
    Path large = Files.copy(DATA.resolve("stills/building.jpg"), folder.resolve("b.jpg"));
    Analyzer analyzer = analyzer();
    ImageRecord a = analyzer.analyze(photo);
    ImageRecord b = analyzer.analyze(large);
    assertTrue(b.thumbnail().width() < 868, "decoded at a reduced size: " + b.thumbnail());
    try (ImageIndex index = open(NO_MODEL, true, false)) {
      index.put(a);
      index.put(b);
      index.commit();
      try (IndexSnapshot s = index.snapshot()) {
        int da = s.withSha256(a.sha256()).get(0);
        int db = s.withSha256(b.sha256()).get(0);
        assertNull(s.thumbnail(da));
        assertNull(s.thumbnail(db));
        assertEquals(a.signatures().signature().width(), s.signature(da).width());
        assertEquals(a.thumbnail(), s.verificationImage(da));
        assertEquals(b.thumbnail(), s.verificationImage(db));

        Files.copy(large, photo, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        NotVerifiable changed = new NotVerifiable(() -> s.verificationImage(da));
        assertTrue(changed.reason.contains("changed since it was indexed"), changed.reason);
        assertTrue(changed.path.endsWith("a.jpg"), changed.path);

        Files.delete(large);
        NotVerifiable gone = new NotVerifiable(() -> s.verificationImage(db));
        assertTrue(gone.reason.contains("gone"), gone.reason);
      }
    }
    try (ImageIndex index = open(NO_MODEL, true, true)) {
      index.put(b);
      index.commit();
      try (IndexSnapshot s = index.snapshot()) {
        // Self-contained: the stored image answers although the file is gone.
        int db = s.withSha256(b.sha256()).get(0);
        assertEquals(b.thumbnail(), s.thumbnail(db));
        assertEquals(b.thumbnail(), s.verificationImage(db));
      }
    }
  }

  /** The path and reason of the {@link NotVerifiableException} that {@code call} throws. */
  private static final class NotVerifiable {
    final String path;
    final String reason;

    NotVerifiable(org.junit.jupiter.api.function.Executable call) {
      NotVerifiableException e = assertThrows(NotVerifiableException.class, call);
      this.path = e.path();
      this.reason = e.reason();
    }
  }

  @Test
  void put_get_delete_and_exact_hash_lookup_round_trip() throws IOException {
    List<float[]> v = vectors(6, 1);
    try (ImageIndex index = open(MODEL_A, true)) {
      for (int i = 0; i < 6; i++) {
        index.put(synthetic(i, v.get(i), i < 2 ? "same" : "sha" + i));
      }
      index.putFailure("/img/broken.png", 7, 8, "not an image");
      index.commit();
      assertEquals(7, index.documentCount());
      try (IndexSnapshot s = index.snapshot()) {
        assertEquals(6, s.images(p -> true).size());
        assertEquals(
            List.of("/img/broken.png"), s.failures(p -> true).stream().map(f -> f.path()).toList());
        List<Integer> same = s.withSha256("same");
        assertEquals(2, same.size());
        int doc = s.withId(ImageIds.of("/img/i003.png")).get(0);
        ImageRecord r = s.record(doc);
        assertEquals("sha3", r.sha256());
        assertEquals(1003, r.fileSize());
        assertNull(r.camera());
        assertEquals(synthetic(3, null, "x").thumbnail(), s.thumbnail(doc));
        assertTrue(java.util.Arrays.equals(v.get(3), s.vector(doc)));
        assertEquals(s.phashVariants(doc).length > 0, true);
        assertTrue(s.hasVectors());
        ImageRecord frame = s.record(s.withId(ImageIds.of("/img/i002.png")).get(0));
        assertEquals("c1", frame.camera());
        assertEquals(1_000_002L, frame.timestampMillis());
      }
      assertTrue(index.fileStates(p -> true).get("/img/broken.png").failed());
      index.commitThrough(index.delete("/img/i003.png"));
      index.refresh();
      try (IndexSnapshot s = index.snapshot()) {
        assertTrue(s.withId(ImageIds.of("/img/i003.png")).isEmpty());
        assertEquals(5, s.images(p -> true).size());
      }
    }
  }

  @Test
  void a_vector_of_the_wrong_dimension_is_refused_naming_the_file() throws IOException {
    try (ImageIndex index = open(MODEL_A, true)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> index.put(synthetic(1, new float[8], "s")));
      assertTrue(e.getMessage().contains("/img/i001.png"), e.getMessage());
    }
  }

  @Test
  void another_model_is_refused_with_both_names_and_rebuild_switches() throws IOException {
    try (ImageIndex index = open(MODEL_A, true)) {
      index.put(synthetic(1, vectors(1, 2).get(0), "s"));
      index.commit();
    }
    IndexMismatchException e =
        assertThrows(IndexMismatchException.class, () -> open(MODEL_B, false).close());
    assertTrue(e.getMessage().contains("model-a") && e.getMessage().contains("model-b"));
    try (ImageIndex index = open(MODEL_B, true)) {
      assertEquals(0, index.documentCount());
    }
    try (ImageIndex index = open(MODEL_B, false)) {
      assertEquals(MODEL_B, index.settings());
    }
  }

  @Test
  void knn_matches_brute_force_and_respects_the_allowed_set() throws IOException {
    int n = 200;
    List<float[]> v = vectors(n, 3);
    try (ImageIndex index = open(MODEL_A, true)) {
      for (int i = 0; i < n; i++) {
        index.put(synthetic(i, v.get(i), "sha" + i));
      }
      index.commit();
      try (IndexSnapshot s = index.snapshot()) {
        int[] docOf = new int[n];
        for (IndexedImage img : s.images(p -> true)) {
          docOf[Integer.parseInt(img.record().path().replaceAll("\\D", ""))] = img.docId();
        }
        float[] q = v.get(7);
        List<Neighbor> hits = s.nearest(q, 10);
        assertEquals(10, hits.size());
        assertEquals(docOf[7], hits.get(0).docId());
        assertEquals(1f, hits.get(0).cosine(), 1e-4);
        for (int i = 1; i < hits.size(); i++) {
          assertTrue(hits.get(i - 1).cosine() >= hits.get(i).cosine());
        }
        // Brute force over the same cluster (members 7, 27, 47, ...): all of them come first.
        Set<Integer> cluster = new TreeSet<>();
        for (int i = 7; i < n; i += 20) {
          cluster.add(docOf[i]);
        }
        Set<Integer> got = new TreeSet<>();
        hits.forEach(h -> got.add(h.docId()));
        assertEquals(cluster, got);

        DocFilter allowed = new DocFilter(s.maxDoc());
        for (int i = 1; i < n; i += 2) {
          allowed.add(docOf[i]);
        }
        List<Neighbor> among = s.nearestAmong(q, 5, allowed);
        assertEquals(5, among.size());
        for (Neighbor h : among) {
          assertTrue(allowed.contains(h.docId()), "hit outside the allowed set: " + h);
        }
        assertTrue(cluster.contains(among.get(0).docId()));
      }
    }
  }

  /** A claim on {@code sha256} for {@code path}, at one fixed time, with the default lease. */
  static ContentClaim claim(String sha256, String path) {
    return new ContentClaim(
        sha256, path, 1_000_000_000L, dev.neardup.config.Defaults.CLAIM_LEASE.asDuration());
  }

  @Test
  void content_is_claimed_once_until_released() throws IOException {
    try (ImageIndex index = open(NO_MODEL, true)) {
      assertTrue(index.claimContent(claim("c0ffee", "/up/1.jpg")));
      assertFalse(index.claimContent(claim("c0ffee", "/up/2.jpg")), "the claim stands");
      assertTrue(index.claimContent(claim("facade", "/up/3.jpg")), "other bytes are free");
      index.releaseContent("c0ffee");
      assertTrue(index.claimContent(claim("c0ffee", "/up/2.jpg")), "released, claimable again");
    }
  }

  @Test
  void decisions_are_durable_and_survive_a_rebuild() throws IOException {
    try (ImageIndex index = open(NO_MODEL, true)) {
      index.markNotDuplicate(List.of("/a", "/b"));
      index.markNotDuplicate(List.of("/b", "/a")); // the same set: one decision
      index.pinKeeper("/c", List.of("/d"));
      index.pinKeeper("/d", List.of("/c"));
      assertTrue(index.decisions().isNotDuplicate("/a", "/b"));
      assertEquals(1, index.decisions().notDuplicateSets().size());
      assertEquals(Set.of("/d"), index.decisions().pinnedKeepers());
      index.unmarkNotDuplicate(List.of("/a", "/b"));
      assertFalse(index.decisions().isNotDuplicate("/a", "/b"));
      index.markNotDuplicate(List.of("/a", "/b"));
    }
    try (ImageIndex index = open(NO_MODEL, true);
        IndexSnapshot s = index.snapshot()) {
      assertTrue(s.decisions().isNotDuplicate("/b", "/a"));
      assertTrue(s.decisions().isPinnedKeeper("/d"));
    }
  }

  @Test
  void exact_and_near_duplicates_of_real_images_group_as_expected(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    // Real photos, an exact copy of one (same bytes at another path), and a run of real CCTV
    // frames whose neighbours differ by a walking person only.
    Path stills = DATA.resolve("stills");
    Files.copy(stills.resolve("fruits.jpg"), tmp.resolve("fruits-copy.jpg"));
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(stills)) {
      s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(8).forEach(files::add);
    }
    files.add(tmp.resolve("fruits-copy.jpg"));
    for (int i = 100; i < 106; i++) {
      files.add(DATA.resolve(String.format(java.util.Locale.ROOT, "cctv/pets2001/in%06d.jpg", i)));
    }
    Analyzer analyzer = analyzer();
    try (ImageIndex index = open(NO_MODEL, true)) {
      for (Path f : files) {
        index.put(analyzer.analyze(f.toAbsolutePath().normalize()));
      }
      index.commit();
      List<Set<String>> groups = groups(index);
      assertTrue(
          groups.contains(
              Set.of(
                  stills.resolve("fruits.jpg").toAbsolutePath().normalize().toString(),
                  tmp.resolve("fruits-copy.jpg").toString())),
          groups.toString());
      long framesGrouped =
          groups.stream().flatMap(Set::stream).filter(p -> p.contains("pets2001")).count();
      assertTrue(framesGrouped >= 2, "consecutive CCTV frames are near-duplicates: " + groups);
      List<Set<String>> names = new ArrayList<>();
      for (Set<String> g : groups) {
        Set<String> n = new TreeSet<>();
        g.forEach(p -> n.add(Path.of(p).getFileName().toString()));
        names.add(n);
      }
      // By file name, not by path: the paths depend on where the checkout and ../shared live.
      names.sort(java.util.Comparator.comparing(n -> n.iterator().next()));
      assertEquals(REAL_GROUPS, names.toString());
    }
  }

  /** What the embedded index groups in that test: every backend must find the same groups. */
  static final String REAL_GROUPS =
      "[[fruits-copy.jpg, fruits.jpg], [in000100.jpg, in000101.jpg, in000102.jpg, in000103.jpg,"
          + " in000104.jpg, in000105.jpg]]";

  /** Groups of two or more, each as its sorted paths, sorted by first path. */
  protected static List<Set<String>> groups(ImageIndex index) throws IOException {
    try (IndexSnapshot s = index.snapshot()) {
      List<Set<String>> out = new ArrayList<>();
      for (Group g :
          Grouper.create(GroupingOptions.defaults(), PixelDiffParams.defaults())
              .group(s, s.images(p -> true), null)
              .groups()) {
        Set<String> paths = new TreeSet<>();
        paths.add(g.kept().path());
        g.members().forEach(m -> paths.add(m.image().path()));
        out.add(paths);
      }
      out.sort(java.util.Comparator.comparing(p -> p.iterator().next()));
      return out;
    }
  }
}
