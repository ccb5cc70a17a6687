package dev.neardup.cli;

import dev.neardup.config.Defaults;
import dev.neardup.index.IndexOptions;
import dev.neardup.index.solr.SolrAdmin;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neardup solr init}: install neardup's configset and collection on a SolrCloud. */
@Command(
    name = "solr",
    mixinStandardHelpOptions = true,
    description = "SolrCloud administration.",
    subcommands = SolrCommand.Init.class)
final class SolrCommand {

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description =
          "Uploads the configset in config/solr (vector dimension and HNSW settings written in)"
              + " and creates the collection. Then run any command with --solr-url URL"
              + " --collection NAME, or --index solr://host:8983/solr/NAME.")
  static final class Init implements Callable<Integer> {
    @Option(names = "--solr-url", required = true, paramLabel = "URL")
    String solrUrl;

    @Option(names = "--collection", paramLabel = "NAME", defaultValue = "images")
    String collection;

    @Option(names = "--configset", paramLabel = "DIR", defaultValue = "config/solr")
    Path configset;

    @Option(names = "--config-name", paramLabel = "NAME", defaultValue = "neardup")
    String configName;

    @Option(names = "--shards", defaultValue = "2")
    int shards;

    @Option(names = "--replicas", defaultValue = "2")
    int replicas;

    @Option(names = "--dim", defaultValue = "2048", description = "Vector dimension of the model.")
    int dim;

    @Option(names = "--hnsw-m")
    int hnswM = Defaults.HNSW_M.asInt();

    @Option(names = "--hnsw-beam")
    int hnswBeam = Defaults.HNSW_BEAM.asInt();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      SolrAdmin admin = new SolrAdmin(URI.create(solrUrl));
      IndexOptions d = IndexOptions.defaults();
      IndexOptions hnsw =
          new IndexOptions(hnswM, hnswBeam, false, d.ramBufferMb(), d.cache(), false);
      admin.uploadConfigset(configName, configset, dim, hnsw);
      admin.createCollection(collection, configName, shards, replicas);
      out.printf(
          "created collection %s (%d shards x %d replicas, %d-d vectors, M=%d, beam=%d) at %s%n",
          collection, shards, replicas, dim, hnswM, hnswBeam, solrUrl);
      return 0;
    }
  }
}
