package dev.neardup.index;

import dev.neardup.index.lucene.LuceneImageIndex;
import dev.neardup.index.solr.SolrImageIndex;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Which {@link ImageIndex} a setting names: a folder (the embedded Lucene index, the default) or
 * {@code solr://host:8983/solr/images} (the collection {@code images} of the SolrCloud at {@code
 * http://host:8983/solr}). The setting travels as a {@link Path}, so {@code solr://} may arrive as
 * {@code solr:/} (paths collapse double slashes); both are read.
 */
public final class IndexLocation {
  private IndexLocation() {}

  /** The Solr base URL and collection of a {@code solr://} setting. */
  public record Solr(URI baseUrl, String collection) {
    /** The setting that names this collection. */
    public String setting() {
      return "solr://" + baseUrl.getAuthority() + baseUrl.getPath() + "/" + collection;
    }
  }

  /** The Solr collection {@code setting} names, or null when it names a folder. */
  public static Solr solr(String setting) {
    if (!setting.startsWith("solr:")) {
      return null;
    }
    String rest = setting.substring("solr:".length()).replaceFirst("^/+", "");
    int slash = rest.lastIndexOf('/');
    if (slash <= 0 || slash == rest.length() - 1 || !rest.substring(0, slash).contains("/")) {
      throw new IllegalArgumentException(
          "a Solr index is solr://host:port/solr/COLLECTION (e.g. solr://localhost:8983/solr/images);"
              + " got "
              + setting);
    }
    return new Solr(URI.create("http://" + rest.substring(0, slash)), rest.substring(slash + 1));
  }

  /** The setting for {@code --solr-url URL --collection NAME}. */
  public static String of(String solrUrl, String collection) {
    URI u = URI.create(solrUrl.replaceFirst("/+$", ""));
    if (u.getScheme() == null || u.getAuthority() == null) {
      throw new IllegalArgumentException(
          "--solr-url must be like http://host:8983/solr; got " + solrUrl);
    }
    return "solr://" + u.getAuthority() + u.getPath() + "/" + collection;
  }

  /**
   * Opens the index {@code location} names: {@link SolrImageIndex} for {@code solr://…}, else
   * {@link LuceneImageIndex} in that folder.
   *
   * @param localDir for Solr, the local folder callers exclude from scans
   */
  public static ImageIndex open(
      Path location, Path localDir, IndexSettings settings, IndexOptions options, boolean rebuild)
      throws IOException {
    Solr s = solr(location.toString());
    if (s != null) {
      return SolrImageIndex.open(s.baseUrl(), s.collection(), localDir, settings, rebuild);
    }
    return LuceneImageIndex.open(location, settings, options, rebuild);
  }
}
