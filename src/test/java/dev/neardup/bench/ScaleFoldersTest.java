package dev.neardup.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.index.CameraFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seeded folders of {@code bench scale}: same seed, same bytes; frames named as cameras. */
class ScaleFoldersTest {
  @TempDir Path tmp;

  @Test
  void the_same_seed_writes_byte_identical_folders_and_another_seed_other_bytes()
      throws IOException {
    int n = 260; // past the 215 originals, so edited copies are made too
    List<String> a = ScaleFolders.of(TestData.shared(), 7).generate(n, tmp.resolve("a"));
    List<String> b = ScaleFolders.of(TestData.shared(), 7).generate(n, tmp.resolve("b"));
    List<String> c = ScaleFolders.of(TestData.shared(), 8).generate(n, tmp.resolve("c"));
    assertEquals(a, b);
    assertEquals(n, a.size());
    assertEquals(n, files(tmp.resolve("a")).size());
    int differing = 0;
    for (String name : a) {
      assertArrayEquals(
          Files.readAllBytes(tmp.resolve("a").resolve(name)),
          Files.readAllBytes(tmp.resolve("b").resolve(name)),
          name);
    }
    for (int i = 0; i < n; i++) {
      Path x = tmp.resolve("a").resolve(a.get(i));
      Path y = tmp.resolve("c").resolve(c.get(i));
      if (!java.util.Arrays.equals(Files.readAllBytes(x), Files.readAllBytes(y))) {
        differing++;
      }
    }
    assertTrue(differing > 0, "seed 8 wrote the same bytes as seed 7");
  }

  @Test
  void three_items_in_ten_are_camera_frames_named_as_cameras_in_time_order() throws IOException {
    List<String> names = ScaleFolders.of(TestData.shared(), 42).generate(100, tmp);
    List<String> frames = names.stream().filter(s -> s.startsWith("cameras/")).toList();
    assertEquals(30, frames.size());
    assertEquals(30, ScaleFolders.framesIn(100));
    assertEquals(3, ScaleFolders.framesIn(5));
    assertEquals(6, ScaleFolders.framesIn(14)); // items 0-2 and 10-12
    long previous = Long.MIN_VALUE;
    for (String f : frames) {
      CameraFrame frame = CameraFrame.parse(Path.of(f)).orElseThrow(() -> new AssertionError(f));
      assertEquals("p0", frame.camera(), f);
      assertTrue(frame.epochMillis() > previous, f);
      previous = frame.epochMillis();
    }
    for (String p : names) {
      if (p.startsWith("photos/")) {
        assertFalse(CameraFrame.parse(Path.of(p)).isPresent(), p);
      }
    }
  }

  @Test
  void a_folder_holds_exactly_the_first_n_items() throws IOException {
    List<String> names = ScaleFolders.of(TestData.shared(), 42).generate(50, tmp.resolve("pool"));
    ScaleFolders.link(tmp.resolve("pool"), names, 37, tmp.resolve("f"));
    List<String> linked =
        files(tmp.resolve("f")).stream()
            .map(p -> tmp.resolve("f").relativize(p).toString())
            .sorted()
            .toList();
    assertEquals(names.subList(0, 37).stream().sorted().toList(), linked);
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
