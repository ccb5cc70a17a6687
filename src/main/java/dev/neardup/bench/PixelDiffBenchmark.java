package dev.neardup.bench;

import dev.neardup.decode.DecodeException;
import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.image.GrayImage;
import dev.neardup.image.Thumbnails;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.PixelDiffParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The pixel-diff check on consecutive frames of a real camera: at full size (both images decoded,
 * as {@code neardup compare} does) and on the stored 160-px thumbnails (as grouping does), plus the
 * same frames scaled to 1920×1080 for the full-size cost at a common camera resolution. Decoding is
 * not timed: only the check.
 */
public final class PixelDiffBenchmark {
  private PixelDiffBenchmark() {}

  /**
   * One figure.
   *
   * @param mode {@code full} or {@code thumbnails-160}
   * @param size the original frames' size, e.g. {@code 768x576}
   * @param pairs distinct pairs (each timed {@code repeats} times)
   * @param timing milliseconds per pair
   */
  public record Row(String mode, String size, int pairs, Timing timing) {}

  /**
   * Times the default check on each consecutive pair of {@code frames}.
   *
   * @param frames at least two frames of one camera, in time order
   */
  public static List<Row> run(List<Path> frames, int repeats) throws IOException {
    if (frames.size() < 2 || repeats < 1) {
      throw new IllegalArgumentException(
          "need >= 2 frames and >= 1 repeat; got " + frames.size() + ", " + repeats);
    }
    ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);
    PixelDiff check = new PixelDiff(PixelDiffParams.defaults());
    List<Mat> full = new ArrayList<>();
    List<Mat> hd = new ArrayList<>();
    try {
      for (Path f : frames) {
        try (DecodedImage d = decoder.decode(f)) {
          full.add(d.bgr().clone());
          Mat big = new Mat();
          Imgproc.resize(d.bgr(), big, new Size(1920, 1080), 0, 0, Imgproc.INTER_LINEAR);
          hd.add(big);
        } catch (DecodeException e) {
          throw new IOException("cannot decode " + f + ": " + e.reason(), e);
        }
      }
      String size = full.get(0).cols() + "x" + full.get(0).rows();
      List<Row> rows = new ArrayList<>();
      rows.add(timeFull(check, full, size, repeats));
      rows.add(timeThumbnails(check, full, size, repeats));
      rows.add(timeFull(check, hd, "1920x1080", repeats));
      rows.add(timeThumbnails(check, hd, "1920x1080", repeats));
      return rows;
    } finally {
      full.forEach(Mat::release);
      hd.forEach(Mat::release);
    }
  }

  private static Row timeFull(PixelDiff check, List<Mat> frames, String size, int repeats) {
    int pairs = frames.size() - 1;
    long[] nanos = new long[pairs * repeats];
    check.compare(frames.get(0), frames.get(1)); // warm-up
    for (int r = 0; r < repeats; r++) {
      for (int i = 0; i < pairs; i++) {
        long t = System.nanoTime();
        check.compare(frames.get(i), frames.get(i + 1));
        nanos[r * pairs + i] = System.nanoTime() - t;
      }
    }
    return new Row("full", size, pairs, Timing.of(nanos));
  }

  private static Row timeThumbnails(PixelDiff check, List<Mat> frames, String size, int repeats) {
    List<GrayImage> thumbs = frames.stream().map(Thumbnails::gray).toList();
    long reference = (long) frames.get(0).cols() * frames.get(0).rows();
    int pairs = frames.size() - 1;
    long[] nanos = new long[pairs * repeats];
    check.compareThumbnails(thumbs.get(0), thumbs.get(1), reference);
    for (int r = 0; r < repeats; r++) {
      for (int i = 0; i < pairs; i++) {
        long t = System.nanoTime();
        check.compareThumbnails(thumbs.get(i), thumbs.get(i + 1), reference);
        nanos[r * pairs + i] = System.nanoTime() - t;
      }
    }
    return new Row("thumbnails-" + Thumbnails.DEFAULT_MAX_SIDE, size, pairs, Timing.of(nanos));
  }
}
