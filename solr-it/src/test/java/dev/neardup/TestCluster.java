package dev.neardup;

import dev.neardup.index.IndexOptions;
import dev.neardup.index.solr.SolrAdmin;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.solr.cloud.MiniSolrCloudCluster;

/**
 * The SolrCloud the solr-it tests run against: 2 nodes in-process (embedded ZooKeeper) in a
 * temporary folder, with the shipped configset uploaded as {@code neardup} (what {@code neardup
 * solr init} uploads). One per test class; close it when the class is done.
 */
public final class TestCluster implements AutoCloseable {
  /** The configset every collection is made from. */
  public static final String CONFIGSET = "neardup";

  private final Path home;
  private final MiniSolrCloudCluster cluster;
  private final URI base;
  private int collections;

  private TestCluster(Path home, MiniSolrCloudCluster cluster, URI base) {
    this.home = home;
    this.cluster = cluster;
    this.base = base;
  }

  /**
   * Starts the cluster in a temporary folder named after {@code name}.
   *
   * @param dim the vector dimension the configset's field is made for
   */
  public static TestCluster start(String name, int dim) throws Exception {
    Path home = Files.createTempDirectory("neardup-solr-" + name);
    MiniSolrCloudCluster c =
        new MiniSolrCloudCluster.Builder(2, home).withTraceIdGenerationDisabled().build();
    URI base = URI.create(c.getJettySolrRunner(0).getBaseUrl().toString());
    new SolrAdmin(base)
        .uploadConfigset(
            CONFIGSET,
            Path.of(System.getProperty("neardup.configset")),
            dim,
            IndexOptions.defaults());
    return new TestCluster(home, c, base);
  }

  /** A folder of this cluster's temporary home, for the tests' own files. */
  public Path home() {
    return home;
  }

  /** The first node's base URL ({@code http://127.0.0.1:PORT/solr}). */
  public URI base() {
    return base;
  }

  /** The cluster itself (to stop a node). */
  public MiniSolrCloudCluster cluster() {
    return cluster;
  }

  /** A fresh collection {@code prefix + n} of {@code shards} × {@code replicas}; its name. */
  public String newCollection(String prefix, int shards, int replicas) throws java.io.IOException {
    String name = prefix + (collections++);
    new SolrAdmin(base).createCollection(name, CONFIGSET, shards, replicas);
    return name;
  }

  /** The {@code solr://} setting of collection {@code name}, as a user writes it. */
  public Path setting(String name) {
    return Path.of("solr://" + base.getAuthority() + base.getPath() + "/" + name);
  }

  @Override
  public void close() throws Exception {
    cluster.shutdown();
  }
}
