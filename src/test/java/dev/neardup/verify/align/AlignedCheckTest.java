package dev.neardup.verify.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import dev.neardup.image.Thumbnails;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.PixelDiffParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/** The aligned level on the peers' own geometric copies, read from their GROUND_TRUTH.json. */
class AlignedCheckTest {
  static final AlignParams AP = AlignParams.defaults();
  static final PixelDiffParams PP = PixelDiffParams.defaults();

  @BeforeAll
  static void load() {
    OpenCv.load();
  }

  static GrayImage read(Path p) {
    Mat m = Imgcodecs.imread(p.toString(), Imgcodecs.IMREAD_GRAYSCALE);
    try {
      return GrayImage.of(m);
    } finally {
      m.release();
    }
  }

  static AlignedResult check(GrayImage kept, GrayImage cand) {
    return AlignedCheck.check(
        kept, Features.of(kept, AP.features()), cand, Features.of(cand, AP.features()), AP, PP);
  }

  @Test
  void imagededup_flip_resize_and_rotation_copies_are_accepted_with_labels_that_say_so()
      throws Exception {
    Path dir = TestData.shared("peers/imagededup/mixed_images");
    JsonNode truth =
        new ObjectMapper()
            .readTree(TestData.shared("peers/imagededup/GROUND_TRUTH.json").toFile())
            .get("mixed_images");
    List<String> group = new ArrayList<>();
    truth.get("duplicate_groups").get(0).forEach(n -> group.add(n.asText()));
    assertEquals("ukbench00120.jpg", group.get(0));
    GrayImage kept = read(dir.resolve(group.get(0)));
    for (String name : group.subList(1, group.size())) {
      AlignedResult r = check(kept, read(dir.resolve(name)));
      assertNotNull(r, name + " was not registered");
      assertTrue(r.duplicate(), name + ": " + r);
      String label = r.transform().label();
      String expected =
          name.contains("hflip") ? "mirrored" : name.contains("resize") ? "scaled" : "rotated";
      assertTrue(label.contains(expected), name + " labelled '" + label + "'");
    }
    String unique = truth.get("unique").get(0).asText();
    assertNull(check(kept, read(dir.resolve(unique))), unique + " must not register");
  }

  @Test
  void the_300_by_300_resize_is_an_anisotropic_affine() {
    Path dir = TestData.shared("peers/imagededup/mixed_images");
    AlignedResult r =
        check(read(dir.resolve("ukbench00120.jpg")), read(dir.resolve("ukbench00120_resize.jpg")));
    assertEquals(300.0 / 640, r.transform().scaleX(), 0.01);
    assertEquals(300.0 / 480, r.transform().scaleY(), 0.01);
    assertTrue(r.transform().label().startsWith("scaled 0.47 x 0.6"), r.transform().label());
  }

  @Test
  void jimagehash_quarter_turns_of_lenna_are_accepted_as_rotated_90_180_270() throws Exception {
    Path dir = TestData.shared("peers/jimagehash");
    JsonNode truth = new ObjectMapper().readTree(dir.resolve("GROUND_TRUTH.json").toFile());
    List<String> files = new ArrayList<>();
    for (JsonNode g : truth.get("duplicate_groups")) {
      if (g.get("name").asText().equals("lenna-rotated")) {
        g.get("files").forEach(n -> files.add(n.asText()));
      }
    }
    assertEquals(List.of("Lenna.png", "Lenna90.png", "Lenna180.png", "Lenna270.png"), files);
    GrayImage lenna = read(dir.resolve(files.get(0)));
    for (String name : files.subList(1, files.size())) {
      AlignedResult r = check(lenna, read(dir.resolve(name)));
      assertNotNull(r, name);
      assertTrue(r.duplicate(), name + ": " + r);
      String degrees = name.replace("Lenna", "").replace(".png", "");
      assertEquals("rotated " + degrees, r.transform().label(), name);
    }
  }

  @Test
  void an_identical_pair_keeps_the_plain_verdict_unwarped() {
    GrayImage img = read(TestData.shared("cctv/pets2001/in000100.jpg"));
    AlignedResult r = check(img, img);
    assertTrue(r.transform().isIdentity());
    assertEquals(new PixelDiff(PP).compare(img, img), r.diff());
    assertFalse(r.refined());
  }

  @Test
  void features_of_another_picture_are_refused_by_aspect_ratio() {
    GrayImage a = read(TestData.shared("cctv/pets2001/in000100.jpg"));
    GrayImage square = read(TestData.shared("peers/jimagehash/Lenna.png"));
    Features fa = Features.of(a, AP.features());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AlignedCheck.check(square, fa, a, fa, AP, PP));
    assertTrue(e.getMessage().contains("512x512"), e.getMessage());
  }

  @Test
  void features_at_another_resolution_are_rescaled_to_the_images() {
    GrayImage full = read(TestData.shared("cctv/pets2001/in000100.jpg"));
    GrayImage half = Thumbnails.gray(full.toMat(), 160);
    Features f = Features.of(full, AP.features());
    AlignedResult r = AlignedCheck.check(half, f, half, f, AP, PP);
    assertTrue(r.transform().isIdentity(), r.transform().toString());
    assertEquals(160, r.transform().keptWidth());
  }
}
