package dev.neardup.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neardup.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

  @Test
  void every_sample_format_is_recognised_from_content_not_extension() throws IOException {
    Map<String, ImageFormat> expected = new TreeMap<>();
    expected.put("Iggy.1024.ppm", ImageFormat.PNM);
    expected.put("baboon.pgm", ImageFormat.PNM);
    expected.put("marbles.pbm", ImageFormat.PNM);
    expected.put("copyleft.tiff", ImageFormat.TIFF);
    expected.put("giphy.gif", ImageFormat.GIF);
    expected.put("ukbench09380.webp", ImageFormat.WEBP);
    // byte-identical JPEG copies under lying extensions
    expected.put("ukbench09380.bmp", ImageFormat.JPEG);
    expected.put("ukbench09380.jpeg", ImageFormat.JPEG);
    expected.put("ukbench09380.png", ImageFormat.JPEG);
    expected.put("ukbench09380.svg", ImageFormat.JPEG);

    Map<String, ImageFormat> actual = new TreeMap<>();
    try (var files = Files.list(TestData.shared("peers/imagededup/formats_images"))) {
      for (Path f : files.toList()) {
        actual.put(f.getFileName().toString(), ImageFormat.detect(Files.readAllBytes(f)));
      }
    }
    assertEquals(expected, actual);
  }

  @Test
  void png_and_bmp_magics_are_recognised() {
    byte[] png = TestImages.pngHeaderOnly(10, 10);
    assertEquals(ImageFormat.PNG, ImageFormat.detect(png));
    byte[] bmp = new byte[54];
    bmp[0] = 'B';
    bmp[1] = 'M';
    bmp[14] = 40;
    assertEquals(ImageFormat.BMP, ImageFormat.detect(bmp));
  }

  @Test
  void text_starting_with_bm_is_not_taken_for_a_bmp() {
    byte[] text = "BMW service history, 2019-2024\n".getBytes(StandardCharsets.US_ASCII);
    assertEquals(ImageFormat.UNKNOWN, ImageFormat.detect(text));
  }

  @Test
  void svg_is_recognised_as_xml_with_an_svg_root_even_after_a_prolog() {
    String svg =
        "\uFEFF  <?xml version=\"1.0\"?>\n<!-- drawn by hand -->\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
    assertEquals(ImageFormat.SVG, ImageFormat.detect(svg.getBytes(StandardCharsets.UTF_8)));
    String html = "<html><body>no vector here</body></html>";
    assertEquals(ImageFormat.UNKNOWN, ImageFormat.detect(html.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void ascii_and_binary_netpbm_variants_are_pnm_but_p7_and_p0_are_not() {
    for (String magic : new String[] {"P1\n", "P2 ", "P3\r\n", "P4\n", "P5\t", "P6\n"}) {
      assertEquals(ImageFormat.PNM, ImageFormat.detect(ascii(magic + "2 2\n")), magic);
    }
    assertEquals(ImageFormat.UNKNOWN, ImageFormat.detect(ascii("P7\nWIDTH 2\n")));
    assertEquals(ImageFormat.UNKNOWN, ImageFormat.detect(ascii("P0\n")));
    assertEquals(ImageFormat.UNKNOWN, ImageFormat.detect(ascii("Pizza\n")));
  }

  @Test
  void empty_content_is_unknown() {
    assertEquals(ImageFormat.UNKNOWN, ImageFormat.detect(new byte[0]));
  }

  @Test
  void extension_is_read_case_insensitively_and_unknown_names_say_unknown() {
    assertEquals(ImageFormat.JPEG, ImageFormat.fromExtension(Path.of("a/IMG_0001.JPG")));
    assertEquals(ImageFormat.JPEG, ImageFormat.fromExtension(Path.of("b.jpeg")));
    assertEquals(ImageFormat.TIFF, ImageFormat.fromExtension(Path.of("scan.Tif")));
    assertEquals(ImageFormat.PNM, ImageFormat.fromExtension(Path.of("x.pbm")));
    assertEquals(ImageFormat.SVG, ImageFormat.fromExtension(Path.of("logo.svg")));
    assertEquals(ImageFormat.UNKNOWN, ImageFormat.fromExtension(Path.of("README")));
    assertEquals(ImageFormat.UNKNOWN, ImageFormat.fromExtension(Path.of("notes.txt")));
    assertEquals(ImageFormat.UNKNOWN, ImageFormat.fromExtension(Path.of(".jpg.d/file")));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
