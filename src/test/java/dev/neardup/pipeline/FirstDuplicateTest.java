package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Ingest's decision ({@link Deduplicator#firstDuplicate}, which stops at the first duplicate the
 * search finds) against a query's full answer ({@link Deduplicator#lookup}, every verified match)
 * on real images: a probe is a duplicate exactly when the query finds a match, the duplicate it
 * names is one of those matches, and the image at the skipped path is never named. Probes: the odd
 * frames of {@code cctv/vtest} against its even ones (camera duplicates at the pixel level), unseen
 * UKBench photos (mostly unique), mirrored copies of indexed photos (the aligned level) and a
 * renamed copy (the same bytes).
 */
class FirstDuplicateTest {
  @TempDir Path tmp;

  @Test
  void ingest_finds_a_duplicate_exactly_when_the_query_finds_one() throws Exception {
    OpenCv.load();
    Path indexed = Files.createDirectories(tmp.resolve("indexed"));
    Path probes = Files.createDirectories(tmp.resolve("probes"));
    List<Path> frames;
    try (var s = Files.list(TestData.shared("cctv/vtest"))) {
      frames = s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(60).toList();
    }
    for (int i = 0; i < frames.size(); i++) {
      Path f = frames.get(i);
      Files.copy(f, (i % 2 == 0 ? indexed : probes).resolve(f.getFileName()));
    }
    for (int i = 0; i < 24; i++) {
      Path photo = TestData.shared(String.format("ukbench/ukbench%05d.jpg", i));
      Files.copy(photo, (i < 12 ? indexed : probes).resolve(photo.getFileName()));
      if (i < 4) {
        Mat m = Imgcodecs.imread(photo.toString());
        Core.flip(m, m, 1);
        Imgcodecs.imwrite(probes.resolve("mirrored-" + photo.getFileName()).toString(), m);
        m.release();
      }
    }
    Files.copy(
        indexed.resolve("ukbench00005.jpg"), probes.resolve("renamed-copy-of-ukbench00005.jpg"));

    EngineConfig config =
        EngineConfig.defaults().toBuilder().indexDir(tmp.resolve("index")).noModel().build();
    try (Engine engine = Engine.open(config)) {
      Deduplicator d = engine.deduplicator();
      d.dedup(List.of(indexed), List.of(), Progress.NONE);
      int duplicates = 0;
      int unique = 0;
      List<Path> all;
      try (var s = Files.list(probes)) {
        all = s.sorted().toList();
      }
      try (IndexSnapshot snapshot = engine.index().snapshot()) {
        for (Path p : all) {
          ImageRecord probe = engine.analyzer().analyze(p);
          Set<String> matches = paths(d.lookup(snapshot, probe).matches());
          Match first = d.firstDuplicate(snapshot, probe, null);
          assertEquals(!matches.isEmpty(), first != null, p + ": query found " + matches);
          if (first != null) {
            duplicates++;
            assertTrue(first.evidence().duplicate(), p.toString());
            assertTrue(matches.contains(first.image().path()), p + ": " + first.image().path());
          } else {
            unique++;
          }
        }
        assertTrue(duplicates >= 25, "duplicate probes: " + duplicates);
        assertTrue(unique >= 5, "unique probes: " + unique);

        // An indexed file arriving again under its own path: never its own duplicate.
        int skipped = 0;
        for (IndexedImage i : snapshot.images(r -> true)) {
          String self = i.record().path();
          ImageRecord probe = engine.analyzer().analyze(Path.of(self));
          Set<String> others = paths(d.lookup(snapshot, probe).matches());
          boolean selfMatched = others.remove(self);
          Match first = d.firstDuplicate(snapshot, probe, self);
          assertEquals(!others.isEmpty(), first != null, self + ": others " + others);
          if (first != null) {
            assertNotEquals(self, first.image().path());
            assertTrue(others.contains(first.image().path()), self);
          }
          skipped += selfMatched ? 1 : 0;
        }
        assertTrue(skipped >= 30, "an indexed image's query finds itself: " + skipped);
      }
    }
  }

  private static Set<String> paths(List<Match> matches) {
    return matches.stream()
        .map(m -> m.image().path())
        .collect(Collectors.toCollection(java.util.HashSet::new));
  }
}
