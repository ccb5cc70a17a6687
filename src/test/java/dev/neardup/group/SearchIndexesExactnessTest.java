package dev.neardup.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.eval.EditKind;
import dev.neardup.eval.EditSet;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kept images' indexes ({@link SearchIndexesTest} tests them on seeded values) on a whole real
 * folder: every shared UKBench photo plus the calibration edits of some of them (re-encodes,
 * resizes, crops, flips, watermarks…), indexed without a model, grouped once with the indexes and
 * once with {@link CandidateFinder#withPlainScan} (every kept image tried in turn, as the
 * definition reads). The groups, every member's evidence and every duplicate pair must be the same;
 * the indexes may only leave out pairs proven to fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIndexesExactnessTest {
  private Engine engine;
  private IndexSnapshot snapshot;
  private List<IndexedImage> images;

  @BeforeAll
  void index_the_photos_and_their_edits(@TempDir Path tmp) throws IOException {
    List<Path> photos;
    try (Stream<Path> s = Files.list(TestData.shared("ukbench"))) {
      photos = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
    EditSet.write(
        EditSet.sample(photos, 6, 7),
        Arrays.asList(EditKind.values()),
        7,
        tmp.resolve("edits"),
        new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS));
    Path indexDir = tmp.resolve("index");
    engine = Engine.open(ReviewFixture.config(indexDir, indexDir.resolve("absent.pt")));
    engine
        .deduplicator()
        .index(List.of(TestData.shared("ukbench"), tmp.resolve("edits")), List.of(), Progress.NONE);
    snapshot = engine.index().snapshot();
    images = snapshot.images(p -> true);
    assertTrue(images.size() > photos.size() + 6 * 10, "indexed " + images.size());
  }

  @AfterAll
  void close() throws IOException {
    snapshot.close();
    engine.close();
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({"PIXEL, 0.01", "PIXEL, 0.15", "ALIGNED, 0.05"})
  void the_indexes_give_the_plain_scans_groups_evidence_and_duplicate_pairs(
      VerifyMode mode, double fraction) {
    GroupingOptions options = GroupingOptions.defaults().toBuilder().verify(mode).build();
    Grouper indexed =
        Grouper.create(
            options, PixelDiffParams.defaults().withFraction(fraction), CandidateSource.EMBEDDING);
    Grouper plain = new Grouper(indexed.finder().withPlainScan());

    Grouping fast = indexed.group(snapshot, images, null);
    Grouping slow = plain.group(snapshot, images, null);

    String where = mode + " at " + fraction;
    assertEquals(slow.kept(), fast.kept(), where);
    assertEquals(describe(slow), describe(fast), where);
    assertEquals(duplicatePairs(slow), duplicatePairs(fast), where);
    // Every pair the indexed search checked, the plain scan checked with the same verdict.
    Map<String, String> slowPairs = new HashMap<>();
    for (PairCheck p : slow.pairs()) {
      slowPairs.put(p.image() + " | " + p.against(), p.evidence().verdict().toString());
    }
    for (PairCheck p : fast.pairs()) {
      assertEquals(
          slowPairs.get(p.image() + " | " + p.against()),
          p.evidence().verdict().toString(),
          where + ": " + p.image() + " vs " + p.against());
    }
    assertTrue(
        fast.stats().checked() < slow.stats().checked(),
        where + ": the indexes left no pair out: " + fast.stats() + " vs " + slow.stats());
    assertTrue(fast.groups().size() > 0, where + ": no group: the folder tests nothing");
  }

  /** One line per group: the kept image, then each member with its evidence, sorted. */
  private static List<String> describe(Grouping g) {
    List<String> lines = new ArrayList<>();
    for (Group group : g.groups()) {
      List<String> members = new ArrayList<>();
      for (Group.Member m : group.members()) {
        members.add(m.image().path() + " " + m.evidence());
      }
      members.sort(null);
      lines.add(group.kept().path() + " <- " + members);
    }
    lines.sort(null);
    return lines;
  }

  private static List<String> duplicatePairs(Grouping g) {
    List<String> out = new ArrayList<>();
    for (PairCheck p : g.pairs()) {
      if (p.evidence().duplicate()) {
        out.add(p.image() + " | " + p.against() + " " + p.evidence().verdict());
      }
    }
    out.sort(null);
    return out;
  }
}
