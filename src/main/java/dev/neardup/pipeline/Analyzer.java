package dev.neardup.pipeline;

import dev.neardup.decode.DecodeException;
import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.embed.Embedder;
import dev.neardup.image.GrayImage;
import dev.neardup.image.PerceptualHash;
import dev.neardup.image.Signatures;
import dev.neardup.image.Thumbnails;
import dev.neardup.index.CameraFrame;
import dev.neardup.index.ImageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns image files into index records: decode once, then thumbnail, pHash, the thumbnail's {@link
 * Signatures} and (in batches) the embedding, all from the same pixels. Every per-image value an
 * index stores is computed here, once; the indexes only encode and decode them.
 */
public final class Analyzer {
  /** {@link StageClock} stage: reading and decoding the file. */
  static final String DECODE = "decode";

  /** {@link StageClock} stage: thumbnail, pHash, signatures and the model's input, from pixels. */
  static final String PREPARE = "prepare";

  private final ImageDecoder decoder;
  private final Embedder embedder;
  private final int thumbnailMaxSide;

  /**
   * @param embedder the model, or null when the embedding stage is off
   * @param thumbnailMaxSide longer side of the stored verification thumbnail
   */
  public Analyzer(ImageDecoder decoder, Embedder embedder, int thumbnailMaxSide) {
    this.decoder = decoder;
    this.embedder = embedder;
    this.thumbnailMaxSide = thumbnailMaxSide;
  }

  /** The model, or null when the embedding stage is off. */
  public Embedder embedder() {
    return embedder;
  }

  /**
   * Decodes a file (JPEG at reduced size when that still gives the model and the thumbnail all the
   * pixels they use) and computes its thumbnail, pHash, signatures and, when a model is on, the
   * model's input: all on the calling (decode) thread, so that only the forward pass is left for
   * the model thread. The caller closes the result.
   */
  Analyzed decode(Path file) throws DecodeException {
    return decode(file, StageClock.off());
  }

  /**
   * {@link #decode(Path)}, timing its {@link #DECODE} and {@link #PREPARE} stages on {@code clock}.
   */
  Analyzed decode(Path file, StageClock clock) throws DecodeException {
    long mtime;
    try {
      mtime = Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new DecodeException(file, "cannot read file: " + e.getMessage(), e);
    }
    int minSide = Thumbnails.decodeMinSide(thumbnailMaxSide, embedder != null);
    DecodedImage image;
    try (StageClock.Lap lap = clock.time(DECODE)) {
      image = decoder.decode(file, minSide, Thumbnails.FULL_RESOLUTION_PIXELS);
    } catch (RuntimeException e) {
      throw failed(file, "could not decode", e);
    }
    try (StageClock.Lap lap = clock.time(PREPARE)) {
      GrayImage thumb = Thumbnails.verificationImage(image.bgr(), thumbnailMaxSide);
      Signatures signatures = Signatures.of(thumb);
      long phash = PerceptualHash.of(image.bgr());
      float[] input = embedder != null ? embedder.prepare(image.bgr()) : null;
      return new Analyzed(image, thumb, signatures, phash, mtime, input);
    } catch (RuntimeException e) {
      image.close();
      // One odd image's preparation (an OpenCV assertion, say) costs only that image.
      throw failed(file, "could not analyse", e);
    }
  }

  /** A per-image failure as the refusal of that one file, the cause kept. */
  private static DecodeException failed(Path file, String what, RuntimeException e) {
    String m = String.valueOf(e.getMessage()).strip();
    int nl = m.indexOf('\n');
    return new DecodeException(
        file,
        what + ": " + e.getClass().getSimpleName() + ": " + (nl >= 0 ? m.substring(0, nl) : m),
        e);
  }

  /** Embeds a batch (when a model is on) and builds the records; does not close the images. */
  List<ImageRecord> records(List<Analyzed> batch) {
    float[][] vectors = null;
    if (embedder != null && !batch.isEmpty()) {
      vectors = embedder.embedPrepared(batch.stream().map(Analyzed::modelInput).toList());
    }
    List<ImageRecord> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      out.add(record(batch.get(i), vectors == null ? null : vectors[i]));
    }
    return out;
  }

  /** Decodes and fully analyses one file (for queries); nothing is kept open. */
  public ImageRecord analyze(Path file) throws DecodeException {
    try (Analyzed a = decode(file)) {
      try {
        return records(List.of(a)).get(0);
      } catch (RuntimeException e) {
        throw failed(file, "could not embed", e);
      }
    }
  }

  private static ImageRecord record(Analyzed a, float[] vector) {
    DecodedImage d = a.image();
    String path = d.path().toAbsolutePath().normalize().toString();
    Optional<CameraFrame> frame = CameraFrame.parse(d.path());
    return new ImageRecord(
        path,
        d.sha256(),
        d.fileSize(),
        a.mtimeMillis(),
        d.format().name(),
        d.width(),
        d.height(),
        frame.map(CameraFrame::camera).orElse(null),
        frame.map(CameraFrame::epochMillis).orElse(Long.MIN_VALUE),
        vector,
        a.phash(),
        a.thumbnail(),
        a.signatures());
  }
}
