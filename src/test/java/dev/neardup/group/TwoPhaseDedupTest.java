package dev.neardup.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.neardup.TestData;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.pipeline.Indexer;
import dev.neardup.pipeline.Progress;
import dev.neardup.report.Reports;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.Verifiers;
import dev.neardup.verify.VerifyMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phase 1 + phase 2 = sequential: the two-phase dedup ({@link EarlierNeighbours}, {@link
 * NeighbourGrouping}) with 1, 2 and 3 partitions gives exactly the sequential {@link Grouper}'s
 * groups — the same kept images, the same members in the same order, the same evidence — on every
 * image of the shared folders, without a model (pHash and pixel checks, as {@code
 * SharedFolderGroupsTest}), at the default settings, with the camera rule, at a strict and a loose
 * fraction, and on exact copies. One index holds every folder; each case groups one folder of it.
 */
class TwoPhaseDedupTest {
  @TempDir static Path tmp;
  static Engine engine;
  static IndexSnapshot snapshot;
  static Path cameras;
  static Path copies;

  @BeforeAll
  static void index() throws IOException {
    // vtest as two interleaved cameras (c10, c21): camera frames, the nearest-frame rule.
    cameras =
        LeaderClusteringExactnessTest.asCameraFrames(
            TestData.shared("cctv/vtest"), tmp.resolve("cameras"), i -> i % 2 == 0 ? "10" : "21");
    copies = copiesFolder(tmp.resolve("copies"));
    // No model (pHash and pixel checks), as SharedFolderGroupsTest runs it. The verification
    // images are stored in the index (--store-pixels: the same checks on the same pixels, read
    // without decoding each file again in every run of a case).
    EngineConfig config =
        EngineConfig.defaults().toBuilder()
            .indexDir(tmp.resolve("index"))
            .noModel()
            .thumbnailMaxSide(160)
            .build();
    engine =
        Engine.open(
            config.toBuilder().indexOptions(config.indexOptions().withStorePixels(true)).build());
    engine
        .deduplicator()
        .index(
            List.of(
                TestData.shared("cctv/pets2001"),
                TestData.shared("cctv/vtest"),
                TestData.shared("ukbench"),
                cameras,
                copies),
            List.of(),
            Progress.NONE);
    snapshot = engine.index().snapshot();
  }

  @AfterAll
  static void close() throws IOException {
    snapshot.close();
    engine.close();
  }

