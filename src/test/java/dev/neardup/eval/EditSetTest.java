package dev.neardup.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.ImageDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.Mat;

class EditSetTest {
  @TempDir Path dir;

  static final ImageDecoder DECODER = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

  List<Path> stills() {
    return List.of(
        TestData.shared("stills/fruits.jpg"),
        TestData.shared("stills/baboon.jpg"),
        TestData.shared("stills/smarties.png"));
  }

  @Test
  void the_sample_is_the_same_for_a_seed_whatever_the_input_order() {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      files.add(Path.of("/x/img" + i + ".jpg"));
    }
    List<Path> a = EditSet.sample(files, 5, 7);
    List<Path> reversed = new ArrayList<>(files);
    java.util.Collections.reverse(reversed);
    assertEquals(a, EditSet.sample(reversed, 5, 7));
    assertEquals(5, a.size());
    assertFalse(a.equals(EditSet.sample(files, 5, 8)));
    assertEquals(50, EditSet.sample(files, 500, 7).size());
  }

  @Test
  void the_same_seed_writes_byte_identical_edits() throws IOException {
    List<EditKind> all = List.of(EditKind.values());
    EditSet.Written a = EditSet.write(stills(), all, 42, dir.resolve("a"), DECODER);
    EditSet.Written b = EditSet.write(stills(), all, 42, dir.resolve("b"), DECODER);
    assertEquals(3 * (1 + all.size()), a.copies().size());
    assertTrue(a.skipped().isEmpty());
    for (int i = 0; i < a.copies().size(); i++) {
      EditSet.Copy x = a.copies().get(i);
      EditSet.Copy y = b.copies().get(i);
      assertEquals(dir.resolve("a").relativize(x.file()), dir.resolve("b").relativize(y.file()));
      assertArrayEquals(Files.readAllBytes(x.file()), Files.readAllBytes(y.file()), x.toString());
    }
  }

  @Test
  void another_seed_changes_only_the_seeded_edits() throws IOException {
    List<EditKind> kinds = List.of(EditKind.NOISE, EditKind.CROP, EditKind.HFLIP, EditKind.JPEG_70);
    List<Path> one = List.of(TestData.shared("stills/fruits.jpg"));
    EditSet.Written a = EditSet.write(one, kinds, 1, dir.resolve("a"), DECODER);
    EditSet.Written b = EditSet.write(one, kinds, 2, dir.resolve("b"), DECODER);
    for (int i = 0; i < a.copies().size(); i++) {
      EditSet.Copy x = a.copies().get(i);
      boolean same =
          java.util.Arrays.equals(
              Files.readAllBytes(x.file()), Files.readAllBytes(b.copies().get(i).file()));
      boolean seeded = x.kind() == EditKind.NOISE || x.kind() == EditKind.CROP;
      assertEquals(!seeded, same, x.toString());
    }
  }

  @Test
  void edits_do_what_their_names_say() throws Exception {
    try (DecodedImage img = DECODER.decode(TestData.shared("stills/fruits.jpg"))) {
      Mat src = img.bgr();
      Random r = new Random(1);
      Mat flip = EditKind.HFLIP.apply(src, r);
      Mat back = new Mat();
      Core.flip(flip, back, 1);
      Mat diff = new Mat();
      Core.absdiff(src, back, diff);
      assertEquals(0, Core.countNonZero(diff.reshape(1)));
      Mat half = EditKind.RESIZE_50.apply(src, r);
      assertEquals(Math.round(src.cols() * 0.5), half.cols());
      Mat crop = EditKind.CROP.apply(src, r);
      assertTrue(crop.cols() < src.cols() * 0.99 && crop.cols() >= src.cols() * 0.9);
      Mat bright = EditKind.BRIGHTNESS.apply(src, r);
      assertTrue(Core.mean(bright).val[0] > Core.mean(src).val[0] + 20);
      for (Mat m : List.of(flip, back, diff, half, crop, bright)) {
        m.release();
      }
    }
  }
}
