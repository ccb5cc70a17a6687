package dev.neardup.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/solr-dev}'s cluster: it answers at the URL it prints, and stopping deletes its data.
 */
class SolrDevTest {

  @Test
  void a_two_node_cluster_answers_at_its_url_and_stopping_it_deletes_its_data() throws Exception {
    Path home;
    try (SolrDev dev = SolrDev.start(0, 2)) {
      home = dev.home();
      assertTrue(Files.isDirectory(home));
      assertTrue(dev.baseUrl().toString().matches("http://127\\.0\\.0\\.1:\\d+/solr"), "" + dev);
      HttpResponse<String> system = get(dev.baseUrl() + "/admin/info/system?wt=json");
      assertEquals(200, system.statusCode());
      assertTrue(system.body().contains("\"mode\":\"solrcloud\""), system.body());
      String live = get(dev.baseUrl() + "/admin/collections?action=CLUSTERSTATUS&wt=json").body();
      assertEquals(2, live.split("_solr\"").length - 1, "two live nodes: " + live);
    }
    assertFalse(Files.exists(home), "stopping deletes " + home);
  }

  @Test
  void no_nodes_or_ports_past_65535_are_refused_before_anything_starts() {
    assertThrows(IllegalArgumentException.class, () -> SolrDev.start(8983, 0));
    assertThrows(IllegalArgumentException.class, () -> SolrDev.start(65535, 2));
  }

  private static HttpResponse<String> get(String url) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
