package dev.neardup.bench;

import dev.neardup.decode.DecodeException;
import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.decode.OpenCv;
import dev.neardup.image.Thumbnails;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Decoding a 1920×1080 image as neardup does (read, SHA-256, header checks, OpenCV decode), PNG and
 * JPEG, at full size and at the reduced size the pipeline asks for.
 *
 * <p>The 1080p files are made from a real photo (scaled up with bicubic interpolation) in a
 * temporary folder: real texture, a size users have. "Reduced" asks for a shorter side of at least
 * {@code 256} (what the embedding needs): libjpeg then decodes a 1080p JPEG at 1/4 scale, while PNG
 * has no cheaper path. A third mode, "thumbnail", is what a hash-only run needs (160 px).
 */
public final class DecodeBenchmark {
  private DecodeBenchmark() {}

  /**
   * One figure.
   *
   * @param format PNG or JPEG (quality 90)
   * @param mode {@code full}, {@code reduced-256} or {@code thumbnail-160}
   * @param decodedWidth width of the decoded pixels
   * @param timing milliseconds per decode
   */
  public record Row(String format, String mode, int decodedWidth, Timing timing) {}

  /**
   * Runs every format and mode {@code repeats} times (after 3 untimed runs).
   *
   * @param source a real photo to scale to 1920×1080
   */
  public static List<Row> run(Path source, int repeats) throws IOException {
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be >= 1; got " + repeats);
    }
    OpenCv.load();
    Path dir = Files.createTempDirectory("neardup-bench-decode");
    try {
      Mat src = Imgcodecs.imread(source.toString(), Imgcodecs.IMREAD_COLOR);
      if (src.empty()) {
        throw new IOException("OpenCV cannot read " + source);
      }
      Mat big = new Mat();
      Imgproc.resize(src, big, new Size(1920, 1080), 0, 0, Imgproc.INTER_CUBIC);
      Path png = dir.resolve("1080p.png");
      Path jpg = dir.resolve("1080p.jpg");
      Imgcodecs.imwrite(png.toString(), big, new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 3));
      Imgcodecs.imwrite(jpg.toString(), big, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
      src.release();
      big.release();
      ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);
      List<Row> rows = new ArrayList<>();
      for (Path file : List.of(png, jpg)) {
        String format = file == png ? "PNG" : "JPEG q90";
        rows.add(time(decoder, file, format, "full", Integer.MAX_VALUE, repeats));
        rows.add(time(decoder, file, format, "reduced-256", 256, repeats));
        rows.add(
            time(decoder, file, format, "thumbnail-160", Thumbnails.DEFAULT_MAX_SIDE, repeats));
      }
      return rows;
    } finally {
      for (String f : List.of("1080p.png", "1080p.jpg")) {
        Files.deleteIfExists(dir.resolve(f));
      }
      Files.deleteIfExists(dir);
    }
  }

  private static Row time(
      ImageDecoder decoder, Path file, String format, String mode, int minSide, int repeats)
      throws IOException {
    long[] nanos = new long[repeats];
    int width = 0;
    try {
      for (int i = -3; i < repeats; i++) {
        long t = System.nanoTime();
        try (DecodedImage d = decoder.decode(file, minSide)) {
          width = d.bgr().cols();
        }
        if (i >= 0) {
          nanos[i] = System.nanoTime() - t;
        }
      }
    } catch (DecodeException e) {
      throw new IOException("cannot decode the benchmark image " + file + ": " + e.reason(), e);
    }
    return new Row(format, mode, width, Timing.of(nanos));
  }
}
