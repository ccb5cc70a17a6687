package dev.neardup.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neardup.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

class ImageHeaderTest {
  private static final Path FORMATS = TestData.shared("peers/imagededup/formats_images");

  @Test
  void sample_headers_give_the_sizes_the_files_declare() throws Exception {
    assertHeader("Iggy.1024.ppm", ImageFormat.PNM, 1024, 1024);
    assertHeader("baboon.pgm", ImageFormat.PNM, 512, 512);
    assertHeader("marbles.pbm", ImageFormat.PNM, 1152, 813); // has a '# CREATOR' comment
    assertHeader("copyleft.tiff", ImageFormat.TIFF, 220, 220); // big-endian TIFF
    assertHeader("giphy.gif", ImageFormat.GIF, 314, 400);
    assertHeader("ukbench09380.webp", ImageFormat.WEBP, 640, 480); // VP8X
    assertHeader("ukbench09380.png", ImageFormat.JPEG, 640, 480); // JPEG named .png, EXIF present
  }

  @Test
  void little_endian_tiff_bmp_and_simple_webp_headers_are_parsed() throws Exception {
    OpenCv.load();
    Mat image = Imgcodecs.imread(TestData.shared("stills").resolve("fruits.jpg").toString());
    // OpenCV writes little-endian TIFF, BITMAPINFOHEADER BMP, and lossy (VP8) / lossless (VP8L)
    // WebP.
    assertEquals(
        new ImageHeader(ImageFormat.TIFF, image.cols(), image.rows(), 1),
        header(TestImages.encode(".tiff", image)));
    assertEquals(
        new ImageHeader(ImageFormat.BMP, image.cols(), image.rows(), 1),
        header(TestImages.encode(".bmp", image)));
    byte[] lossy = encodeWebp(image, 90);
    assertEquals(new ImageHeader(ImageFormat.WEBP, image.cols(), image.rows(), 1), header(lossy));
    Mat small = image.submat(0, 37, 0, 53);
    assertEquals(new ImageHeader(ImageFormat.WEBP, 53, 37, 1), header(encodeWebp(small, 101)));
  }

  @Test
  void jpeg_exif_orientation_tag_is_read_and_defaults_to_one() throws Exception {
    byte[] jpeg = Files.readAllBytes(TestData.shared("cctv/vtest/frame_00020.jpg"));
    assertEquals(new ImageHeader(ImageFormat.JPEG, 768, 576, 1), header(jpeg));
    ImageHeader rotated = header(TestImages.withExifOrientation(jpeg, 6));
    assertEquals(new ImageHeader(ImageFormat.JPEG, 768, 576, 6), rotated);
    assertEquals(576, rotated.orientedWidth());
    assertEquals(768, rotated.orientedHeight());
  }

  @Test
  void png_exif_chunk_and_webp_exif_chunk_orientation_is_read() throws Exception {
    OpenCv.load();
    Mat image = Imgcodecs.imread(TestData.shared("cctv/vtest/frame_00000.png").toString());
    byte[] png = TestImages.encode(".png", image);
    assertEquals(1, header(png).exifOrientation());
    ImageHeader rotated = header(TestImages.withPngExif(png, 6));
    assertEquals(new ImageHeader(ImageFormat.PNG, image.cols(), image.rows(), 6), rotated);
    assertEquals(image.rows(), rotated.orientedWidth());

    byte[] webp = encodeWebp(image, 90);
    byte[] extended = TestImages.withWebpExif(webp, image.cols(), image.rows(), 8);
    assertEquals(
        new ImageHeader(ImageFormat.WEBP, image.cols(), image.rows(), 8), header(extended));
  }

  @Test
  void a_broken_exif_block_is_treated_as_upright_not_as_unreadable() throws Exception {
    byte[] jpeg = Files.readAllBytes(TestData.shared("cctv/vtest/frame_00020.jpg"));
    byte[] broken = TestImages.withExifOrientation(jpeg, 6);
    broken[2 + 4 + 6] = 'X'; // the TIFF byte order mark: neither II nor MM
    broken[2 + 4 + 6 + 1] = 'X';
    assertEquals(new ImageHeader(ImageFormat.JPEG, 768, 576, 1), header(broken));
    // An IFD0 offset past the end of the block, as some editors write: metadata-extractor falls
    // back to the usual offset 8 and finds the tag there.
    byte[] misplaced = TestImages.withExifOrientation(jpeg, 6);
    misplaced[2 + 4 + 6 + 4] = 0x7F;
    assertEquals(6, header(misplaced).exifOrientation());
  }

