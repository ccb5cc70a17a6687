package dev.neardup.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.Grayscale;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.image.GrayImage;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.Progress;
import dev.neardup.review.ReviewFixture;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.VerifyMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;

/**
 * Leader clustering over the index gives exactly the answer of the exhaustive method (every frame
 * against every kept frame, {@link ExhaustiveReference}) on whole real camera sequences, at strict
 * and loose fractions: the ordering, the signature pruning, the fast pixel check and the k-NN
 * shortcuts change nothing.
 *
 * <p>The frames of {@code cctv/pets2001} (600, 320×240) and {@code cctv/vtest} (100, 768×576) are
 * copied under camera names ({@code c10-<millis>.jpg}, one second apart, in time order) so that
 * they are visited as camera frames. Both are small enough to be stored at full resolution, which
 * the first test checks byte for byte: the stored check is then the full-resolution check of {@code
 * neardup compare}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaderClusteringExactnessTest {
  static final double[] FRACTIONS = {0.002, 0.005, 0.01, 0.02, 0.05, 0.10};
  static final long T0 = 1_623_873_231_583L;

  Sequence pets;
  Sequence vtest;
  Sequence twoCameras;
  Sequence plain;

  /** A camera sequence indexed without a model, with its exhaustive reference. */
  static final class Sequence implements AutoCloseable {
    final Engine engine;
    final IndexSnapshot snapshot;
    final List<IndexedImage> images;
    final List<GrayImage> gray = new ArrayList<>();
    final ExhaustiveReference reference;
    final Path folder;
    SearchStats lastStats;

    Sequence(Path folder, Path indexDir) throws IOException {
      this(folder, indexDir, null, GroupingOptions.defaults());
    }

    /** Indexes {@code folder}; scores its pairs anew, or takes them from {@code scored}. */
    Sequence(Path folder, Path indexDir, ExhaustiveReference scored, GroupingOptions grouping)
        throws IOException {
      this.folder = folder;
      engine =
          Engine.open(
              ReviewFixture.config(indexDir, indexDir.resolve("absent.pt")).toBuilder()
                  .grouping(grouping)
                  .build());
      engine.deduplicator().index(List.of(folder), List.of(), Progress.NONE);
      snapshot = engine.index().snapshot();
      images = snapshot.images(p -> true);
      List<ImageRecord> records = new ArrayList<>();
      for (IndexedImage i : images) {
        records.add(i.record());
        gray.add(snapshot.verificationImage(i.docId()));
      }
      reference =
          scored == null
              ? new ExhaustiveReference(records, gray, PixelDiffParams.defaults())
              : scored.renamed(records);
    }

    /** The kept paths of neardup's grouping. */
    List<String> kept(GroupingOptions options, double fraction) {
      Grouping g =
          Grouper.create(options, PixelDiffParams.defaults().withFraction(fraction))
              .group(snapshot, images, null);
      Set<String> removed = new HashSet<>();
      for (Group group : g.groups()) {
        for (Group.Member m : group.members()) {
          removed.add(m.image().path());
        }
      }
      List<String> kept = new ArrayList<>();
      for (IndexedImage i : images) {
        if (!removed.contains(i.record().path())) {
          kept.add(i.record().path());
        }
      }
      assertEquals(g.kept(), kept.size());
      if (options.windowMillis() == 0 && options.maxChecks() == 0) {
        assertTrue(g.stats().isExact(), "no shortcut may bite by default: " + g.stats());
      } else {
        lastStats = g.stats();
      }
      // Every removed image carries the full check's verdict against the image kept in its place.
      for (Group group : g.groups()) {
        int k = reference.indexOf(group.kept().path());
        for (Group.Member m : group.members()) {
          int i = reference.indexOf(m.image().path());
          boolean same = group.kept().sha256().equals(m.image().sha256());
          assertTrue(same || reference.duplicate(k, i, fraction), m.image().path());
        }
      }
      return kept;
    }

    /** The verified duplicates {@code query} finds for {@code file} under {@code options}. */
    List<dev.neardup.pipeline.Match> query(GroupingOptions options, Path file) throws Exception {
      return engine.deduplicator().query(List.of(file), options).get(0).matches();
    }

    @Override
    public void close() throws IOException {
      snapshot.close();
      engine.close();
    }
  }

  /** Copies {@code source}'s images sorted by name as camera {@code camera(i)} frames. */
  static Path asCameraFrames(Path source, Path dir, java.util.function.IntFunction<String> camera)
      throws IOException {
    Files.createDirectories(dir);
    List<Path> files;
    try (Stream<Path> s = Files.list(source)) {
      files = s.filter(p -> p.toString().matches(".*\\.(jpg|png)")).sorted().toList();
    }
    for (int i = 0; i < files.size(); i++) {
      String name = files.get(i).getFileName().toString();
      String ext = name.substring(name.lastIndexOf('.'));
      Files.copy(files.get(i), dir.resolve("c" + camera.apply(i) + "-" + (T0 + 1000L * i) + ext));
    }
    return dir;
  }

  @BeforeAll
  void index_both_sequences(@TempDir Path tmp) throws IOException {
    pets =
        new Sequence(
            asCameraFrames(TestData.shared("cctv/pets2001"), tmp.resolve("pets"), i -> "10"),
            tmp.resolve("pets-index"));
    vtest =
        new Sequence(
            asCameraFrames(TestData.shared("cctv/vtest"), tmp.resolve("vtest"), i -> "21"),
            tmp.resolve("vtest-index"));
    twoCameras =
        new Sequence(
            asCameraFrames(
                TestData.shared("cctv/pets2001"), tmp.resolve("two"), i -> i % 2 == 0 ? "1" : "2"),
            tmp.resolve("two-index"),
            pets.reference,
            GroupingOptions.defaults());
    plain =
        new Sequence(
            copyOf(TestData.shared("cctv/vtest"), tmp.resolve("plain")),
            tmp.resolve("plain-index"),
            vtest.reference,
            GroupingOptions.defaults());
  }

  static Path copyOf(Path source, Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> s = Files.list(source)) {
      for (Path p : s.filter(p -> p.toString().matches(".*\\.(jpg|png)")).toList()) {
        Files.copy(p, dir.resolve(p.getFileName()));
      }
    }
    return dir;
  }

  @AfterAll
  void close() throws IOException {
    for (Sequence s : List.of(pets, vtest, twoCameras, plain)) {
      s.close();
    }
  }

  @Test
  void camera_frames_are_stored_at_full_resolution_so_the_stored_check_is_the_full_check()
      throws Exception {
    ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);
    for (Sequence s : List.of(pets, vtest)) {
      assertEquals(s == pets ? 600 : 100, s.images.size());
      for (int i = 0; i < s.images.size(); i++) {
        try (DecodedImage d = decoder.decode(Path.of(s.images.get(i).record().path()))) {
          Mat g = Grayscale.copyOf(d.bgr());
          try {
            GrayImage full = GrayImage.of(g);
            assertEquals(full.width(), s.gray.get(i).width());
            assertArrayEquals(full.pixels(), s.gray.get(i).pixels(), "frame " + i);
          } finally {
            g.release();
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "fraction {0}")
  @ValueSource(doubles = {0.002, 0.005, 0.01, 0.02, 0.05, 0.10})
  void dedup_keeps_exactly_the_frames_the_exhaustive_method_keeps(double fraction) {
    GroupingOptions options = GroupingOptions.defaults();
    for (Sequence s : List.of(pets, vtest)) {
      List<String> expected =
          s.reference.kept(Grouper.visitOrder(options.keeper()), fraction, false);
      List<String> actual = s.kept(options, fraction);
      assertEquals(sorted(expected), sorted(actual), s.folder + " at " + fraction);
    }
  }

  @ParameterizedTest(name = "fraction {0}")
  @ValueSource(doubles = {0.01, 0.05})
  void two_interleaved_cameras_give_the_exhaustive_answer_with_and_without_same_camera(
      double fraction) {
    for (boolean same : List.of(false, true)) {
      // The camera rule is what is tested here: the pixel level keeps it quick (frames of two
      // cameras may be aligned, which the aligned tests below cover).
      GroupingOptions options =
          GroupingOptions.defaults().toBuilder().sameCamera(same).build().toBuilder()
              .verify(VerifyMode.PIXEL)
              .build();
      List<String> expected =
          twoCameras.reference.kept(Grouper.visitOrder(options.keeper()), fraction, same);
      assertEquals(
          sorted(expected),
          sorted(twoCameras.kept(options, fraction)),
          "same-camera " + same + " at " + fraction);
    }
    // The cameras matter: the two answers differ.
    GroupingOptions d = GroupingOptions.defaults();
    assertNotEquals(
        twoCameras.reference.kept(Grouper.visitOrder(d.keeper()), fraction, false).size(),
        twoCameras.reference.kept(Grouper.visitOrder(d.keeper()), fraction, true).size());
  }

  @ParameterizedTest(name = "fraction {0}")
  @ValueSource(doubles = {0.002, 0.01, 0.05})
  void a_folder_without_camera_names_is_visited_in_keeper_order_with_the_same_exact_answer(
      double fraction) {
    for (KeeperPolicy keeper : KeeperPolicy.values()) {
      // Every keeper order with the pixel level; the default (aligned) level is checked once,
      // below, because it registers these frames with local features (they are not named as
      // camera frames), which costs milliseconds per pair.
      GroupingOptions options =
          GroupingOptions.defaults().toBuilder().keeper(keeper).build().toBuilder()
              .verify(VerifyMode.PIXEL)
              .build();
      List<String> expected = plain.reference.kept(keeper.order(), fraction, false);
      assertEquals(
          sorted(expected), sorted(plain.kept(options, fraction)), keeper + " at " + fraction);
    }
  }

  @ParameterizedTest(name = "fraction {0}")
  @ValueSource(doubles = {0.01, 0.05})
  void the_aligned_level_keeps_the_same_frames_as_the_pixel_check_on_both_camera_folders(
      double fraction) {
    GroupingOptions aligned = GroupingOptions.defaults();
    assertEquals(VerifyMode.ALIGNED, aligned.verify());
    // Camera names: frames of one camera are never aligned. Plain names (vtest as shipped): the
    // frames are registered with local features, and the registration is the identity.
    for (Sequence s : List.of(pets, vtest, plain)) {
      List<String> pixel = s.kept(aligned.toBuilder().verify(VerifyMode.PIXEL).build(), fraction);
      assertEquals(sorted(pixel), sorted(s.kept(aligned, fraction)), s.folder + " " + fraction);
      assertEquals(
          sorted(s.reference.kept(Grouper.visitOrder(aligned.keeper()), fraction, false)),
          sorted(pixel));
    }
  }

  @Test
  void a_time_window_gives_the_exhaustive_answer_within_the_window_and_says_it_bit() {
    // Frames are one second apart: a 60 s window compares each frame with the kept frames of the
    // previous minute only.
    GroupingOptions windowed = GroupingOptions.defaults().toBuilder().windowMillis(60_000).build();
    for (double fraction : new double[] {0.01, 0.05}) {
      List<String> expected =
          pets.reference.kept(Grouper.visitOrder(windowed.keeper()), fraction, false, 60_000);
      assertEquals(sorted(expected), sorted(pets.kept(windowed, fraction)), "at " + fraction);
    }
    assertTrue(pets.lastStats.windowHits() > 0, pets.lastStats.toString());
    assertFalse(pets.lastStats.isExact());
  }

  @Test
  void query_gives_every_pair_the_verdict_dedup_gives_it() throws Exception {
    // Frames 200..207 of pets2001 as two interleaved cameras, queried with and without
    // --same-camera.
    for (boolean same : List.of(false, true)) {
      List<IndexedImage> all = twoCameras.images;
      var dedup = twoCameras.engine.deduplicator();
      for (int i = 200; i < 208; i++) {
        ImageRecord probe = all.get(i).record();
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (int j = 0; j < all.size(); j++) {
          ImageRecord other = all.get(j).record();
          boolean cameraOk = !same || other.camera().equals(probe.camera());
          if (cameraOk && (i == j || twoCameras.reference.duplicate(i, j, 0.05))) {
            expected.add(other.path());
          }
        }
        java.util.Set<String> actual = new java.util.TreeSet<>();
        GroupingOptions options = GroupingOptions.defaults().toBuilder().sameCamera(same).build();
        for (var m : twoCameras.query(options, Path.of(probe.path()))) {
          assertTrue(m.evidence().duplicate());
          actual.add(m.image().path());
        }
        assertEquals(expected, actual, probe.path() + " same-camera " + same);
      }
    }
  }

  static List<String> sorted(List<String> l) {
    List<String> c = new ArrayList<>(l);
    c.sort(null);
    return c;
  }
}
