package dev.neardup.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import dev.neardup.eval.EditKind;
import dev.neardup.image.GrayImage;
import dev.neardup.verify.align.AlignParams;
import dev.neardup.verify.align.AlignedCheck;
import dev.neardup.verify.align.AlignedResult;
import dev.neardup.verify.align.Aligner;
import dev.neardup.verify.align.Features;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Geometric edits of real photos, made here with {@link EditKind}, are accepted by the aligned
 * level; different photos never are. (The full distributions are measured by {@link
 * AlignmentBench}.)
 */
class SyntheticEditsTest {
  static final AlignParams AP = AlignParams.defaults();
  static final PixelDiffParams PP = PixelDiffParams.defaults();

  static final List<String> PHOTOS =
      List.of(
          "stills/fruits.jpg",
          "stills/baboon.jpg",
          "stills/building.jpg",
          "stills/butterfly.jpg",
          "ukbench/ukbench00000.jpg",
          "ukbench/ukbench00040.jpg",
          "ukbench/ukbench00120.jpg");

  @BeforeAll
  static void load() {
    OpenCv.load();
  }

  @Test
  void every_geometric_edit_of_real_photos_is_accepted_with_a_fitting_label() {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < PHOTOS.size(); i++) {
      Mat bgr = Imgcodecs.imread(TestData.shared(PHOTOS.get(i)).toString());
      GrayImage kept = AlignmentBench.gray(bgr);
      Features fk = Features.of(kept, AP.features());
      Random random = new Random(7 + i);
      for (EditKind kind : AlignmentBench.GEOMETRIC) {
        Mat edited = kind.apply(bgr, random);
        GrayImage cand = AlignmentBench.gray(edited);
        edited.release();
        AlignedResult r =
            AlignedCheck.check(kept, fk, cand, Features.of(cand, AP.features()), AP, PP);
        String label = r == null ? "not registered" : r.transform().label();
        if (r == null || !r.duplicate() || !label.contains(expectedWord(kind))) {
          failures.add(PHOTOS.get(i) + " " + kind.label() + ": " + (r == null ? label : r));
        }
      }
      bgr.release();
    }
    assertEquals(List.of(), failures);
  }

  private static String expectedWord(EditKind kind) {
    return switch (kind) {
      case HFLIP -> "mirrored";
      case VFLIP -> "mirrored, rotated 180";
      case ROTATE_90 -> "rotated 90";
      case ROTATE_180 -> "rotated 180";
      case ROTATE_270 -> "rotated 270";
      case ROTATE_PLUS_5 -> "rotated 5.";
      case ROTATE_MINUS_5 -> "rotated -5.";
      case CROP_CORNER, CROP -> "cropped";
      case FLIP_CROP -> "mirrored, cropped";
      case RESIZE_ANISOTROPIC, RESIZE_50 -> "scaled";
      case ZOOM_10 -> "scaled 1.10";
      default -> throw new IllegalArgumentException(kind.label());
    };
  }

  @Test
  void a_ten_percent_zoom_registers_as_scale_1_10_with_full_content_overlap() {
    Mat bgr = Imgcodecs.imread(TestData.shared("stills/building.jpg").toString());
    GrayImage kept = AlignmentBench.gray(bgr);
    Mat zoomed = EditKind.ZOOM_10.apply(bgr, new Random(1));
    GrayImage cand = AlignmentBench.gray(zoomed);
    bgr.release();
    zoomed.release();
    AlignedResult r =
        AlignedCheck.check(
            kept, Features.of(kept, AP.features()), cand, Features.of(cand, AP.features()), AP, PP);
    assertEquals(1.1, r.transform().scale(), 0.01);
    assertEquals(1.0, r.overlap(), 0.02);
    assertEquals(1 - 1 / 1.21, r.transform().cropFraction(), 0.02);
    assertTrue(r.duplicate(), r.toString());
  }

  @Test
  void different_stills_are_never_accepted() throws Exception {
    List<Path> stills = AlignmentBench.list("stills");
    List<GrayImage> grays = new ArrayList<>();
    List<Features> feats = new ArrayList<>();
    for (Path p : stills) {
      GrayImage g = AlignmentBench.read(p);
      grays.add(g);
      feats.add(Features.of(g, AP.features()));
    }
    for (int[] p : AlignmentBench.allPairs(stills.size())) {
      AlignedResult r =
          AlignedCheck.check(
              grays.get(p[0]), feats.get(p[0]), grays.get(p[1]), feats.get(p[1]), AP, PP);
      assertNull(r, stills.get(p[0]) + " vs " + stills.get(p[1]) + ": " + r);
    }
  }

  @Test
  void different_ukbench_objects_are_never_accepted() {
    // Two photos from each of 25 objects: 1,200 pairs of different objects.
    Map<Integer, Features> feats = new HashMap<>();
    for (int g = 0; g < 50; g += 2) {
      for (int k : new int[] {0, 3}) {
        feats.put(
            4 * g + k,
            Features.of(AlignmentBench.read(AgreementPairs.ukbench(4 * g + k)), AP.features()));
      }
    }
    List<Integer> ids = new ArrayList<>(feats.keySet());
    ids.sort(null);
    int pairs = 0;
    for (int a = 0; a < ids.size(); a++) {
      for (int b = a + 1; b < ids.size(); b++) {
        if (ids.get(a) / 4 == ids.get(b) / 4) {
          continue;
        }
        pairs++;
        assertTrue(
            Aligner.align(feats.get(ids.get(a)), feats.get(ids.get(b)), AP).isEmpty(),
            ids.get(a) + " vs " + ids.get(b));
      }
    }
    assertEquals(1200, pairs);
  }
}
