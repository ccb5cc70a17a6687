package dev.neardup.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import dev.neardup.eval.EditKind;
import dev.neardup.image.StoredImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Every level is symmetric: for every pair the verdict and calibration tests use, {@code verify(A,
 * B)} and {@code verify(B, A)} give the same verdict (duplicate or not, and the level that decided)
 * at pixel, aligned and scene.
 */
class SymmetryTest {
  static final PixelDiffParams PP = PixelDiffParams.defaults();

  /** One pair of stored images and where it comes from. */
  private record Pair(String name, StoredImage a, StoredImage b) {}

  private static final Map<Path, StoredImage> FILES = new HashMap<>();

  private static StoredImage file(Path p) {
    return FILES.computeIfAbsent(
        p,
        q -> {
          Mat m = Imgcodecs.imread(q.toString(), Imgcodecs.IMREAD_COLOR);
          try {
            return VerdictPairs.stored(m);
          } finally {
            m.release();
          }
        });
  }

  private static List<Pair> pairs() {
    OpenCv.load();
    List<Pair> out = new ArrayList<>();
    // The thumbnail agreement pairs: UKBench views of one object, vtest, and pets2001 gap 20.
    for (AgreementPairs.Pair p : AgreementPairs.ukbench()) {
      out.add(new Pair(p.set() + " " + p.a().getFileName(), file(p.a()), file(p.b())));
    }
    for (AgreementPairs.Pair p : AgreementPairs.vtest()) {
      out.add(new Pair(p.set() + " " + p.a().getFileName(), file(p.a()), file(p.b())));
    }
    for (AgreementPairs.Pair p : AgreementPairs.pets2001()) {
      if (p.set().endsWith("gap 20")) {
        out.add(new Pair(p.set() + " " + p.a().getFileName(), file(p.a()), file(p.b())));
      }
    }
    // The synthetic edits of SyntheticEditsTest, and every pair of different stills.
    for (int i = 0; i < SyntheticEditsTest.PHOTOS.size(); i++) {
      Mat bgr = Imgcodecs.imread(TestData.shared(SyntheticEditsTest.PHOTOS.get(i)).toString());
      StoredImage kept = VerdictPairs.stored(bgr);
      Random random = new Random(7 + i);
      for (EditKind kind : AlignmentBench.GEOMETRIC) {
        Mat edited = kind.apply(bgr, random);
        out.add(new Pair(SyntheticEditsTest.PHOTOS.get(i) + " " + kind, kept, stored(edited)));
        edited.release();
      }
      bgr.release();
    }
    List<Path> stills;
    try {
      stills = AlignmentBench.list("stills");
    } catch (Exception e) {
      throw new IllegalStateException("cannot list stills", e);
    }
    for (int[] p : AlignmentBench.allPairs(stills.size())) {
      out.add(
          new Pair(
              "stills " + stills.get(p[0]).getFileName() + " " + stills.get(p[1]).getFileName(),
              file(stills.get(p[0])),
              file(stills.get(p[1]))));
    }
    // The verdict table.
    for (VerdictPairs.Pair p : VerdictPairs.all()) {
      out.add(new Pair(p.name(), VerdictPairs.stored(p.a()), VerdictPairs.stored(p.b())));
    }
    return out;
  }

  private static StoredImage stored(Mat m) {
    return VerdictPairs.stored(m);
  }

  @Test
  void every_level_gives_one_verdict_whatever_the_order_of_the_pair() {
    List<Pair> pairs = pairs();
    List<String> asymmetric = new ArrayList<>();
    int duplicates = 0;
    for (VerifyMode mode : List.of(VerifyMode.PIXEL, VerifyMode.ALIGNED, VerifyMode.SCENE)) {
      Verifier v = Verifiers.create(mode, PP);
      Map<StoredImage, Prepared> prepared = new java.util.IdentityHashMap<>();
      for (Pair p : pairs) {
        Prepared a = prepared.computeIfAbsent(p.a(), v::prepare);
        Prepared b = prepared.computeIfAbsent(p.b(), v::prepare);
        Verdict ab = v.verify(a, b, true);
        Verdict ba = v.verify(b, a, true);
        if (ab.duplicate() != ba.duplicate() || !ab.level().equals(ba.level())) {
          asymmetric.add(mode + " " + p.name() + ": " + ab + " vs " + ba);
        }
        if (ab.duplicate()) {
          duplicates++;
        }
      }
    }
    assertEquals(List.of(), asymmetric);
    assertTrue(duplicates > 500, "both verdicts occur: " + duplicates + " duplicates");
  }
}
