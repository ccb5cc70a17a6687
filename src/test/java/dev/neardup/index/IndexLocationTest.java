package dev.neardup.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IndexLocationTest {

  @Test
  void a_folder_setting_is_the_embedded_index_there() {
    assertEquals(new IndexLocation.Embedded(Path.of("idx")), IndexLocation.parse("idx"));
  }

  @Test
  void a_solr_setting_names_base_url_and_collection_also_after_a_path_collapsed_it() {
    IndexLocation.Solr want = new IndexLocation.Solr(URI.create("http://host:8983/solr"), "images");
    assertEquals(want, IndexLocation.parse("solr://host:8983/solr/images"));
    assertEquals(want, IndexLocation.parse(Path.of("solr://host:8983/solr/images").toString()));
    assertEquals("solr://host:8983/solr/images", want.setting());
    assertEquals(want, IndexLocation.solr("http://host:8983/solr/", "images"));
  }

  @Test
  void a_solr_setting_without_a_collection_is_refused() {
    assertThrows(IllegalArgumentException.class, () -> IndexLocation.parse("solr://host:8983"));
    assertThrows(IllegalArgumentException.class, () -> IndexLocation.solr("host", "images"));
  }
}
