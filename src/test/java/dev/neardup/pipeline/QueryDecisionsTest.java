package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.review.ReviewFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A "not a duplicate" decision made on the review page also holds for queries and ingest. */
class QueryDecisionsTest {
  @TempDir Path tmp;

  @Test
  void a_pair_marked_not_duplicate_is_never_proposed_by_query() throws Exception {
    List<Path> files =
        TestData.copy(
            tmp.resolve("frames"), "cctv/pets2001/in000100.jpg", "cctv/pets2001/in000101.jpg");
    String a = files.get(0).toAbsolutePath().normalize().toString();
    String b = files.get(1).toAbsolutePath().normalize().toString();
    try (Engine engine =
        Engine.open(ReviewFixture.config(tmp.resolve("idx"), tmp.resolve("absent.pt")))) {
      engine.deduplicator().index(List.of(tmp.resolve("frames")), List.of(), Progress.NONE);

      List<String> before = matchedPaths(engine, files.get(1));
      assertTrue(before.contains(a), "consecutive frames are duplicates: " + before);

      engine.index().markNotDuplicate(List.of(a, b));
      List<String> after = matchedPaths(engine, files.get(1));
      assertEquals(List.of(b), after, "only the file itself (exact) remains");
    }
  }

  private static List<String> matchedPaths(Engine engine, Path probe) throws Exception {
    QueryResult r = engine.deduplicator().query(List.of(probe)).get(0);
    return r.matches().stream().map(m -> m.image().path()).toList();
  }
}
