package dev.neardup.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.decode.ImageDecoder;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CollageTest {
  static DedupReport.MemberEntry member(String path) {
    return new DedupReport.MemberEntry(
        path,
        new EvidenceView(
            "phash",
            "identity",
            "identity",
            null,
            3,
            new EvidenceView.PixelDiffView(10.0, 0.001, true, List.of(), 320, 240, null),
            null,
            true,
            null,
            false,
            false));
  }

  static DedupReport.GroupEntry group(int id, int members) {
    return new DedupReport.GroupEntry(
        id,
        "/g" + id + "/kept.jpg",
        320,
        240,
        "rule",
        IntStream.range(0, members).mapToObj(i -> member("/g" + id + "/m" + i + ".jpg")).toList());
  }

  static DedupReport report(DedupReport.GroupEntry... groups) {
    return new DedupReport(
        "neardup",
        "t",
        List.of(),
        "idx",
        null,
        null,
        null,
        List.of(),
        List.of(groups),
        List.of(),
        null,
        null,
        null,
        null);
  }

  static List<String> chosen(DedupReport r, int max) {
    return Collage.pairs(r, max).stream().map(p -> p.member().path()).toList();
  }

  @Test
  void pairs_are_taken_round_robin_so_one_big_group_does_not_fill_the_collage() {
    DedupReport r = report(group(1, 3), group(2, 1), group(3, 2));
    assertEquals(
        List.of("/g1/m0.jpg", "/g2/m0.jpg", "/g3/m0.jpg", "/g1/m1.jpg", "/g3/m1.jpg"),
        chosen(r, 5));
    assertEquals(6, chosen(r, 100).size(), "no more pairs than duplicates");
  }

  @Test
  void a_collage_of_zero_pairs_or_of_another_format_is_refused_naming_the_value() {
    Previews p = new Previews(new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS), 320);
    DedupReport r = report(group(1, 1));
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class, () -> Collage.write(r, p, 0, Path.of("c.jpg")));
    assertTrue(zero.getMessage().contains("got 0"), zero.getMessage());
    IllegalArgumentException gif =
        assertThrows(
            IllegalArgumentException.class, () -> Collage.write(r, p, 5, Path.of("c.gif")));
    assertTrue(gif.getMessage().contains("c.gif"), gif.getMessage());
  }

  @Test
  void boxes_are_placed_in_percent_of_the_scored_resolution() {
    assertEquals(
        "left:25.000%;top:50.000%;width:10.000%;height:5.000%",
        HtmlReport.boxStyle(new dev.neardup.image.Box(80, 120, 32, 12), 320, 240));
  }
}
