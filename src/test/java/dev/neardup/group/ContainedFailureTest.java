package dev.neardup.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.config.CacheBudget;
import dev.neardup.image.BlockSignature;
import dev.neardup.image.GrayImage;
import dev.neardup.image.Signatures;
import dev.neardup.image.StoredImage;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexOptions;
import dev.neardup.index.IndexSettings;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.pipeline.DedupRun;
import dev.neardup.pipeline.IndexStats;
import dev.neardup.report.DedupReport;
import dev.neardup.report.ModelSection;
import dev.neardup.report.PairSelection;
import dev.neardup.report.Reports;
import dev.neardup.report.TextSummary;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.Prepared;
import dev.neardup.verify.Verdict;
import dev.neardup.verify.Verifier;
import dev.neardup.verify.Verifiers;
import dev.neardup.verify.VerifyMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvException;

/**
 * STYLE.md rule 20 at the candidate finder: a verifier that throws on one pair (as AKAZE does on a
 * thin strip) costs that pair only. The pair's evidence says "failed" and "not judged", the failure
 * is counted and listed with both files, and every other group is exactly what it is without the
 * failure.
 */
class ContainedFailureTest {
  /** The odd image's width: the throwing verifier recognises it by its size. */
  static final int ODD_W = GrouperTest.W + 10;

  static final String ODD = "/frames/odd.png";
  static final String CVE =
      "cv::Exception: OpenCV(4.9.0) (-215:Assertion failed) s >= 0 in function 'setSize'";

  @TempDir Path dir;

  enum Fault {
    NONE,
    VERIFY,
    PREPARE
  }

  /**
   * The real pixel verifier, but it never prunes (so every pair reaches {@link #verify}) and it
   * throws, per {@code fault}, on any pair with the odd image or on preparing it.
   */
  static final class Throwing implements Verifier {
    final Verifier inner = Verifiers.create(VerifyMode.PIXEL, PixelDiffParams.defaults());
    final Fault fault;
    final AtomicInteger oddPrepares = new AtomicInteger();

    Throwing(Fault fault) {
      this.fault = fault;
    }

    @Override
    public Prepared prepare(StoredImage image) {
      if (image.width() == ODD_W) {
        oddPrepares.incrementAndGet();
        if (fault == Fault.PREPARE) {
          throw new CvException(CVE);
        }
      }
      return inner.prepare(image);
    }

    @Override
    public boolean cannotPass(
        BlockSignature kept, BlockSignature candidate, long referencePixels, boolean mayAlign) {
      return false;
    }

    @Override
    public Verdict verify(Prepared kept, Prepared candidate, boolean mayAlign) {
      if (fault == Fault.VERIFY
          && (kept.image().width() == ODD_W || candidate.image().width() == ODD_W)) {
        throw new CvException(CVE);
      }
      return inner.verify(kept, candidate, mayAlign);
    }

    @Override
    public VerifyMode mode() {
      return inner.mode();
    }
  }

  /** A checkerboard the size of no frame, like none of them. */
  static ImageRecord odd(String path) {
    byte[] px = new byte[ODD_W * GrouperTest.H];
    for (int y = 0; y < GrouperTest.H; y++) {
      for (int x = 0; x < ODD_W; x++) {
        px[y * ODD_W + x] = (byte) (((x / 8 + y / 8) & 1) == 0 ? 0 : 255);
      }
    }
    GrayImage thumb = new GrayImage(ODD_W, GrouperTest.H, px);
    return new ImageRecord(
        path,
        "sha-odd",
        1000,
        1000,
        "PNG",
        ODD_W,
        GrouperTest.H,
        null,
        Long.MIN_VALUE,
        GrouperTest.unit(8),
        0xABCDL,
        thumb,
        Signatures.of(thumb));
  }

  Grouping group(Verifier verifier, String oddPath) throws IOException {
    List<ImageRecord> records = new ArrayList<>(GrouperTest.movingSquare(true));
    records.add(odd(oddPath));
    Path idx = dir.resolve("idx-" + System.identityHashCode(verifier));
    IndexSettings settings = new IndexSettings("fake", 8, "none", GrouperTest.W);
    try (ImageIndex index =
        new IndexLocation.Embedded(idx)
            .open(settings, IndexOptions.defaults().withStorePixels(true), true)) {
      for (ImageRecord r : records) {
        index.put(r);
      }
      index.commit();
      try (IndexSnapshot s = index.snapshot()) {
        CandidateFinder finder =
            new CandidateFinder(
                GrouperTest.options(VerifyMode.PIXEL),
                verifier,
                CandidateSource.EMBEDDING,
                CacheBudget.defaults());
        return new Grouper(finder).group(s, s.images(p -> true), null);
      }
    }
  }

  static List<String> shape(Grouping g) {
    return g.groups().stream()
        .map(
            x ->
                x.kept().path() + " <- " + x.members().stream().map(m -> m.image().path()).toList())
        .toList();
  }