  @Test
  void out_of_range_exif_orientation_is_treated_as_upright() throws Exception {
    byte[] jpeg = Files.readAllBytes(TestData.shared("cctv/vtest/frame_00020.jpg"));
    assertEquals(1, header(TestImages.withExifOrientation(jpeg, 0)).exifOrientation());
    assertEquals(1, header(TestImages.withExifOrientation(jpeg, 9)).exifOrientation());
  }

  @Test
  void empty_bytes_are_refused_as_an_empty_file() {
    assertEquals("empty file", reason(new byte[0]));
  }

  @Test
  void text_is_refused_naming_its_first_bytes() {
    byte[] json = "{\n  \"a\": 1\n}\n".getBytes(StandardCharsets.US_ASCII);
    assertEquals("not an image (starts with bytes 7b 0a 20 20)", reason(json));
    assertEquals("not an image (starts with bytes 68 69)", reason(new byte[] {'h', 'i'}));
  }

  @Test
  void corrupt_sample_jpeg_is_refused_as_not_an_image() throws IOException {
    byte[] bytes =
        Files.readAllBytes(
            TestData.shared("peers/imagededup/mixed_images/ukbench09268_corrupt.jpg"));
    assertEquals("not an image (starts with bytes 38 f2 af 67)", reason(bytes));
  }

  @Test
  void svg_is_refused_as_a_vector_image() {
    byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8);
    assertEquals("unsupported format: SVG (vector image)", reason(svg));
  }

  @Test
  void header_cut_short_is_refused_as_truncated() throws IOException {
    byte[] png = TestImages.pngHeaderOnly(100, 100);
    assertEquals("truncated PNG header", reason(Arrays.copyOf(png, 18)));
    byte[] jpeg = Files.readAllBytes(TestData.shared("cctv/vtest/frame_00020.jpg"));
    assertEquals("truncated JPEG header", reason(Arrays.copyOf(jpeg, 100)));
    assertEquals(
        "truncated GIF header", reason("GIF89a\u0001".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void zero_sized_png_is_refused_as_a_corrupt_header() {
    assertEquals("corrupt PNG header: image size 0x10", reason(TestImages.pngHeaderOnly(0, 10)));
  }

  @Test
  void huge_claimed_size_is_reported_without_overflow() throws Exception {
    ImageHeader h = header(TestImages.pngHeaderOnly(100_000, 100_000));
    assertEquals(10_000_000_000L, h.pixels());
  }

  @Test
  void pnm_with_non_numeric_size_is_refused() {
    assertEquals(
        "corrupt PNM header: width is not a number (byte 120 at offset 3)",
        reason("P6\nx 2\n255\n".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void record_refuses_impossible_values_naming_them() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> new ImageHeader(ImageFormat.PNG, 0, 5, 1));
    assertEquals("size must be positive; got 0x5", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> new ImageHeader(ImageFormat.PNG, 5, 5, 9));
    assertEquals("exifOrientation must be 1..8; got 9", e.getMessage());
  }

  private static void assertHeader(String name, ImageFormat format, int w, int h) throws Exception {
    Path f = FORMATS.resolve(name);
    assertEquals(
        new ImageHeader(format, w, h, 1), ImageHeader.read(f, Files.readAllBytes(f)), name);
  }

  private static ImageHeader header(byte[] bytes) throws DecodeException {
    return ImageHeader.read(Path.of("x"), bytes);
  }

  private static String reason(byte[] bytes) {
    DecodeException e = assertThrows(DecodeException.class, () -> header(bytes));
    assertEquals(Path.of("x"), e.file());
    assertEquals("x: " + e.reason(), e.getMessage());
    return e.reason();
  }

  /** WebP at {@code quality}; above 100 OpenCV's encoder writes lossless (VP8L), else VP8. */
  private static byte[] encodeWebp(Mat image, int quality) {
    org.opencv.core.MatOfByte out = new org.opencv.core.MatOfByte();
    Imgcodecs.imencode(
        ".webp", image, out, new org.opencv.core.MatOfInt(Imgcodecs.IMWRITE_WEBP_QUALITY, quality));
    byte[] b = out.toArray();
    assertEquals(quality > 100 ? "VP8L" : "VP8 ", new String(b, 12, 4, StandardCharsets.US_ASCII));
    return b;
  }
}
