package dev.neardup.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.eval.GroundTruth;
import dev.neardup.eval.Scores;
import dev.neardup.eval.Scoring;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same-scene proposal stage ({@link WordProposal}) on the 200 shared UKBench photos (50 objects
 * × 4 views), without a model at {@code --verify scene}: a quality check of a deterministic
 * algorithm on real photos (the shipped vocabulary was trained on other images; no random weights).
 * Grouping precision ≥ 0.99 and recall ≥ 0.5 (issue 17; 0.43 before the stage); and the grouping
 * with the kept images' indexes equals the plain scan's, where every proposal is found by scoring
 * every kept image.
 */
class SceneProposalsTest {
  @Test
  void scene_grouping_without_a_model_reaches_the_issues_recall_and_equals_the_plain_scan(
      @TempDir Path tmp) throws IOException {
    Path folder = TestData.shared("ukbench");
    Path indexDir = tmp.resolve("index");
    try (Engine engine =
        Engine.open(ReviewFixture.config(indexDir, indexDir.resolve("absent.pt")))) {
      engine.deduplicator().index(List.of(folder), List.of(), Progress.NONE);
      try (IndexSnapshot snapshot = engine.index().snapshot()) {
        List<IndexedImage> images = snapshot.images(p -> true);
        assertEquals(200, images.size());
        GroupingOptions options =
            GroupingOptions.defaults().toBuilder().verify(VerifyMode.SCENE).build();
        Grouper indexed =
            Grouper.create(options, PixelDiffParams.defaults(), CandidateSource.EMBEDDING);
        Grouping fast = indexed.group(snapshot, images, null);

        List<String> paths = new ArrayList<>();
        images.forEach(i -> paths.add(i.record().path()));
        Map<String, String> labels =
            GroundTruth.read(folder.resolve("groundtruth.csv")).label(folder, paths);
        Scores s = Scoring.score(fast, labels);
        assertTrue(s.precision() >= 0.99, "precision " + s);
        assertTrue(s.recall() >= 0.5, "recall " + s);

        Grouping slow = new Grouper(indexed.finder().withPlainScan()).group(snapshot, images, null);
        assertEquals(slow.kept(), fast.kept());
        assertEquals(describe(slow), describe(fast));
      }
    }
  }

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
}
