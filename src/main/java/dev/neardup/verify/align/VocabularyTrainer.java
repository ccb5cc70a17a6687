package dev.neardup.verify.align;

import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Makes the shipped {@link Vocabulary#akaze()} file: AKAZE features ({@link
 * FeatureParams#defaults()}, as the verifier computes them; plain and mirrored descriptors) of
 * every {@code stride}-th image of each folder, then a seeded k-majority tree ({@link
 * Vocabulary#train}). Deterministic: the same images, arguments and seed give the same bytes.
 *
 * <p>The shipped file was made from images that no evaluation uses (the shared stills and the two
 * camera sequences, never UKBench nor the peers' copies of a UKBench photo):
 *
 * <pre>
 * java -cp target/neardup.jar dev.neardup.verify.align.VocabularyTrainer \
 *   src/main/resources/dev/neardup/verify/align/akaze-words.bin 64 2 \
 *   ../shared/data/stills:1 ../shared/data/cctv/vtest:2 ../shared/data/cctv/pets2001:4
 * </pre>
 */
public final class VocabularyTrainer {
  /** The seed of the shipped vocabulary. */
  public static final long SEED = 17;

  /** k-majority rounds per node of the shipped vocabulary. */
  public static final int ITERATIONS = 10;

  private VocabularyTrainer() {}

  /**
   * {@code OUT BRANCHING DEPTH DIR[:STRIDE]...}
   *
   * @throws IOException when a folder cannot be listed or the file written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      System.err.println("usage: VocabularyTrainer OUT BRANCHING DEPTH DIR[:STRIDE]...");
      System.exit(2);
    }
    OpenCv.load();
    Path out = Path.of(args[0]);
    int branching = Integer.parseInt(args[1]);
    int depth = Integer.parseInt(args[2]);
    List<byte[]> descriptors = new ArrayList<>();
    int images = 0;
    for (int a = 3; a < args.length; a++) {
      String[] dirStride = args[a].split(":", 2);
      int stride = dirStride.length > 1 ? Integer.parseInt(dirStride[1]) : 1;
      List<Path> files;
      try (Stream<Path> s = Files.list(Path.of(dirStride[0]))) {
        files = s.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$")).sorted().toList();
      }
      for (int i = 0; i < files.size(); i += stride) {
        Features f = Features.of(read(files.get(i)), FeatureParams.defaults());
        descriptors.add(f.plain().descriptors());
        descriptors.add(f.mirrored().descriptors());
        images++;
      }
    }
    long[] packed = packAll(descriptors, Features.bytesOf(FeatureParams.Detector.AKAZE));
    long t0 = System.nanoTime();
    Vocabulary v =
        Vocabulary.train(FeatureParams.Detector.AKAZE, packed, branching, depth, ITERATIONS, SEED);
    Files.write(out, v.encode());
    System.out.printf(
        Locale.ROOT,
        "%d images, %d descriptors -> %d words in %.1f s: %s%n",
        images,
        packed.length / Vocabulary.LONGS,
        v.size(),
        (System.nanoTime() - t0) / 1e9,
        out);
  }

  static long[] packAll(List<byte[]> descriptors, int bytes) {
    int total = 0;
    for (byte[] d : descriptors) {
      total += d.length;
    }
    byte[] all = new byte[total];
    int at = 0;
    for (byte[] d : descriptors) {
      System.arraycopy(d, 0, all, at, d.length);
      at += d.length;
    }
    return Vocabulary.pack(all, bytes);
  }

  private static GrayImage read(Path p) {
    Mat m = Imgcodecs.imread(p.toString(), Imgcodecs.IMREAD_GRAYSCALE);
    try {
      if (m.empty()) {
        throw new IllegalArgumentException("not a readable image: " + p);
      }
      return GrayImage.of(m);
    } finally {
      m.release();
    }
  }
}
