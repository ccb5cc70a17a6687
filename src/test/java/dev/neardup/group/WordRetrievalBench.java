package dev.neardup.group;

import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import dev.neardup.index.ImageRecord;
import dev.neardup.verify.AlignmentBench;
import dev.neardup.verify.align.FeatureParams;
import dev.neardup.verify.align.Features;
import dev.neardup.verify.align.Vocabulary;
import dev.neardup.verify.align.WordBag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well visual words rank same-object views on the 200 shared UKBench photos: for every photo,
 * the other 199 ranked by the {@link WordIndex} score ({@link WordIndex#scan}, document frequencies
 * over all 200), and the share of the 600 ordered same-object pairs whose other view is in the top
 * K. A view has 3 others, so the top 1 holds at most 1/3 of them. Vocabulary files as arguments
 * (made by {@code VocabularyTrainer}); none: the shipped one.
 *
 * <p>Not a test (about 10 s): {@code java -cp target/classes:target/test-classes:$(cat cp.txt)
 * -Dneardup.sharedData=../shared/data dev.neardup.group.WordRetrievalBench [vocab.bin...]}.
 */
public final class WordRetrievalBench {
  private WordRetrievalBench() {}

  public static void main(String[] args) throws Exception {
    OpenCv.load();
    int n = 200;
    List<Features> feats = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Path p = TestData.shared(String.format(Locale.ROOT, "ukbench/ukbench%05d.jpg", i));
      feats.add(Features.of(AlignmentBench.read(p), FeatureParams.defaults()));
    }
    List<KeptImages.Entry> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      entries.add(
          new KeptImages.Entry(
              i,
              new ImageRecord("" + i, "" + i, 0, 0, "JPEG", 640, 480, null, 0, null, 0, null, null),
              i));
    }
    List<Vocabulary> vocabularies = new ArrayList<>();
    List<String> names = new ArrayList<>();
    if (args.length == 0) {
      vocabularies.add(Vocabulary.akaze());
      names.add("shipped");
    }
    for (String a : args) {
      vocabularies.add(Vocabulary.decode(Files.readAllBytes(Path.of(a))));
      names.add(a);
    }
    int[] ks = {1, 3, 5, 10, 20};
    for (int v = 0; v < vocabularies.size(); v++) {
      long t0 = System.nanoTime();
      List<WordBag> bags = new ArrayList<>();
      for (Features f : feats) {
        bags.add(vocabularies.get(v).bag(f));
      }
      double ms = (System.nanoTime() - t0) / 1e6 / n;
      int[] hits = new int[ks.length];
      int total = 0;
      for (int i = 0; i < n; i++) {
        List<WordBag> others = new ArrayList<>(bags);
        others.set(i, WordBag.EMPTY); // never ranks itself
        List<WordIndex.Scored> ranked = WordIndex.scan(bags.get(i), entries, others, n, 1);
        for (int j = 0; j < n; j++) {
          if (j == i || j / 4 != i / 4) {
            continue;
          }
          total++;
          for (int r = 0; r < ranked.size(); r++) {
            if (ranked.get(r).id() == j) {
              for (int q = 0; q < ks.length; q++) {
                hits[q] += r < ks[q] ? 1 : 0;
              }
              break;
            }
          }
        }
      }
      StringBuilder sb =
          new StringBuilder(
              String.format(
                  Locale.ROOT, "| %s | %d | %.2f |", names.get(v), vocabularies.get(v).size(), ms));
      for (int q = 0; q < ks.length; q++) {
        sb.append(String.format(Locale.ROOT, " %.3f |", (double) hits[q] / total));
      }
      System.out.println(sb);
    }
  }
}
