package dev.neardup.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.neardup.TestData;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.Progress;
import dev.neardup.review.ReviewFixture;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.VerifyMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks verified ahead in parallel ({@link Checks}) against one pair at a time ({@link
 * CandidateFinder#withSequentialChecks}), on every image of {@code cctv/pets2001}, {@code
 * cctv/vtest} and {@code ukbench} without a model: the same groups and evidence, the same pairs
 * listed in the same order with the same verdicts, the same counts and the same failures, at a
 * strict fraction (each camera folder) and a loose one (all together), with small regions ignored,
 * and at the aligned level (whose geometric pass is batched too).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParallelChecksTest {
  private Engine engine;
  private IndexSnapshot snapshot;
  private List<IndexedImage> images;

  @BeforeAll
  void index_the_shared_folders(@TempDir Path tmp) throws IOException {
    Path indexDir = tmp.resolve("index");
    engine = Engine.open(ReviewFixture.config(indexDir, indexDir.resolve("absent.pt")));
    engine
        .deduplicator()
        .index(
            List.of(
                TestData.shared("cctv/pets2001"),
                TestData.shared("cctv/vtest"),
                TestData.shared("ukbench")),
            List.of(),
            Progress.NONE);
    snapshot = engine.index().snapshot();
    images = snapshot.images(p -> true);
    assertTrue(images.size() >= 900, "indexed " + images.size());
  }

  @AfterAll
  void close() throws IOException {
    snapshot.close();
    engine.close();
  }

  /**
   * Each case on whole folders; the strict fraction per folder, since pairs across the folders
   * (other sizes) are many and slow to check and test nothing new there.
   */
  @ParameterizedTest(name = "{0} at {1}, min area {2}, {3}")
  @CsvSource({
    "PIXEL, 0.01, 0, pets2001",
    "PIXEL, 0.01, 25, pets2001",
    "PIXEL, 0.15, 0, ",
    "ALIGNED, 0.05, 0, ukbench"
  })
  void parallel_checks_give_the_one_at_a_time_answer_counts_and_pairs(
      VerifyMode mode, double fraction, int minArea, String folder) {
    List<IndexedImage> images =
        folder == null
            ? this.images
            : this.images.stream()
                .filter(i -> i.record().path().contains("/" + folder + "/"))
                .toList();
    assertTrue(images.size() >= 100, folder + ": " + images.size());
    assumeTrue(Checks.THREADS > 1, "one core: no check runs ahead");
    GroupingOptions options = GroupingOptions.defaults().toBuilder().verify(mode).build();
    PixelDiffParams pixel =
        PixelDiffParams.defaults().withFraction(fraction).withMinContourArea(minArea);
    Grouper parallel = Grouper.create(options, pixel, CandidateSource.EMBEDDING);
    Grouper sequential = new Grouper(parallel.finder().withSequentialChecks());

    Grouping fast = parallel.group(snapshot, images, null);
    Grouping slow = sequential.group(snapshot, images, null);

    String where = mode + " at " + fraction + ", min area " + minArea + ", " + folder;
    assertEquals(slow.kept(), fast.kept(), where);
    assertEquals(describe(slow), describe(fast), where);
    assertEquals(pairs(slow), pairs(fast), where);
    assertEquals(slow.stats(), fast.stats(), where);
    assertEquals(slow.failures(), fast.failures(), where);
    assertTrue(fast.groups().size() > 0, where + ": no group: the folders test nothing");
    assertTrue(
        fast.stats().checked() > 2L * images.size(),
        where + ": too few checks for batches to form: " + fast.stats());
  }

  /** One line per group, in the grouping's order: the kept image, then each member's evidence. */
  private static List<String> describe(Grouping g) {
    List<String> lines = new ArrayList<>();
    for (Group group : g.groups()) {
      lines.add(group.kept().path() + " <- " + group.members());
    }
    return lines;
  }

  /** Every pair listed, in the order the search listed it. */
  private static List<String> pairs(Grouping g) {
    List<String> out = new ArrayList<>(g.pairs().size());
    for (PairCheck p : g.pairs()) {
      out.add(p.image() + " | " + p.against() + " " + p.evidence());
    }
    return out;
  }
}
