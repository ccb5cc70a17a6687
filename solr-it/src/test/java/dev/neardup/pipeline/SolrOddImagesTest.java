package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.OddImages;
import dev.neardup.TestCluster;
import dev.neardup.decode.DecodeException;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.index.Origin;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of odd images (1×1, strips, flat, noise, textures, huge; see {@link OddImages})
 * uploaded with a source into a collection of the 2-node SolrCloud, claims and origins included: no
 * file ends the burst (an unreadable one is refused on its own), every unique upload is in the
 * collection with its source and tags, the source's stats count every submission, and a second
 * machine opening the collection afterwards (a restart) reads the same origins.
 */
class SolrOddImagesTest {
  private static TestCluster solr;

  @BeforeAll
  static void startCluster() throws Exception {
    solr = TestCluster.start("odd", 2048);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (solr != null) {
      solr.close();
    }
  }

  private static Engine machine(Path index) throws Exception {
    return Engine.open(
        EngineConfig.defaults().toBuilder()
            .index(IndexLocation.parse(index.toString()))
            .noModel()
            .thumbnailMaxSide(160)
            .build());
  }

  @Test
  void every_odd_upload_is_answered_and_the_unique_ones_keep_their_origin() throws Exception {
    Path index = solr.setting(solr.newCollection("odd", 2, 1));
    List<Path> files = OddImages.write(Files.createDirectories(solr.home().resolve("odd-files")));
    List<String> unique = new ArrayList<>();
    int submitted = 0;
    int refused = 0;
    try (Engine e = machine(index)) {
      Ingestor ingestor = new Ingestor(e, solr.home().resolve("odd-storage"), null);
      for (Path f : files) {
        Path received;
        try (InputStream in = Files.newInputStream(f)) {
          received = ingestor.receive(in, 1L << 30);
        }
        try {
          Submitted s = ingestor.ingestUpload(received, "odd-source", List.of("odd"));
          submitted++;
          if (s.result().status() == IngestResult.Status.UNIQUE) {
            unique.add(s.result().image().path());
          }
        } catch (DecodeException unreadable) {
          refused++; // refused on its own, with its reason; the burst goes on
        }
      }
      assertEquals(files.size(), submitted + refused, "every file was answered");
      assertTrue(unique.size() > 0, "some odd images are unique");
      assertEquals(submitted, ingestor.sourceStats("odd-source").submissions());
    }
    try (Engine restarted = machine(index);
        IndexSnapshot s = restarted.index().snapshot()) {
      List<String> found = new ArrayList<>();
      for (IndexedImage i : s.images(p -> true)) {
        found.add(i.record().path());
        Origin o = s.origin(i.docId());
        assertEquals("odd-source", o.source(), i.record().path());
        assertEquals(List.of("odd"), o.tags(), i.record().path());
        assertTrue(o.hasArrival(), i.record().path());
      }
      assertEquals(unique.stream().sorted().toList(), found.stream().sorted().toList());
      assertEquals(unique.size(), s.countFromSource("odd-source"));
    }
  }
}
