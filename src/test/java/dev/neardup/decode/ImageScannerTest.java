package dev.neardup.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neardup.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageScannerTest {
  private static final Path NESTED = TestData.shared("peers/imagededup/mixed_nested_images");
  private static final Path SAMPLE_JPEG = TestData.shared("cctv/vtest/frame_00020.jpg");

  private final ImageScanner scanner = new ImageScanner();

  @TempDir Path tmp;

  @Test
  void nested_sample_folders_yield_their_six_images_sorted_and_absolute() {
    ImageScanner.Scan scan = scanner.scan(List.of(NESTED));
    Path root = NESTED.toAbsolutePath().normalize();
    assertEquals(
        List.of(
            root.resolve("lvl1/lvl2a/ukbench00120_rotation.jpg"),
            root.resolve("lvl1/lvl2b/ukbench00120_resize.jpg"),
            root.resolve("lvl1/lvl2b/ukbench09268.jpg"),
            root.resolve("lvl1/ukbench00120.jpg"),
            root.resolve("ukbench00120_hflip.jpg"),
            root.resolve("ukbench09268_corrupt.jpg")), // a candidate: the decoder refuses it later
        scan.images());
    assertEquals(0, scan.ignored());
  }

  @Test
  void non_images_are_counted_as_ignored_and_images_are_found_by_magic() throws IOException {
    Files.createDirectories(tmp.resolve(".hidden/deeper"));
    write("README.md", "# notes");
    write("meta.json", "{}");
    write("notes.txt", "BM but not a bitmap");
    write("empty", "");
    Files.copy(SAMPLE_JPEG, tmp.resolve("photo_without_extension"));
    Files.copy(SAMPLE_JPEG, tmp.resolve(".hidden/deeper/IMG_1.JPG"));
    write("drawing.SVG", "<svg/>"); // a candidate by name: the decoder refuses it with a reason

    ImageScanner.Scan scan = scanner.scan(List.of(tmp));
    assertEquals(
        List.of(
            tmp.resolve(".hidden/deeper/IMG_1.JPG"),
            tmp.resolve("drawing.SVG"),
            tmp.resolve("photo_without_extension")),
        scan.images());
    assertEquals(4, scan.ignored());
  }

  @Test
  void several_overlapping_roots_and_single_files_list_each_image_once() throws IOException {
    Path sub = Files.createDirectories(tmp.resolve("sub"));
    Path a = Files.copy(SAMPLE_JPEG, sub.resolve("a.jpg"));
    Path b = Files.copy(SAMPLE_JPEG, tmp.resolve("b.jpg"));
    ImageScanner.Scan scan = scanner.scan(List.of(sub, tmp, a, tmp.resolve("sub/../b.jpg")));
    assertEquals(List.of(b, a), scan.images()); // "b.jpg" < "sub/a.jpg"
  }

  @Test
  void scanning_twice_and_in_another_root_order_gives_the_same_list() throws IOException {
    Path x = Files.createDirectories(tmp.resolve("x"));
    Path y = Files.createDirectories(tmp.resolve("y"));
    for (String name : new String[] {"b.jpg", "a.jpg", "C.jpg", "a0.jpg", "a.png"}) {
      Files.copy(SAMPLE_JPEG, x.resolve(name));
      Files.copy(SAMPLE_JPEG, y.resolve(name));
    }
    List<Path> first = scanner.scan(List.of(x, y)).images();
    assertEquals(first, scanner.scan(List.of(y, x)).images());
    assertEquals(first, scanner.scan(List.of(x, y)).images());
    List<Path> sorted = new ArrayList<>(first);
    sorted.sort(null);
    assertEquals(sorted, first);
    assertEquals(10, first.size());
  }

  @Test
  void excluded_folder_such_as_the_index_is_skipped() throws IOException {
    Path index = Files.createDirectories(tmp.resolve("index"));
    Files.copy(SAMPLE_JPEG, index.resolve("thumb.jpg"));
    Path kept = Files.copy(SAMPLE_JPEG, tmp.resolve("kept.jpg"));
    ImageScanner.Scan scan = scanner.scan(List.of(tmp), List.of(index));
    assertEquals(List.of(kept), scan.images());
    assertEquals(0, scan.ignored());
  }

  @Test
  void symbolic_links_are_not_followed_so_a_loop_ends() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("photos"));
    Path real = Files.copy(SAMPLE_JPEG, dir.resolve("real.jpg"));
    Files.createSymbolicLink(dir.resolve("loop"), tmp); // photos/loop -> its own parent
    Files.createSymbolicLink(dir.resolve("alias.jpg"), real);
    ImageScanner.Scan scan = scanner.scan(List.of(tmp));
    assertEquals(List.of(real), scan.images());
    assertEquals(2, scan.skippedLinks());
  }

  @Test
  void root_that_is_a_link_to_a_folder_is_followed() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("real"));
    Path image = Files.copy(SAMPLE_JPEG, dir.resolve("a.jpg"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
    assertEquals(List.of(image.toRealPath()), scanner.scan(List.of(link)).images());
  }

  @Test
  void missing_root_is_rejected_naming_it() {
    Path missing = tmp.resolve("no-such-folder");
    var e = assertThrows(IllegalArgumentException.class, () -> scanner.scan(List.of(missing)));
    assertEquals("root does not exist: " + missing, e.getMessage());
  }

  @Test
  void no_roots_at_all_is_rejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> scanner.scan(List.of()));
    assertEquals("roots must name at least one folder or file; got none", e.getMessage());
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
  }
}
