package dev.neardup.verify;

import dev.neardup.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed pair sets on which thumbnail verdicts are compared with full-resolution verdicts: used
 * by {@link ThumbnailAgreementTest} and {@link ThumbnailAgreementBench}.
 */
final class AgreementPairs {
  private AgreementPairs() {}

  /** One pair of image files and the set it belongs to. */
  record Pair(String set, Path a, Path b) {}

  static Path pets(int i) {
    return TestData.shared().resolve(String.format("cctv/pets2001/in%06d.jpg", i));
  }

  static Path vtest(int i) {
    String ext = i < 20 ? "png" : "jpg";
    return TestData.shared().resolve(String.format("cctv/vtest/frame_%05d.%s", i, ext));
  }

  static Path ukbench(int i) {
    return TestData.shared().resolve(String.format("ukbench/ukbench%05d.jpg", i));
  }

  /** Frames {@code i} and {@code i + gap} for every {@code i} in {@code [0, count - gap)}. */
  private static void gaps(List<Pair> out, String set, int count, int gap, IntPath frame) {
    for (int i = 0; i + gap < count; i++) {
      out.add(new Pair(set + " gap " + gap, frame.at(i), frame.at(i + gap)));
    }
  }

  private interface IntPath {
    Path at(int i);
  }

  /** Every consecutive, gap-5 and gap-20 pair of {@code cctv/pets2001} (599 + 595 + 580). */
  static List<Pair> pets2001() {
    List<Pair> out = new ArrayList<>();
    for (int gap : new int[] {1, 5, 20}) {
      gaps(out, "pets2001", 600, gap, AgreementPairs::pets);
    }
    return out;
  }

  /** Every consecutive, gap-5 and gap-20 pair of {@code cctv/vtest} (99 + 95 + 80). */
  static List<Pair> vtest() {
    List<Pair> out = new ArrayList<>();
    for (int gap : new int[] {1, 5, 20}) {
      gaps(out, "vtest", 100, gap, AgreementPairs::vtest);
    }
    return out;
  }

  /** The 6 pairs within each of the 50 UKBench groups of 4 (300 pairs). */
  static List<Pair> ukbench() {
    List<Pair> out = new ArrayList<>();
    for (int g = 0; g < 50; g++) {
      for (int i = 0; i < 4; i++) {
        for (int j = i + 1; j < 4; j++) {
          out.add(new Pair("ukbench group", ukbench(4 * g + i), ukbench(4 * g + j)));
        }
      }
    }
    return out;
  }

  /** All three sets. */
  static List<Pair> all() {
    List<Pair> out = new ArrayList<>(pets2001());
    out.addAll(vtest());
    out.addAll(ukbench());
    return out;
  }
}
