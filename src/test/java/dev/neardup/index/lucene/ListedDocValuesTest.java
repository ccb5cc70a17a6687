package dev.neardup.index.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neardup.TestData;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.Origin;
import dev.neardup.index.Schema;
import dev.neardup.pipeline.Analyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.junit.jupiter.api.Test;

/**
 * The doc-values copy of a document's listed fields ({@link LuceneDocs#LISTED}) reads back as the
 * stored fields do: the same record for every image of a real folder (camera frames with camera and
 * time, photos without), and the same path, size, mtime and reason for an unreadable file.
 */
class ListedDocValuesTest {
  @Test
  void the_listed_column_gives_the_record_the_stored_fields_give() throws Exception {
    Analyzer analyzer = new Analyzer(new ImageDecoder(100_000_000L), null, 160);
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("examples/camera"))) {
      files = new java.util.ArrayList<>(s.sorted().toList());
    }
    try (Stream<Path> s = Files.list(TestData.shared("ukbench"))) {
      s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(8).forEach(files::add);
    }
    for (Path f : files) {
      ImageRecord r = analyzer.analyze(f);
      Document stored = LuceneDocs.image(r, new Origin("src", List.of("t"), 5L), true);
      ImageRecord fromStored = LuceneDocs.meta(stored);
      ImageRecord fromColumn = LuceneDocs.meta(LuceneDocs.listed(LuceneDocs.listed(stored)));
      assertEquals(fromStored, fromColumn, f.toString());
      assertEquals(r.camera(), fromColumn.camera(), f.toString());
    }
  }

  @Test
  void an_unreadable_file_lists_with_its_size_mtime_and_reason() {
    Document stored = LuceneDocs.failure("/x/ünïcode name.jpg", 123, 456, "not an image: ✗");
    Document column = LuceneDocs.listed(LuceneDocs.listed(stored));
    for (String f : List.of(Schema.PATH, Schema.KIND, Schema.REASON)) {
      assertEquals(stored.get(f), column.get(f), f);
    }
    assertEquals(123L, LuceneDocs.longOf(column, Schema.SIZE));
    assertEquals(456L, LuceneDocs.longOf(column, Schema.MTIME));
  }
}