  /**
   * Thirty ukbench photos, five of them three more times under other names (a burst of identical
   * uploads), and two of those as camera frames too (the same bytes, other pair attributes).
   */
  static Path copiesFolder(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("burst"));
    List<Path> photos;
    try (var s = Files.list(TestData.shared("ukbench"))) {
      photos = s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(30).toList();
    }
    for (Path p : photos) {
      Files.copy(p, dir.resolve(p.getFileName()));
    }
    for (int i = 0; i < 5; i++) {
      for (int c = 0; c < 3; c++) {
        Files.copy(photos.get(4 * i), dir.resolve("burst").resolve("copy" + c + "-" + i + ".jpg"));
      }
    }
    Files.copy(photos.get(0), dir.resolve("c7-1623873231000.jpg"));
    Files.copy(photos.get(4), dir.resolve("c7-1623873232000.jpg"));
    return dir;
  }

  @Test
  void pets2001_two_phase_gives_the_sequential_groups() throws IOException {
    // The pixel level: at the default (aligned) level phase 1 also aligns most of the 180,000
    // earlier pairs of this one big cluster, minutes of work (the ukbench case covers that level).
    same("cctv/pets2001", TestData.shared("cctv/pets2001"), PIXEL, px(0.05));
  }

  @Test
  void vtest_two_phase_gives_the_sequential_groups() throws IOException {
    same("cctv/vtest", TestData.shared("cctv/vtest"), GroupingOptions.defaults(), px(0.05));
  }

  @Test
  void ukbench_two_phase_gives_the_sequential_groups() throws IOException {
    same("ukbench", TestData.shared("ukbench"), GroupingOptions.defaults(), px(0.05));
  }

  @Test
  void camera_frames_with_and_without_same_camera_give_the_sequential_groups() throws IOException {
    GroupingOptions any = GroupingOptions.defaults();
    same("cameras", cameras, any, px(0.05));
    same("cameras same-camera", cameras, any.toBuilder().sameCamera(true).build(), px(0.05));
  }

  @Test
  void a_strict_and_a_loose_fraction_give_the_sequential_groups() throws IOException {
    same("vtest at 0.002", TestData.shared("cctv/vtest"), PIXEL, px(0.002));
    same("vtest at 0.15", TestData.shared("cctv/vtest"), PIXEL, px(0.15));
  }

  static final GroupingOptions PIXEL =
      GroupingOptions.defaults().toBuilder().verify(VerifyMode.PIXEL).build();

  @Test
  void exact_copies_collapse_and_still_give_the_sequential_groups() throws IOException {
    // Five photos four times each (the photo and three copies): each four searched once.
    assertEquals(47 - 5 * 3, same("copies", copies, GroupingOptions.defaults(), px(0.05)));
    same(
        "copies same-camera",
        copies,
        GroupingOptions.defaults().toBuilder().sameCamera(true).build(),
        px(0.05));
    Scope across = new Scope(List.of(copies.resolve("burst"), copies), true, List.of());
    same("copies across", copies, GroupingOptions.defaults(), px(0.05), across);
    Scope reference = new Scope(List.of(copies), false, List.of(copies.resolve("burst")));
    same("copies reference", copies, GroupingOptions.defaults(), px(0.05), reference);
  }

  @Test
  void pinned_keepers_and_not_duplicate_pairs_are_honoured_as_grouping_honours_them()
      throws IOException {
    Path decided = copiesFolder(tmp.resolve("decided"));
    try (Engine own =
        Engine.open(engine.config().toBuilder().indexDir(tmp.resolve("decided-index")).build())) {
      own.deduplicator().index(List.of(decided), List.of(), Progress.NONE);
      String source = photo(decided, 4);
      String copy = decided.resolve("burst/copy0-1.jpg").toString();
      own.index().markNotDuplicate(List.of(source, copy));
      own.index().pinKeeper(decided.resolve("burst/copy2-2.jpg").toString(), List.of());
      own.index().pinKeeper(photo(decided, 13), List.of());
      own.index().commit();
      try (IndexSnapshot s = own.index().snapshot()) {
        assertTrue(s.decisions().isPinnedKeeper(photo(decided, 13)));
        same(s, "decisions", decided, GroupingOptions.defaults(), px(0.05), Scope.ALL);
      }
    }
  }

  /** The {@code i}-th photo (by name) copied into a {@link #copiesFolder}. */
  static String photo(Path folder, int i) throws IOException {
    try (var s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().startsWith("ukbench"))
          .sorted()
          .skip(i)
          .findFirst()
          .orElseThrow()
          .toAbsolutePath()
          .normalize()
          .toString();
    }
  }

  static PixelDiffParams px(double fraction) {
    return engine.config().pixelDiff().withFraction(fraction);
  }

  static long same(String name, Path folder, GroupingOptions options, PixelDiffParams pixel)
      throws IOException {
    return same(name, folder, options, pixel, Scope.ALL);
  }

  static long same(
      String name, Path folder, GroupingOptions options, PixelDiffParams pixel, Scope scope)
      throws IOException {
    return same(snapshot, name, folder, options, pixel, scope);
  }

  /**
   * Asserts the two-phase groups with 1, 2 and 3 partitions are the sequential ones.
   *
   * @return the searches phase 1 ran (its probes), the same for every N
   */
  static long same(
      IndexSnapshot snapshot,
      String name,
      Path folder,
      GroupingOptions options,
      PixelDiffParams pixel,
      Scope scope)
      throws IOException {
    List<IndexedImage> images = snapshot.images(Indexer.under(List.of(folder)));
    assertTrue(images.size() > 10, name + ": " + images.size() + " images");
    long t0 = System.nanoTime();
    Grouping sequential = new Grouper(finder(options, pixel)).group(snapshot, images, scope, null);
    double seqSeconds = (System.nanoTime() - t0) / 1e9;
    String expected = describe(sequential);
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s: %d images, %d kept; sequential %d checked (%.1f s)",
                name,
                sequential.images(),
                sequential.kept(),
                sequential.stats().checked(),
                seqSeconds));
    long searches = 0;
    for (int n = 1; n <= 3; n++) {
      long t1 = System.nanoTime();
      CandidateFinder finder = finder(options, pixel);
      List<PartitionResult> parts = new ArrayList<>();
      long checked = 0;
      long probes = 0;
      long neighbours = 0;
      int searched = 0;
      for (int k = n; k >= 1; k--) { // any order: the workers are independent
        PartitionResult r =
            new EarlierNeighbours(finder)
                .find(snapshot, images, scope, new Partition(k, n), pixel.toString(), null);
        parts.add(0, r);
        checked += r.stats().checked();
        probes += r.stats().probes();
        neighbours += r.neighbours();
        searched += r.searched();
      }
      double p1 = (System.nanoTime() - t1) / 1e9;
      if (n > 1) {
        assertEquals(searches, probes, name + ": searches with " + n + " partitions");
      }
      searches = probes;
      Grouping two =
          NeighbourGrouping.group(snapshot, images, scope, options, pixel.toString(), parts);
      assertEquals(expected, describe(two), name + " with " + n + " partitions");
      assertEquals(keptSet(sequential, images), keptSet(two, images), name + " kept, " + n);
      line.append(
          String.format(
              Locale.ROOT,
              "; N=%d: phase 1 %d checked, %d neighbours, %d searched (%.1f s)",
              n,
              checked,
              neighbours,
              searched,
              p1));
    }
    System.out.println("two-phase " + line);
    return searches;
  }

  /**
   * The finder grouping uses ({@link Grouper#create}), over a verifier that remembers verdicts
   * across the runs of one setting ({@link MemoVerifier}: the same answers, computed once).
   */
  static CandidateFinder finder(GroupingOptions options, PixelDiffParams pixel) {
    MemoVerifier v =
        VERIFIERS.computeIfAbsent(
            options.verify() + " " + pixel,
            k -> new MemoVerifier(Verifiers.create(options.verify(), pixel)));
    return new CandidateFinder(
        options, v, CandidateSource.EMBEDDING, engine.config().cacheBudget());
  }

  static final Map<String, MemoVerifier> VERIFIERS = new HashMap<>();

  /** Every group in order: its id, kept image, why, and each member with its evidence. */
  static String describe(Grouping g) throws JsonProcessingException {
    StringBuilder b = new StringBuilder();
    b.append("images ").append(g.images()).append(" kept ").append(g.kept()).append('\n');
    for (Group group : g.groups()) {
      b.append(group.id())
          .append(' ')
          .append(group.kept().path())
          .append(" (")
          .append(group.keptBecause())
          .append(")\n");
      for (Group.Member m : group.members()) {
        b.append("  ")
            .append(m.image().path())
            .append(' ')
            .append(Reports.JSON.writeValueAsString(m.evidence()).replaceAll("\\s+", ""))
            .append('\n');
      }
    }
    return b.toString();
  }

  static TreeSet<String> keptSet(Grouping g, List<IndexedImage> images) {
    TreeSet<String> kept = new TreeSet<>();
    for (IndexedImage i : images) {
      kept.add(i.record().path());
    }
    for (Group group : g.groups()) {
      for (Group.Member m : group.members()) {
        kept.remove(m.image().path());
      }
    }
    assertEquals(g.kept(), kept.size());
    return kept;
  }
}
