package dev.neardup.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neardup.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthTest {
  @TempDir Path dir;

  @Test
  void the_ukbench_csv_lists_200_images_in_50_groups_of_4() throws IOException {
    GroundTruth t = GroundTruth.read(TestData.shared("ukbench/groundtruth.csv"));
    assertEquals(200, t.files().size());
    assertEquals(50, t.groupCount());
    assertEquals("0", t.groupOf("ukbench00003.jpg"));
    assertEquals("1", t.groupOf("ukbench00004.jpg"));
    assertEquals("49", t.groupOf("./ukbench00199.jpg"));
  }

  @Test
  void csv_groups_are_everything_after_the_last_comma_and_blank_lines_are_skipped() {
    GroundTruth t =
        GroundTruth.parseCsv(List.of("file,group", "a,b.jpg,x", "", "  sub\\c.jpg , y "), "t.csv");
    assertEquals(Map.of("a,b.jpg", "x", "sub/c.jpg", "y"), Map.copyOf(toMap(t)));
  }

  @Test
  void a_csv_line_without_a_group_is_refused_with_its_line_number() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GroundTruth.parseCsv(List.of("file,group", "a.jpg,1", "b.jpg"), "t.csv"));
    assertEquals("t.csv line 3: expected 'file,group'; got 'b.jpg'", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GroundTruth.parseCsv(List.of("a.jpg,1", "b.jpg,"), "t.csv"));
    assertEquals("t.csv line 2: expected 'file,group'; got 'b.jpg,'", e.getMessage());
  }

  @Test
  void a_file_listed_twice_in_csv_names_both_lines() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GroundTruth.parseCsv(List.of("a.jpg,1", "b.jpg,1", "a.jpg,2"), "t.csv"));
    assertEquals("t.csv line 3: a.jpg is already listed on line 1", e.getMessage());
  }

  @Test
  void json_lists_of_groups_are_labelled_by_position() throws IOException {
    Path file = dir.resolve("truth.json");
    Files.writeString(file, "[[\"a.jpg\", \"b.jpg\"], [\"c.jpg\"]]");
    GroundTruth t = GroundTruth.read(file);
    assertEquals(Map.of("a.jpg", "1", "b.jpg", "1", "c.jpg", "2"), toMap(t));
    GroundTruth wrapped = GroundTruth.parseJson("{\"groups\": [[\"x.png\"]]}", "w.json");
    assertEquals("1", wrapped.groupOf("x.png"));
  }

  @Test
  void json_errors_name_the_group_and_item() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GroundTruth.parseJson("[[\"a.jpg\"], [\"b.jpg\", 5]]", "t.json"));
    assertEquals("t.json group 2, item 2: expected a file name; got 5", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GroundTruth.parseJson("[[\"a.jpg\"], [\"b.jpg\", \"a.jpg\"]]", "t.json"));
    assertEquals(
        "t.json group 2, item 2: a.jpg is already listed in group 1, item 1", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> GroundTruth.parseJson("{\"x\": 1}", "t.json"));
    assertEquals(
        "t.json: expected a list of groups ([[\"a.jpg\", \"b.jpg\"], ...]) or {\"groups\": ...}",
        e.getMessage());
  }

  @Test
  void unlisted_images_are_labelled_as_groups_of_their_own() {
    GroundTruth t = GroundTruth.of(Map.of("a.jpg", "g", "sub/b.jpg", "g"));
    Path root = dir.toAbsolutePath();
    Map<String, String> labels =
        t.label(
            root,
            List.of(
                root.resolve("a.jpg").toString(),
                root.resolve("sub/b.jpg").toString(),
                root.resolve("other.jpg").toString()));
    assertEquals("truth:g", labels.get(root.resolve("a.jpg").toString()));
    assertEquals("truth:g", labels.get(root.resolve("sub/b.jpg").toString()));
    assertEquals(
        "alone:" + root.resolve("other.jpg"), labels.get(root.resolve("other.jpg").toString()));
    assertNull(t.groupOf("other.jpg"));
  }

  private static Map<String, String> toMap(GroundTruth t) {
    java.util.Map<String, String> m = new java.util.HashMap<>();
    for (String f : t.files()) {
      m.put(f, t.groupOf(f));
    }
    return m;
  }
}
