package dev.neardup.eval;

import dev.neardup.decode.DecodeException;
import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.decode.OpenCv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Writes a seeded sample of images and their edited copies into a folder: one sub-folder per
 * original ({@code 007-name/}) holding {@code original.<ext>} (the file's own bytes) and one file
 * per {@link EditKind} ({@code jpeg-70.jpg}, {@code hflip.png}, ...).
 *
 * <p>Reproducible: the sample is the first {@code n} files of the sorted list shuffled with the
 * seed, and each original's edits draw from a {@link Random} derived from the seed and its position
 * in the sample, so the same inputs and seed give byte-identical files.
 */
public final class EditSet {
  private EditSet() {}

  /**
   * One written file.
   *
   * @param family the original's sub-folder name: every file of a family shows the same image
   * @param kind the edit, or null for the original
   * @param file where it was written
   */
  public record Copy(String family, EditKind kind, Path file) {}

  /**
   * Picks the sample.
   *
   * @param candidates image files
   * @param n how many to take (all when fewer)
   * @throws IllegalArgumentException when {@code n < 1}
   */
  public static List<Path> sample(List<Path> candidates, int n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("sample size must be >= 1; got " + n);
    }
    List<Path> sorted = new ArrayList<>(candidates);
    Collections.sort(sorted);
    Collections.shuffle(sorted, new Random(seed));
    return List.copyOf(sorted.subList(0, Math.min(n, sorted.size())));
  }

  /**
   * Writes the originals and their edits under {@code into}; files that cannot be decoded are
   * skipped (listed in the result's {@code skipped}).
   *
   * @param originals images, e.g. from {@link #sample}
   * @param kinds the edits to make
   */
  public static Written write(
      List<Path> originals, List<EditKind> kinds, long seed, Path into, ImageDecoder decoder)
      throws IOException {
    Objects.requireNonNull(into, "into");
    OpenCv.load();
    List<Copy> copies = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    for (int i = 0; i < originals.size(); i++) {
      Path original = originals.get(i);
      String name = original.getFileName().toString();
      int dot = name.lastIndexOf('.');
      String stem = dot > 0 ? name.substring(0, dot) : name;
      String ext = dot > 0 ? name.substring(dot).toLowerCase(Locale.ROOT) : "";
      String family = String.format(Locale.ROOT, "%03d-%s", i, stem);
      try (DecodedImage image = decoder.decode(original)) {
        Path dir = Files.createDirectories(into.resolve(family));
        Path copy = dir.resolve("original" + ext);
        Files.copy(original, copy);
        copies.add(new Copy(family, null, copy));
        Random random = new Random(seed * 1_000_003L + i);
        for (EditKind kind : kinds) {
          Mat edited = kind.apply(image.bgr(), random);
          try {
            Path file = dir.resolve(kind.label() + kind.extension());
            Files.write(file, encode(edited, kind));
            copies.add(new Copy(family, kind, file));
          } finally {
            edited.release();
          }
        }
      } catch (DecodeException e) {
        skipped.add(original);
      }
    }
    return new Written(copies, skipped);
  }

  /**
   * What {@link #write} made.
   *
   * @param copies originals and edits, family by family
   * @param skipped sampled files that could not be decoded
   */
  public record Written(List<Copy> copies, List<Path> skipped) {}

  private static byte[] encode(Mat image, EditKind kind) {
    MatOfByte out = new MatOfByte();
    MatOfInt params =
        kind.jpegQuality() > 0
            ? new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, kind.jpegQuality())
            : new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 3);
    try {
      if (!Imgcodecs.imencode(kind.extension(), image, out, params)) {
        throw new IllegalStateException("OpenCV could not encode " + kind.label());
      }
      return out.toArray();
    } finally {
      out.release();
      params.release();
    }
  }
}