  @Test
  void a_verifier_throwing_on_one_pair_fails_that_pair_only() throws IOException {
    Grouping clean = group(new Throwing(Fault.NONE), ODD);
    Grouping faulty = group(new Throwing(Fault.VERIFY), ODD);

    assertEquals(shape(clean), shape(faulty), "every group is what it is without the failure");
    assertEquals(clean.kept(), faulty.kept());
    assertTrue(clean.failures().isEmpty());
    assertEquals(0, clean.stats().failed());

    // The odd image is visited last (keeper policy: path) and compared with every kept frame.
    List<PairCheck> failedPairs =
        faulty.pairs().stream().filter(p -> p.evidence().failed()).toList();
    assertEquals(clean.kept() - 1, failedPairs.size(), faulty.pairs().toString());
    for (PairCheck p : failedPairs) {
      assertEquals(ODD, p.image());
      assertFalse(p.evidence().duplicate());
      assertEquals(Verdict.Level.FAILED, p.evidence().level());
      assertTrue(
          p.evidence().note().startsWith("not judged: the pixel check failed: "), p.toString());
      assertTrue(p.evidence().note().contains("(-215:Assertion failed) s >= 0"), p.toString());
    }
    assertEquals(failedPairs.size(), faulty.stats().failed());
    assertEquals(0, faulty.stats().unprepared());
    assertEquals(failedPairs.size(), faulty.failures().size());
    for (int i = 0; i < failedPairs.size(); i++) {
      FailedCheck f = faulty.failures().get(i);
      assertEquals(failedPairs.get(i).image(), f.image());
      assertEquals(failedPairs.get(i).against(), f.against());
      assertEquals(failedPairs.get(i).evidence().note(), f.reason());
    }
    // Every other pair has the verdict it has without the failure.
    List<PairCheck> cleanRest = clean.pairs().stream().filter(p -> !p.image().equals(ODD)).toList();
    List<PairCheck> faultyRest =
        faulty.pairs().stream().filter(p -> !p.image().equals(ODD)).toList();
    assertEquals(cleanRest, faultyRest);
  }

  @Test
  void an_image_that_cannot_be_prepared_is_tried_once_and_its_pairs_are_not_judged()
      throws IOException {
    // "/frames/a-odd.png" sorts first: kept first, then met by every later frame.
    Grouping clean = group(new Throwing(Fault.NONE), "/frames/a-odd.png");
    Throwing throwing = new Throwing(Fault.PREPARE);
    Grouping faulty = group(throwing, "/frames/a-odd.png");

    assertEquals(shape(clean), shape(faulty));
    assertEquals(1, throwing.oddPrepares.get(), "a failed preparation is not retried");
    assertEquals(1, faulty.stats().unprepared());
    FailedCheck first = faulty.failures().get(0);
    assertEquals("/frames/a-odd.png", first.image());
    assertNull(first.against());
    assertTrue(first.isPreparation());
    assertTrue(first.reason().startsWith("preparing /frames/a-odd.png failed: CvException: "));
    long notJudged = faulty.failures().stream().filter(f -> !f.isPreparation()).count();
    assertEquals(faulty.stats().failed(), notJudged);
    assertTrue(notJudged >= 1, faulty.failures().toString());
    for (FailedCheck f : faulty.failures().subList(1, faulty.failures().size())) {
      assertEquals("/frames/a-odd.png", f.against());
      assertEquals("not judged: " + first.reason(), f.reason());
    }
  }

  @Test
  void the_summary_and_the_json_report_list_each_failed_check_with_both_files() throws IOException {
    Grouping faulty = group(new Throwing(Fault.VERIFY), ODD);
    DedupRun run =
        new DedupRun(
            List.of(Path.of("/frames")),
            new IndexStats(31, 0, 31, 0, 0, 0, 0.1),
            faulty,
            List.of());
    DedupReport.Settings settings =
        new DedupReport.Settings(
            0.99, 0.05, "pixel", List.of(), "0,0,0,0", 0, 320, 64, 10, false, "path");
    DedupReport rep =
        Reports.build(
            run,
            Instant.EPOCH,
            "/idx",
            ModelSection.of(null),
            settings,
            null,
            List.of(),
            PairSelection.NOTABLE);
    assertEquals(faulty.failures(), rep.failedChecks());
    String json = Reports.JSON.writeValueAsString(rep);
    assertTrue(json.contains("\"failed_checks\""), json);
    assertTrue(json.contains("\"against\" : \"/frames/f00.png\""), json);
    StringWriter out = new StringWriter();
    TextSummary.print(rep, new PrintWriter(out, true), 10);
    String text = out.toString();
    assertTrue(
        text.contains(
            "FAILED CHECKS: "
                + faulty.stats().failed()
                + " pairs not judged, 0 images not prepared"),
        text);
    for (FailedCheck f : faulty.failures()) {
      assertTrue(
          text.contains("  failed check: " + f.image() + " vs " + f.against() + ": " + f.reason()),
          text);
    }
  }
}
