package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/** The HTML report and the collage of a real run on {@code cctv/pets2001}, read back exactly. */
class HtmlReportCommandTest {
  private static final Pattern TAG =
      Pattern.compile(
          "<section class=\"group\"[^>]*data-group-id=\"(\\d+)\" data-kept=\"([^\"]*)\""
              + "|<figure class=\"member\" data-path=\"([^\"]*)\""
              + "|<span class=\"box\""
              + "|<img loading=\"lazy\" decoding=\"async\" src=\"([^\"]*)\"");

  @TempDir static Path tmp;
  static JsonNode json;
  static String html;
  static String out;

  @BeforeAll
  static void dedupPets2001WithEveryReport() throws IOException {
    Path report = tmp.resolve("report.json");
    CliRun r =
        CliRun.run(
            tmp,
            "dedup",
            TestData.shared("cctv/pets2001").toString(),
            "--index",
            tmp.resolve("idx").toString(),
            "--report",
            report.toString(),
            "--html",
            tmp.resolve("out/report.html").toString(),
            "--collage",
            tmp.resolve("out/pairs.jpg").toString());
    assertEquals(0, r.exit(), r.err());
    out = r.out();
    json = new ObjectMapper().readTree(report.toFile());
    html = Files.readString(tmp.resolve("out/report.html"), StandardCharsets.UTF_8);
  }

  /** Group id -> [kept, member paths...] as the page lists them, with the boxes per member. */
  record Parsed(Map<Integer, List<String>> groups, Map<String, Integer> boxes, List<String> srcs) {}

  static Parsed parse(String page) {
    Map<Integer, List<String>> groups = new LinkedHashMap<>();
    Map<String, Integer> boxes = new LinkedHashMap<>();
    List<String> srcs = new ArrayList<>();
    List<String> current = null;
    String member = null;
    Matcher m = TAG.matcher(page);
    while (m.find()) {
      if (m.group(1) != null) {
        current = new ArrayList<>(List.of(unescape(m.group(2))));
        groups.put(Integer.parseInt(m.group(1)), current);
        member = null;
      } else if (m.group(3) != null) {
        member = unescape(m.group(3));
        current.add(member);
        boxes.put(member, 0);
      } else if (m.group(4) != null) {
        srcs.add(unescape(m.group(4)));
      } else {
        boxes.merge(member, 1, Integer::sum);
      }
    }
    return new Parsed(groups, boxes, srcs);
  }

  static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  @Test
  void the_html_report_holds_every_group_of_the_json_report_with_the_same_members() {
    Map<Integer, List<String>> expected = new LinkedHashMap<>();
    for (JsonNode g : json.get("groups")) {
      List<String> paths = new ArrayList<>(List.of(g.get("kept").asText()));
      g.get("members").forEach(m -> paths.add(m.get("path").asText()));
      expected.put(g.get("id").asInt(), paths);
    }
    assertTrue(expected.size() > 1, "pets2001 makes several groups");
    assertEquals(expected, parse(html).groups());
  }

  @Test
  void every_member_shows_as_many_changed_region_boxes_as_the_json_report_lists() {
    Map<String, Integer> boxes = parse(html).boxes();
    int withRegions = 0;
    for (JsonNode g : json.get("groups")) {
      for (JsonNode m : g.get("members")) {
        int regions = m.has("regions") ? m.get("regions").size() : 0;
        withRegions += regions > 0 ? 1 : 0;
        assertEquals(regions, boxes.get(m.get("path").asText()), m.toString());
      }
    }
    assertTrue(withRegions > 0, "some pets2001 duplicates have small changed regions");
  }

  @Test
  void the_summary_states_images_groups_removals_and_unreadable_files() {
    JsonNode t = json.get("totals");
    assertTrue(html.contains("<b>" + t.get("images").asInt() + "</b><span>images</span>"));
    assertTrue(html.contains("<b>" + t.get("groups").asInt() + "</b><span>groups</span>"));
    assertTrue(
        html.contains("<b>" + t.get("to_remove").asInt() + "</b><span>images to remove</span>"));
    assertTrue(html.contains("<b>0</b><span>unreadable files</span>"));
    assertTrue(out.contains("HTML report: " + tmp.resolve("out/report.html")), out);
  }

  @Test
  void every_preview_is_a_jpeg_in_the_folder_beside_the_page_and_nothing_comes_from_the_web()
      throws IOException {
    List<String> srcs = parse(html).srcs();
    assertFalse(srcs.isEmpty());
    for (String src : srcs) {
      assertTrue(src.startsWith("report_files/p"), src);
      byte[] bytes = Files.readAllBytes(tmp.resolve("out").resolve(src));
      assertEquals((byte) 0xFF, bytes[0], src);
      assertEquals((byte) 0xD8, bytes[1], src);
    }
    assertFalse(html.contains("http://") || html.contains("https://"), "no remote resources");
  }

  @Test
  void the_collage_draws_twenty_pairs_of_two_previews_above_their_captions() {
    OpenCv.load();
    Mat collage = Imgcodecs.imread(tmp.resolve("out/pairs.jpg").toString());
    try {
      // 20 rows of (240 px pictures + 44 px captions), 8 px apart; two 320 px cells and a gap.
      assertEquals(20 * (240 + 44) + 19 * 8, collage.rows());
      assertEquals(2 * 320 + 8, collage.cols());
    } finally {
      collage.release();
    }
    assertTrue(out.contains("(20 pairs)"), out);
  }
}
