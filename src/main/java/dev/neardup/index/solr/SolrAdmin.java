package dev.neardup.index.solr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neardup.index.IndexOptions;
import dev.neardup.index.lucene.HnswCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Installs neardup's collection on a SolrCloud: uploads the configset from {@code config/solr/}
 * (with the vector dimension and HNSW settings written in) through the Configsets API, and creates
 * the collection through the Collections API. {@code neardup solr init} is a thin shell around it.
 */
public final class SolrAdmin {
  private final SolrHttp http;

  public SolrAdmin(URI baseUrl) {
    this.http = new SolrHttp(baseUrl, Duration.ofMinutes(3));
  }

  /**
   * The configset files of {@code dir} with {@code dim}, M and beam written into the vector type.
   */
  static byte[] configsetZip(Path dir, int dim, IndexOptions hnsw) throws IOException {
    if (dim < 1 || dim > HnswCodec.MAX_DIMENSIONS) {
      throw new IllegalArgumentException(
          "vector dimension must be in [1, " + HnswCodec.MAX_DIMENSIONS + "]; got " + dim);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String name : List.of("solrconfig.xml", "managed-schema.xml")) {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
          throw new IOException("the Solr configset lacks " + f);
        }
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (name.startsWith("managed")) {
          text =
              text.replaceFirst("vectorDimension=\"\\d+\"", "vectorDimension=\"" + dim + "\"")
                  .replaceFirst(
                      "hnswMaxConnections=\"\\d+\"",
                      "hnswMaxConnections=\"" + hnsw.maxConn() + "\"")
                  .replaceFirst(
                      "hnswBeamWidth=\"\\d+\"", "hnswBeamWidth=\"" + hnsw.beamWidth() + "\"");
        }
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** Uploads (or replaces) the configset {@code name}. */
  public void uploadConfigset(String name, Path dir, int dim, IndexOptions hnsw)
      throws IOException {
    http.postBytes(
        "admin/configs?action=UPLOAD&overwrite=true&cleanup=true&wt=json&name="
            + SolrHttp.enc(name),
        "application/octet-stream",
        configsetZip(dir, dim, hnsw));
  }

  /**
   * Creates {@code collection} from configset {@code config} and waits until every replica is
   * active.
   *
   * @throws IllegalArgumentException when shards or replicas are below 1
   */
  public void createCollection(String collection, String config, int shards, int replicas)
      throws IOException {
    if (shards < 1 || replicas < 1) {
      throw new IllegalArgumentException(
          "shards and replicas must be >= 1; got " + shards + " and " + replicas);
    }
    JsonNode r =
        http.get(
            "admin/collections?action=CREATE&wt=json&waitForFinalState=true&name="
                + SolrHttp.enc(collection)
                + "&collection.configName="
                + SolrHttp.enc(config)
                + "&numShards="
                + shards
                + "&replicationFactor="
                + replicas);
    if (r.has("failure")) {
      throw new IOException("Solr could not create " + collection + ": " + r.get("failure"));
    }
  }
}
