package dev.neardup.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

class ImageDecoderTest {
  private static final Path FORMATS = TestData.shared("peers/imagededup/formats_images");
  private static final Path VTEST_JPEG = TestData.shared("cctv/vtest/frame_00020.jpg");

  private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

  @TempDir Path tmp;

  @Test
  void every_sample_format_decodes_to_its_header_size_as_8_bit_bgr() throws Exception {
    String[] names = {
      "Iggy.1024.ppm",
      "baboon.pgm",
      "marbles.pbm",
      "copyleft.tiff",
      "giphy.gif",
      "ukbench09380.webp",
      "ukbench09380.jpeg"
    };
    for (String name : names) {
      Path f = FORMATS.resolve(name);
      ImageHeader header = ImageHeader.read(f, Files.readAllBytes(f));
      try (DecodedImage image = decoder.decode(f)) {
        assertEquals(header.format(), image.format(), name);
        assertEquals(header.width(), image.width(), name);
        assertEquals(header.height(), image.height(), name);
        assertEquals(header.width(), image.bgr().cols(), name);
        assertEquals(header.height(), image.bgr().rows(), name);
        assertEquals(CvType.CV_8UC3, image.bgr().type(), name);
        assertEquals(1, image.reduction(), name);
      }
    }
  }

  @Test
  void jpeg_bytes_under_wrong_extensions_decode_by_content_and_flag_the_mismatch()
      throws Exception {
    for (String ext : new String[] {"bmp", "png", "svg"}) {
      try (DecodedImage image = decoder.decode(FORMATS.resolve("ukbench09380." + ext))) {
        assertEquals(ImageFormat.JPEG, image.format(), ext);
        assertEquals(640, image.width());
        assertTrue(image.extensionMismatch(), ext);
      }
    }
    try (DecodedImage jpeg = decoder.decode(FORMATS.resolve("ukbench09380.jpeg"));
        DecodedImage webp = decoder.decode(FORMATS.resolve("ukbench09380.webp"))) {
      assertFalse(jpeg.extensionMismatch());
      assertFalse(webp.extensionMismatch());
    }
  }

  @Test
  void file_without_an_image_extension_is_not_a_mismatch() throws Exception {
    Path f = tmp.resolve("download");
    Files.copy(VTEST_JPEG, f);
    try (DecodedImage image = decoder.decode(f)) {
      assertEquals(ImageFormat.JPEG, image.format());
      assertFalse(image.extensionMismatch());
    }
  }

