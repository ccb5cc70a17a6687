package dev.neardup.solr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettyConfig;

/**
 * A local SolrCloud of N nodes and an embedded ZooKeeper in one JVM, with its data in a temporary
 * folder that {@link #close} deletes. Node i listens on {@code port + i} (every node on a free port
 * when {@code port} is 0), so the URL it prints stays the same from run to run and can be pasted.
 * It uploads nothing: {@code neardup solr init} installs the configset and collection, as on a real
 * cluster. {@link #main} is {@code bin/solr-dev}'s entry point.
 */
public final class SolrDev implements AutoCloseable {
  private final Path home;
  private final MiniSolrCloudCluster cluster;
  private final URI baseUrl;

  private SolrDev(Path home, MiniSolrCloudCluster cluster, URI baseUrl) {
    this.home = home;
    this.cluster = cluster;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts {@code nodes} Solr nodes, node i on {@code port + i} (or each on a free port when {@code
   * port} is 0), and returns once all of them are live in ZooKeeper.
   */
  public static SolrDev start(int port, int nodes) throws Exception {
    if (nodes < 1) {
      throw new IllegalArgumentException("--nodes must be at least 1, was " + nodes);
    }
    if (port < 0 || port + nodes - 1 > 65535) {
      throw new IllegalArgumentException(
          "--port must leave room for " + nodes + " ports in 1..65535 (or be 0), was " + port);
    }
    for (int i = 0; port != 0 && i < nodes; i++) {
      requireFree(port + i); // Jetty reports a taken port only as "STOPPED"
    }
    Path home = Files.createTempDirectory("neardup-solr-dev");
    MiniSolrCloudCluster cluster = null;
    try {
      // No node at first: the builder would start them all on one JettyConfig, hence one port.
      cluster = new MiniSolrCloudCluster.Builder(0, home).withTraceIdGenerationDisabled().build();
      for (int i = 0; i < nodes; i++) {
        JettyConfig jetty =
            JettyConfig.builder().setPort(port == 0 ? 0 : port + i).stopAtShutdown(false).build();
        cluster.startJettySolrRunner("node" + (i + 1), "/solr", jetty);
      }
      cluster.waitForAllNodes(60);
      URI base = URI.create(cluster.getJettySolrRunner(0).getBaseUrl().toString());
      return new SolrDev(home, cluster, base);
    } catch (Exception | Error e) {
      if (cluster != null) {
        cluster.shutdown();
      }
      deleteTree(home);
      throw e;
    }
  }

  /** The first node's base URL, e.g. {@code http://127.0.0.1:8983/solr}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The temporary folder holding ZooKeeper's and every node's data; {@link #close} deletes it. */
  public Path home() {
    return home;
  }

  /** Stops every node and ZooKeeper, then deletes the data folder. */
  @Override
  public void close() throws Exception {
    try {
      cluster.shutdown();
    } finally {
      deleteTree(home);
    }
  }

  /**
   * {@code bin/solr-dev --port P --nodes N}: starts the cluster, prints its URL and the {@code
   * neardup solr init} line to paste, and runs until SIGTERM or SIGINT, when a shutdown hook stops
   * it and deletes its data.
   */
  public static void main(String[] args) throws Exception {
    int port = 8983;
    int nodes = 2;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--port" -> port = intValue(args, ++i, a);
        case "--nodes" -> nodes = intValue(args, ++i, a);
        default -> usage("unknown option " + a);
      }
    }
    SolrDev dev;
    try {
      dev = start(port, nodes);
    } catch (IllegalArgumentException e) {
      usage(e.getMessage());
      return;
    } catch (Exception e) {
      System.err.println("solr-dev: could not start: " + e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("solr-dev: stopping, deleting " + dev.home());
                  try {
                    dev.close();
                  } catch (Exception e) {
                    System.err.println("solr-dev: stop failed: " + e);
                  }
                  stopped.countDown();
                },
                "solr-dev-stop"));
    System.out.printf(
        "solr-dev: SolrCloud ready, %d node(s), at %s (data in %s; Ctrl-C or SIGTERM stops it)%n",
        nodes, dev.baseUrl(), dev.home());
    System.out.println("solr-dev: create the collection with:");
    System.out.printf("  bin/neardup solr init --solr-url %s --collection images%n", dev.baseUrl());
    System.out.flush();
    stopped.await(); // the shutdown hook ends the wait; the JVM then exits
  }

  private static int intValue(String[] args, int i, String option) {
    if (i >= args.length) {
      usage(option + " needs a number");
    }
    try {
      return Integer.parseInt(args[i]);
    } catch (NumberFormatException e) {
      usage(option + " needs a number, was '" + args[i] + "'");
      return -1;
    }
  }

  private static void usage(String problem) {
    System.err.println("solr-dev: " + problem + " (usage: bin/solr-dev [--port P] [--nodes N])");
    System.exit(2);
  }

  private static void requireFree(int port) {
    try (ServerSocket probe = new java.net.ServerSocket(port)) {
      probe.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalArgumentException("port " + port + " is in use; choose another --port");
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
