package dev.neardup.group;

import dev.neardup.bench.ExhaustiveGrouping;
import dev.neardup.image.GrayImage;
import dev.neardup.index.ImageRecord;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.PixelDiffParams;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The test oracle for leader clustering: {@link ExhaustiveGrouping}'s loop (the users' own method,
 * the one definition the {@code bench dedup --exhaustive} baseline also runs) with the pair
 * verdicts of the step-by-step {@link PixelDiff} (OpenCV, no shortcut).
 *
 * <p>The pixel-diff score of a pair does not depend on the fraction, so all pair scores are
 * computed once (on both cores) and the verdict at a fraction is {@code score <= fraction × scored
 * pixels}, the check's own last step. That makes a sweep over six fractions cost one pass.
 */
final class ExhaustiveReference {
  private final List<ImageRecord> images;
  private final double[][] score;
  private final double[][] pixels;

  private ExhaustiveReference(List<ImageRecord> images, double[][] score, double[][] pixels) {
    this.images = List.copyOf(images);
    this.score = score;
    this.pixels = pixels;
  }

  /**
   * The same pair scores for the same files under other names (other cameras, other times): each of
   * {@code renamed} is matched to the scored image with its SHA-256.
   */
  ExhaustiveReference renamed(List<ImageRecord> renamed) {
    java.util.Map<String, Integer> bySha = new java.util.HashMap<>();
    for (int i = 0; i < images.size(); i++) {
      bySha.put(images.get(i).sha256(), i);
    }
    int n = renamed.size();
    double[][] s = new double[n][n];
    double[][] p = new double[n][n];
    for (int i = 0; i < n; i++) {
      int a = Objects.requireNonNull(bySha.get(renamed.get(i).sha256()), renamed.get(i).path());
      for (int j = 0; j < n; j++) {
        int b = Objects.requireNonNull(bySha.get(renamed.get(j).sha256()));
        s[i][j] = score[a][b];
        p[i][j] = pixels[a][b];
      }
    }
    return new ExhaustiveReference(renamed, s, p);
  }

  /**
   * Scores every pair of {@code images} (with their stored verification images {@code gray}) with
   * {@code params}' check; the fraction of {@code params} is not used.
   */
  ExhaustiveReference(List<ImageRecord> images, List<GrayImage> gray, PixelDiffParams params) {
    this.images = List.copyOf(images);
    int n = images.size();
    score = new double[n][n];
    pixels = new double[n][n];
    PixelDiff check = new PixelDiff(params.withFraction(1.0));
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              for (int j = i + 1; j < n; j++) {
                long ref = Math.min(images.get(i).pixels(), images.get(j).pixels());
                var r = check.compareThumbnails(gray.get(i), gray.get(j), ref);
                double s = r.comparable() ? r.score() : Double.POSITIVE_INFINITY;
                double p = (double) r.width() * r.height();
                score[i][j] = s;
                score[j][i] = s;
                pixels[i][j] = p;
                pixels[j][i] = p;
              }
            });
  }

  /** The verdict of the full check on images {@code i} and {@code j} at {@code fraction}. */
  boolean duplicate(int i, int j, double fraction) {
    return score[i][j] <= fraction * pixels[i][j];
  }

  /**
   * The paths kept by exhaustive leader clustering, in visit order.
   *
   * @param order the visit order
   * @param sameCamera compare only frames of one camera
   */
  List<String> kept(Comparator<ImageRecord> order, double fraction, boolean sameCamera) {
    return kept(order, fraction, sameCamera, 0);
  }

  /**
   * As {@link #kept(Comparator, double, boolean)}, with {@code --window}: a camera frame is
   * compared only with kept frames of its own camera at most {@code windowMillis} apart.
   */
  List<String> kept(
      Comparator<ImageRecord> order, double fraction, boolean sameCamera, long windowMillis) {
    return ExhaustiveGrouping.kept(
            images, order, sameCamera, windowMillis, (k, i) -> duplicate(k, i, fraction))
        .stream()
        .map(i -> images.get(i).path())
        .toList();
  }

  /** Index of {@code path} among the images. */
  int indexOf(String path) {
    for (int i = 0; i < images.size(); i++) {
      if (images.get(i).path().equals(path)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not an image of the reference: " + path);
  }
}