  @Test
  void corrupt_sample_jpeg_is_refused_with_its_reason() {
    Path f = TestData.shared("peers/imagededup/mixed_images/ukbench09268_corrupt.jpg");
    DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode(f));
    assertEquals(f, e.file());
    assertEquals("not an image (starts with bytes 38 f2 af 67)", e.reason());
    assertEquals(f + ": not an image (starts with bytes 38 f2 af 67)", e.getMessage());
  }

  @Test
  void truncated_jpeg_is_refused_although_opencv_would_fill_it_with_gray() throws Exception {
    byte[] jpeg = Files.readAllBytes(VTEST_JPEG);
    byte[] half = Arrays.copyOf(jpeg, jpeg.length / 2);
    OpenCv.load();
    Mat partial = Imgcodecs.imdecode(new MatOfByte(half), Imgcodecs.IMREAD_COLOR);
    assertFalse(partial.empty(), "premise: OpenCV decodes the truncated file without complaint");
    Path f = write("cut.jpg", half);
    assertEquals("truncated JPEG: no end-of-image marker", reason(f));
    assertEquals("truncated JPEG: no end-of-image marker", reason(() -> decoder.decode(f, 64)));
  }

  @Test
  void jpeg_with_trailing_bytes_after_its_end_marker_is_accepted() throws Exception {
    byte[] jpeg = Files.readAllBytes(VTEST_JPEG);
    byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 1000); // zeros after EOI, as some cameras do
    try (DecodedImage image = decoder.decode(write("padded.jpg", padded))) {
      assertEquals(768, image.width());
    }
  }

  @Test
  void progressive_and_restart_marker_jpegs_are_walked_to_their_end_marker() throws Exception {
    Mat src = Imgcodecs.imread(VTEST_JPEG.toString());
    int[][] params = {
      {Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1}, {Imgcodecs.IMWRITE_JPEG_RST_INTERVAL, 4}
    };
    for (int[] p : params) {
      MatOfByte out = new MatOfByte();
      assertTrue(Imgcodecs.imencode(".jpg", src, out, new org.opencv.core.MatOfInt(p)));
      byte[] jpeg = out.toArray();
      try (DecodedImage image = decoder.decode(write("whole.jpg", jpeg))) {
        assertEquals(768, image.width());
      }
      // cut inside the last scan: every earlier scan is complete, the end marker is missing
      byte[] cut = Arrays.copyOf(jpeg, jpeg.length - 200);
      assertEquals("truncated JPEG: no end-of-image marker", reason(write("cut.jpg", cut)));
    }
  }

  @Test
  void truncated_png_and_webp_are_refused() throws Exception {
    byte[] png = Files.readAllBytes(TestData.shared("cctv/vtest/frame_00000.png"));
    assertEquals(
        "truncated PNG: no IEND chunk",
        reason(write("cut.png", Arrays.copyOf(png, png.length / 2))));
    byte[] webp = Files.readAllBytes(FORMATS.resolve("ukbench09380.webp"));
    assertEquals(
        "corrupt WebP data: OpenCV could not decode it",
        reason(write("cut.webp", Arrays.copyOf(webp, webp.length / 2))));
  }

  @Test
  void png_claiming_100000_squared_pixels_is_refused_before_decoding() throws Exception {
    // 33 bytes: a valid signature and IHDR, no image data at all. Reaching the decoder would fail
    // differently ("truncated PNG"), so this reason proves the limit is checked first.
    Path f = write("bomb.png", TestImages.pngHeaderOnly(100_000, 100_000));
    assertEquals(
        "too many pixels: 100000x100000 = 10000.0 MP exceeds the limit of 178.9 MP"
            + " (decode.max_pixels)",
        reason(f));
  }

  @Test
  void pixel_limit_is_inclusive_and_uses_the_configured_value() throws Exception {
    Path f = TestData.shared("cctv/vtest/frame_00000.png"); // 768x576 = 442368 px
    try (DecodedImage image = new ImageDecoder(768 * 576).decode(f)) {
      assertEquals(768, image.width());
    }
    DecodeException e =
        assertThrows(DecodeException.class, () -> new ImageDecoder(768 * 576 - 1).decode(f));
    assertEquals(
        "too many pixels: 768x576 = 0.5 MP exceeds the limit of 0.4 MP (decode.max_pixels)",
        e.reason());
  }

  @Test
  void non_positive_pixel_limit_is_rejected_naming_the_value() {
    var e = assertThrows(IllegalArgumentException.class, () -> new ImageDecoder(0));
    assertEquals("decode.max_pixels must be > 0; got 0", e.getMessage());
  }

  @Test
  void non_positive_shorter_side_is_rejected_naming_the_value() {
    var e = assertThrows(IllegalArgumentException.class, () -> decoder.decode(VTEST_JPEG, 0));
    assertEquals("minShorterSide must be >= 1; got 0", e.getMessage());
  }

  @Test
  void empty_text_and_svg_files_are_refused_with_reasons() throws Exception {
    assertEquals("empty file", reason(write("empty.jpg", new byte[0])));
    assertEquals(
        "not an image (starts with bytes 7b 0a 20 20)",
        reason(write("meta.json", "{\n  \"k\": 1\n}".getBytes(StandardCharsets.US_ASCII))));
    assertEquals(
        "unsupported format: SVG (vector image)",
        reason(
            write(
                "logo.svg",
                "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
                    .getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void missing_file_and_folder_are_refused_as_unreadable() {
    assertEquals("cannot read file: no such file", reason(tmp.resolve("gone.jpg")));
    assertTrue(reason(tmp).startsWith("cannot read file: "), reason(tmp));
  }

  @Test
  void rgba_png_is_composited_over_white() throws Exception {
    Mat bgra = new Mat(2, 3, CvType.CV_8UC4);
    // opaque blue, fully transparent red, half-transparent black
    bgra.put(
        0,
        0,
        new byte[] {
          (byte) 255, 0, 0, (byte) 255, 0, 0, (byte) 255, 0, 0, 0, 0, (byte) 128,
          (byte) 255, 0, 0, (byte) 255, 0, 0, (byte) 255, 0, 0, 0, 0, (byte) 128
        });
    try (DecodedImage image = decoder.decode(write("rgba.png", TestImages.encode(".png", bgra)))) {
      assertEquals(CvType.CV_8UC3, image.bgr().type());
      assertArrayEquals(new byte[] {(byte) 255, 0, 0}, pixel(image.bgr(), 0, 0));
      assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255}, pixel(image.bgr(), 0, 1));
      assertArrayEquals(new byte[] {127, 127, 127}, pixel(image.bgr(), 0, 2)); // 255-255*128/255
    }
  }

  @Test
  void sixteen_bit_and_gray_pngs_come_out_as_8_bit_bgr() throws Exception {
    Mat gray16 = new Mat(4, 5, CvType.CV_16UC1);
    gray16.setTo(new org.opencv.core.Scalar(65535));
    gray16.put(0, 0, new short[] {(short) 257 * 100});
    Mat color16 =
        new Mat(4, 5, CvType.CV_16UC3, new org.opencv.core.Scalar(257 * 10, 257 * 20, 257 * 30));
    Mat gray8 = new Mat(4, 5, CvType.CV_8UC1, new org.opencv.core.Scalar(77));
    try (DecodedImage a = decoder.decode(write("g16.png", TestImages.encode(".png", gray16)));
        DecodedImage b = decoder.decode(write("c16.png", TestImages.encode(".png", color16)));
        DecodedImage c = decoder.decode(write("g8.png", TestImages.encode(".png", gray8)))) {
      for (DecodedImage image : new DecodedImage[] {a, b, c}) {
        assertEquals(CvType.CV_8UC3, image.bgr().type());
        assertEquals(5, image.width());
        assertEquals(4, image.height());
      }
      assertArrayEquals(new byte[] {100, 100, 100}, pixel(a.bgr(), 0, 0));
      assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255}, pixel(a.bgr(), 3, 4));
      assertArrayEquals(new byte[] {10, 20, 30}, pixel(b.bgr(), 2, 2));
      assertArrayEquals(new byte[] {77, 77, 77}, pixel(c.bgr(), 1, 1));
    }
  }

  @Test
  void gray_alpha_png_from_the_samples_decodes_to_bgr() throws Exception {
    try (DecodedImage image = decoder.decode(TestData.shared("peers/jimagehash/catCustom.png"))) {
      assertEquals(CvType.CV_8UC3, image.bgr().type());
      assertEquals(850, image.width());
      assertEquals(445, image.height());
    }
  }

  @Test
  void logos_with_equal_colour_planes_and_different_alpha_stay_different() throws Exception {
    // JImageHash's transparent0/1.png: a MINI and a Citroen logo whose RGB planes are both all
    // black; only alpha draws the logo. Ignoring alpha would make them identical.
    Path dir = TestData.shared("peers/jimagehash");
    Mat raw =
        Imgcodecs.imread(dir.resolve("transparent0.png").toString(), Imgcodecs.IMREAD_UNCHANGED);
    Mat alpha = new Mat();
    Core.extractChannel(raw, alpha, 3);
    Mat transparent = new Mat();
    Core.compare(alpha, new org.opencv.core.Scalar(0), transparent, Core.CMP_EQ);
    try (DecodedImage a = decoder.decode(dir.resolve("transparent0.png"));
        DecodedImage b = decoder.decode(dir.resolve("transparent1.png"))) {
      Mat diff = new Mat();
      Core.absdiff(a.bgr(), b.bgr(), diff);
      assertTrue(Core.mean(diff).val[0] > 40, "mean difference " + Core.mean(diff).val[0]);
      // every fully transparent pixel is white
      Mat gray = new Mat();
      org.opencv.imgproc.Imgproc.cvtColor(a.bgr(), gray, org.opencv.imgproc.Imgproc.COLOR_BGR2GRAY);
      Core.MinMaxLocResult underTransparency = Core.minMaxLoc(gray, transparent);
      assertTrue(Core.countNonZero(transparent) > 0);
      assertEquals(255.0, underTransparency.minVal);
    }
  }

  @Test
  void reduced_jpeg_decode_picks_the_largest_factor_keeping_the_shorter_side() throws Exception {
    try (DecodedImage image = decoder.decode(VTEST_JPEG, 256)) { // 768x576: 576/2=288, /4=144
      assertEquals(2, image.reduction());
      assertEquals(768, image.width());
      assertEquals(576, image.height());
      assertEquals(384, image.bgr().cols());
      assertEquals(288, image.bgr().rows());
      assertEquals(CvType.CV_8UC3, image.bgr().type());
    }
    try (DecodedImage image = decoder.decode(VTEST_JPEG, 72)) {
      assertEquals(8, image.reduction());
      assertEquals(96, image.bgr().cols());
    }
    try (DecodedImage image = decoder.decode(VTEST_JPEG, 577)) {
      assertEquals(1, image.reduction());
    }
  }

  @Test
  void reduction_rounds_odd_sizes_up_like_libjpeg() {
    ImageHeader odd = new ImageHeader(ImageFormat.JPEG, 1001, 499, 1);
    assertEquals(2, ImageDecoder.jpegReduction(odd, 250)); // ceil(499/2) = 250
    assertEquals(1, ImageDecoder.jpegReduction(odd, 251));
    assertEquals(8, ImageDecoder.jpegReduction(odd, 63)); // ceil(499/8) = 63
  }

  @Test
  void non_jpeg_is_decoded_in_full_even_when_a_reduction_is_allowed() throws Exception {
    try (DecodedImage image = decoder.decode(TestData.shared("cctv/vtest/frame_00000.png"), 64)) {
      assertEquals(1, image.reduction());
      assertEquals(768, image.bgr().cols());
    }
  }

  @Test
  void png_exif_orientation_turns_the_pixels() throws Exception {
    Mat src = Imgcodecs.imread(TestData.shared("cctv/vtest/frame_00000.png").toString());
    byte[] png = TestImages.withPngExif(TestImages.encode(".png", src), 6);
    Mat expected = new Mat();
    Core.rotate(src, expected, Core.ROTATE_90_CLOCKWISE);
    try (DecodedImage image = decoder.decode(write("o6.png", png))) {
      assertEquals(6, image.header().exifOrientation());
      assertEquals(src.rows(), image.width());
      assertEquals(src.cols(), image.height());
      assertEquals(0.0, Core.norm(image.bgr(), expected, Core.NORM_INF));
    }
  }

  @Test
  void exif_orientation_is_applied_as_opencv_does_for_full_and_reduced_decodes() throws Exception {
    byte[] jpeg = Files.readAllBytes(VTEST_JPEG);
    for (int orientation = 1; orientation <= 8; orientation++) {
      byte[] oriented = TestImages.withExifOrientation(jpeg, orientation);
      Path f = write("o" + orientation + ".jpg", oriented);
      // Without IGNORE_ORIENTATION OpenCV applies the tag itself: that is the reference.
      Mat fullRef = Imgcodecs.imdecode(new MatOfByte(oriented), Imgcodecs.IMREAD_COLOR);
      Mat halfRef = Imgcodecs.imdecode(new MatOfByte(oriented), Imgcodecs.IMREAD_REDUCED_COLOR_2);
      try (DecodedImage full = decoder.decode(f);
          DecodedImage half = decoder.decode(f, 256)) {
        boolean turned = orientation >= 5;
        assertEquals(turned ? 576 : 768, full.width(), "orientation " + orientation);
        assertEquals(turned ? 768 : 576, full.height(), "orientation " + orientation);
        assertEquals(full.width(), half.width());
        assertEquals(0.0, Core.norm(full.bgr(), fullRef, Core.NORM_INF), "full " + orientation);
        assertEquals(2, half.reduction());
        assertEquals(0.0, Core.norm(half.bgr(), halfRef, Core.NORM_INF), "half " + orientation);
      }
    }
  }

  @Test
  void tiff_orientation_is_applied_once() throws Exception {
    Mat src = Imgcodecs.imread(TestData.shared("stills/fruits.jpg").toString()); // 512x480
    byte[] tiff = TestImages.encode(".tiff", src);
    // OpenCV writes a little-endian IFD0 whose PlanarConfiguration (284) entry holds the default,
    // 1: turn that entry into Orientation (0x0112) = 6, "rotate 90 degrees clockwise to view".
    int ifd = (int) le32(tiff, 4);
    int entries = (tiff[ifd] & 0xFF) | (tiff[ifd + 1] & 0xFF) << 8;
    boolean patched = false;
    for (int e = 0; e < entries; e++) {
      int at = ifd + 2 + 12 * e;
      if (((tiff[at] & 0xFF) | (tiff[at + 1] & 0xFF) << 8) == 284) {
        byte[] orientation = {0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0};
        System.arraycopy(orientation, 0, tiff, at, 12);
        patched = true;
      }
    }
    assertTrue(patched, "premise: OpenCV wrote a PlanarConfiguration tag");
    Mat expected = new Mat();
    Core.rotate(src, expected, Core.ROTATE_90_CLOCKWISE);
    try (DecodedImage image = decoder.decode(write("o6.tiff", tiff))) {
      assertEquals(6, image.header().exifOrientation());
      assertEquals(480, image.width());
      assertEquals(512, image.height());
      assertEquals(0.0, Core.norm(image.bgr(), expected, Core.NORM_INF));
    }
  }

  @Test
  void animated_webp_is_refused_as_unsupported() throws Exception {
    byte[] webp = new byte[40];
    byte[] head = {
      'R', 'I', 'F', 'F', 32, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 10, 0, 0, 0, 0x02, 0,
      0, 0, 99, 0, 0, 99, 0, 0
    };
    System.arraycopy(head, 0, webp, 0, head.length);
    assertEquals("unsupported format: animated WebP", reason(write("anim.webp", webp)));
  }

  @Test
  void palette_gif_and_png_transparency_becomes_white() throws Exception {
    java.awt.image.IndexColorModel palette =
        new java.awt.image.IndexColorModel(
            8, 2, new byte[] {0, (byte) 255}, new byte[] {0, 0}, new byte[] {(byte) 255, 0}, 1);
    java.awt.image.BufferedImage img =
        new java.awt.image.BufferedImage(
            4, 3, java.awt.image.BufferedImage.TYPE_BYTE_INDEXED, palette);
    img.getRaster().setSample(0, 0, 0, 0); // blue; the rest is index 0 too ...
    img.getRaster().setSample(1, 0, 0, 1); // ... except this transparent pixel
    for (String format : new String[] {"png", "gif"}) {
      Path f = tmp.resolve("palette." + format);
      assertTrue(javax.imageio.ImageIO.write(img, format, f.toFile()), format);
      try (DecodedImage image = decoder.decode(f)) {
        assertEquals(CvType.CV_8UC3, image.bgr().type(), format);
        assertArrayEquals(new byte[] {(byte) 255, 0, 0}, pixel(image.bgr(), 0, 0), format);
        assertArrayEquals(
            new byte[] {(byte) 255, (byte) 255, (byte) 255}, pixel(image.bgr(), 0, 1), format);
      }
    }
  }

  @Test
  void sha256_and_size_are_those_of_the_file_bytes() throws Exception {
    byte[] bytes = Files.readAllBytes(VTEST_JPEG);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    try (DecodedImage full = decoder.decode(VTEST_JPEG);
        DecodedImage reduced = decoder.decode(VTEST_JPEG, 100)) {
      assertEquals(expected, full.sha256());
      assertEquals(expected, reduced.sha256());
      assertEquals(bytes.length, full.fileSize());
      assertEquals(VTEST_JPEG, full.path());
    }
  }

  @Test
  void closed_image_refuses_access_to_its_pixels() throws Exception {
    DecodedImage image = decoder.decode(VTEST_JPEG);
    image.close();
    image.close();
    var e = assertThrows(IllegalStateException.class, image::bgr);
    assertEquals("decoded image already closed: " + VTEST_JPEG, e.getMessage());
  }

  private static long le32(byte[] b, int at) {
    return (b[at] & 0xFFL)
        | (b[at + 1] & 0xFFL) << 8
        | (b[at + 2] & 0xFFL) << 16
        | (b[at + 3] & 0xFFL) << 24;
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(tmp.resolve(name), bytes);
  }

  private String reason(Path f) {
    return reason(() -> decoder.decode(f));
  }

  private static String reason(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(DecodeException.class, call).reason();
  }

  private static byte[] pixel(Mat m, int row, int col) {
    byte[] p = new byte[3];
    m.get(row, col, p);
    return p;
  }
}
