package dev.neardup.verify;

import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import dev.neardup.image.Thumbnails;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Measures how often thumbnail verdicts agree with full-resolution verdicts, and the time per pair
 * of each; writes a table to stdout and to the file named by the first argument (if any).
 *
 * <p>Not a test (timings prove nothing in CI): run by hand with the test classpath, e.g. {@code
 * java -cp target/classes:target/test-classes:$OPENCV_JAR -Dneardup.sharedData=../shared/data
 * dev.neardup.verify.ThumbnailAgreementBench out.txt}.
 */
public final class ThumbnailAgreementBench {
  private ThumbnailAgreementBench() {}

  public static void main(String[] args) throws Exception {
    OpenCv.load();
    int[] sides = {96, 128, 160, 192, 256, 320};
    double[] minAreas = {0, 25, 100, 500};
    List<AgreementPairs.Pair> pairs = AgreementPairs.all();
    Map<Path, Mat> full = new HashMap<>();
    for (AgreementPairs.Pair p : pairs) {
      for (Path f : List.of(p.a(), p.b())) {
        full.computeIfAbsent(f, x -> Imgcodecs.imread(x.toString(), Imgcodecs.IMREAD_COLOR));
      }
    }
    StringBuilder out = new StringBuilder();
    for (double minArea : minAreas) {
      int printed = out.length();
      PixelDiff diff = new PixelDiff(PixelDiffParams.defaults().withMinContourArea(minArea));
      Map<AgreementPairs.Pair, Boolean> fullVerdict = new LinkedHashMap<>();
      long t0 = System.nanoTime();
      for (AgreementPairs.Pair p : pairs) {
        fullVerdict.put(p, diff.compare(full.get(p.a()), full.get(p.b())).duplicate());
      }
      double fullMs = (System.nanoTime() - t0) / 1e6 / pairs.size();
      Map<String, int[]> dupCounts = new LinkedHashMap<>();
      for (var e : fullVerdict.entrySet()) {
        int[] c = dupCounts.computeIfAbsent(e.getKey().set(), k -> new int[2]);
        c[0] += e.getValue() ? 1 : 0;
        c[1]++;
      }
      out.append(
          String.format(
              Locale.ROOT,
              "%nmin_contour_area=%s  full: %.3f ms/pair; full-res duplicates per set: ",
              minArea,
              fullMs));
      dupCounts.forEach(
          (k, v) -> out.append(k).append(' ').append(v[0]).append('/').append(v[1]).append("; "));
      out.append('\n');
      for (int side : sides) {
        Map<Path, GrayImage> thumbs = new HashMap<>();
        full.forEach((k, v) -> thumbs.put(k, Thumbnails.gray(v, side)));
        Map<String, int[]> agree = new LinkedHashMap<>();
        int agreeAll = 0;
        long t1 = System.nanoTime();
        StringBuilder misses = new StringBuilder();
        for (AgreementPairs.Pair p : pairs) {
          Mat a = full.get(p.a());
          Mat b = full.get(p.b());
          long ref = Math.min((long) a.cols() * a.rows(), (long) b.cols() * b.rows());
          DiffResult r = diff.compareThumbnails(thumbs.get(p.a()), thumbs.get(p.b()), ref);
          boolean same = r.duplicate() == fullVerdict.get(p);
          int[] c = agree.computeIfAbsent(p.set(), k -> new int[2]);
          c[0] += same ? 1 : 0;
          c[1]++;
          agreeAll += same ? 1 : 0;
          if (!same && misses.length() < 600) {
            misses
                .append(p.a().getFileName())
                .append('~')
                .append(p.b().getFileName())
                .append(" full=")
                .append(fullVerdict.get(p))
                .append(' ');
          }
        }
        double thumbMs = (System.nanoTime() - t1) / 1e6 / pairs.size();
        out.append(
            String.format(
                Locale.ROOT,
                "  side %3d: agreement %.2f%% (%d/%d), %.3f ms/pair;",
                side,
                100.0 * agreeAll / pairs.size(),
                agreeAll,
                pairs.size(),
                thumbMs));
        agree.forEach(
            (k, v) -> out.append(String.format(Locale.ROOT, " %s %.1f%%", k, 100.0 * v[0] / v[1])));
        out.append('\n');
        if (misses.length() > 0) {
          out.append("      misses: ").append(misses).append('\n');
        }
      }
      System.out.print(out.substring(printed));
      System.out.flush();
      if (args.length > 0) {
        Files.writeString(Path.of(args[0]), out.toString());
      }
    }
    full.values().forEach(Mat::release);
  }
}
