package dev.neardup.neighbours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.group.EarlierNeighbour;
import dev.neardup.group.Evidence;
import dev.neardup.group.FailedCheck;
import dev.neardup.group.Partition;
import dev.neardup.group.PartitionResult;
import dev.neardup.group.ProbeNeighbours;
import dev.neardup.group.SearchStats;
import dev.neardup.group.Via;
import dev.neardup.image.Box;
import dev.neardup.report.Reports;
import dev.neardup.verify.DiffResult;
import dev.neardup.verify.Verdict;
import dev.neardup.verify.align.Transform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileNeighbourStore}: whole results back as written, and missing partitions named. */
public class TwoPhaseStoreTest {
  @TempDir Path tmp;

  /** A result with every kind of evidence and a failed check (the SolrCloud module reuses it). */
  public static PartitionResult result(Partition p) {
    DiffResult diff =
        new DiffResult(12.5, 0.001, true, 320, 240, List.of(new Box(1, 2, 3, 4)), null);
    Transform t =
        Transform.of(new double[] {0, -1, 240, 1, 0, 0}, true, 41, 60, 240, 320, 320, 240);
    Evidence aligned =
        new Evidence(
            Via.SCAN, null, 7, new Verdict(true, Verdict.Level.ALIGNED, diff, null, t, 41));
    Evidence cosine =
        new Evidence(
            Via.EMBEDDING,
            0.9931f,
            3,
            new Verdict(true, Verdict.Level.IDENTITY, diff, null, null, 0));
    return new PartitionResult(
        p,
        "f1ngerpr1nt",
        9,
        3,
        List.of(
            new ProbeNeighbours(
                4,
                "/a/4.jpg",
                List.of(
                    new EarlierNeighbour(1, EarlierNeighbour.Tier.GEOMETRIC, aligned),
                    new EarlierNeighbour(2, EarlierNeighbour.Tier.IDENTITY, cosine),
                    new EarlierNeighbour(
                        3, EarlierNeighbour.Tier.SAME_BYTES, Evidence.sameBytes())))),
        new SearchStats(3, 1, 20, 5, 0, 0, 0, 0, 1, 0),
        List.of(new FailedCheck("/a/4.jpg", "/a/0.jpg", "not judged: boom")));
  }

  @Test
  void a_result_reads_back_as_written_with_every_evidence_field() throws IOException {
    FileNeighbourStore store = new FileNeighbourStore(tmp.resolve("n"));
    PartitionResult written = result(new Partition(1, 1));
    store.write(written);
    List<PartitionResult> read = store.readAll();
    assertEquals(1, read.size());
    assertEquals(
        Reports.JSON.writeValueAsString(written), Reports.JSON.writeValueAsString(read.get(0)));
    try (var files = Files.list(tmp.resolve("n"))) {
      assertEquals(
          List.of("part-1-of-1.jsonl.gz"), files.map(f -> f.getFileName().toString()).toList());
    }
  }

  @Test
  void phase_two_refuses_to_run_naming_the_missing_partitions() throws IOException {
    FileNeighbourStore store = new FileNeighbourStore(tmp.resolve("n"));
    store.write(result(new Partition(1, 3)));
    // A killed worker leaves at most its temporary file: not a result.
    Files.writeString(tmp.resolve("n").resolve(".part-3-of-3.jsonl.gz.123.tmp"), "half");
    MissingPartitionsException e = assertThrows(MissingPartitionsException.class, store::readAll);
    assertEquals(List.of("part-2-of-3.jsonl.gz", "part-3-of-3.jsonl.gz"), e.missing());
    assertTrue(
        e.getMessage().contains("part-2-of-3.jsonl.gz, part-3-of-3.jsonl.gz"), e.getMessage());
  }

  @Test
  void an_empty_folder_says_that_phase_one_has_not_run() {
    FileNeighbourStore store = new FileNeighbourStore(tmp.resolve("none"));
    MissingPartitionsException e = assertThrows(MissingPartitionsException.class, store::readAll);
    assertTrue(e.getMessage().contains("no phase 1 results"), e.getMessage());
  }
}
