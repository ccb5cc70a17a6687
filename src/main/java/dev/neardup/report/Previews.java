package dev.neardup.report;

import dev.neardup.decode.DecodeException;
import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.decode.OpenCv;
import java.nio.file.Path;
import java.util.Objects;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Small colour pictures of original files, for people to look at (HTML report, collage, review
 * page). The index keeps only grayscale verification thumbnails, so previews are decoded from the
 * originals — with JPEG reduced decoding, a 1080p JPEG costs a few milliseconds.
 *
 * <p>Thread-safe: the decoder holds no per-call state.
 */
public final class Previews {
  /** Longer side of a preview unless asked otherwise: two fit side by side on a laptop screen. */
  public static final int DEFAULT_MAX_SIDE = 320;

  private static final int JPEG_QUALITY = 85;

  private final ImageDecoder decoder;
  private final int maxSide;

  /**
   * @param decoder decodes the originals (and refuses decompression bombs)
   * @param maxSide longer side of every preview, &gt; 0; smaller images are not enlarged
   * @throws IllegalArgumentException when {@code maxSide <= 0}
   */
  public Previews(ImageDecoder decoder, int maxSide) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    if (maxSide <= 0) {
      throw new IllegalArgumentException("preview max side must be > 0; got " + maxSide);
    }
    this.maxSide = maxSide;
  }

  /** The longer side of every preview. */
  public int maxSide() {
    return maxSide;
  }

  /**
   * Decodes {@code file} and shrinks it so that its longer side is at most {@link #maxSide()}.
   *
   * @return 8-bit BGR, the right way up; the caller must {@link Mat#release()} it
   * @throws DecodeException when the file cannot be read (e.g. moved away since it was indexed)
   */
  public Mat bgr(Path file) throws DecodeException {
    try (DecodedImage d = decoder.decode(file, maxSide)) {
      Mat src = d.bgr();
      int w = src.cols();
      int h = src.rows();
      int longer = Math.max(w, h);
      Mat out = new Mat();
      if (longer <= maxSide) {
        src.copyTo(out);
        return out;
      }
      double scale = (double) maxSide / longer;
      int tw = Math.max(1, (int) Math.round(w * scale));
      int th = Math.max(1, (int) Math.round(h * scale));
      Imgproc.resize(src, out, new Size(tw, th), 0, 0, Imgproc.INTER_AREA);
      return out;
    }
  }

  /**
   * {@link #bgr(Path)} encoded as JPEG bytes.
   *
   * @throws DecodeException when the file cannot be read
   */
  public byte[] jpeg(Path file) throws DecodeException {
    Mat m = bgr(file);
    try {
      return encodeJpeg(m);
    } finally {
      m.release();
    }
  }

  /** Encodes an 8-bit BGR or grayscale Mat as a JPEG. */
  public static byte[] encodeJpeg(Mat image) {
    OpenCv.load();
    MatOfByte buf = new MatOfByte();
    MatOfInt params =
        new MatOfInt(org.opencv.imgcodecs.Imgcodecs.IMWRITE_JPEG_QUALITY, JPEG_QUALITY);
    try {
      if (!org.opencv.imgcodecs.Imgcodecs.imencode(".jpg", image, buf, params)) {
        throw new IllegalStateException("OpenCV could not encode a JPEG of " + image);
      }
      return buf.toArray();
    } finally {
      buf.release();
      params.release();
    }
  }
}
