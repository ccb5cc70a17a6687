package dev.neardup.index;

import dev.neardup.index.lucene.LuceneImageIndex;
import dev.neardup.index.solr.SolrImageIndex;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where an {@link ImageIndex} lives: a folder ({@link Embedded}, the default) or a SolrCloud
 * collection ({@link Solr}). The user's setting is {@link #parse parsed} once; from then on the
 * location is the only way to open an index or read its settings, so that no caller branches on the
 * backend.
 *
 * <p>A Solr setting is {@code solr://host:8983/solr/images}: the collection {@code images} of the
 * SolrCloud at {@code http://host:8983/solr}. A setting that went through a {@link Path} arrives as
 * {@code solr:/host:…} (paths collapse double slashes); both are read.
 */
public sealed interface IndexLocation {

  /**
   * Opens (or creates) the index here.
   *
   * @param settings what this process will write; must match what the index was made with
   * @param options HNSW graph parameters (the embedded index; a collection has its own), and the
   *     cache budget of a collection's snapshots
   * @param rebuild drop every image document first (e.g. to switch models); decisions stay
   * @throws IndexMismatchException when the index was made with another model, dimension or
   *     preprocessing; the message names both sides and the way out
   */
  ImageIndex open(IndexSettings settings, IndexOptions options, boolean rebuild) throws IOException;

  /** The settings recorded by the index here, or null when there is none. */
  IndexSettings readSettings() throws IOException;

  /**
   * The local folder that scans exclude: the embedded index's own; for a collection a path named
   * after it that holds nothing (what {@link ImageIndex#directory()} returns).
   */
  Path localDir();

  /** The setting that names this location (a folder, or {@code solr://…}). */
  String setting();

  /**
   * Where the two-phase dedup keeps phase 1's results for an index here ({@code --neighbours
   * SETTING}): for an embedded index the folder {@code setting} (local, or shared by the workers);
   * for a collection the results named {@code setting} in the collection itself, so that workers on
   * other machines need no shared folder.
   */
  dev.neardup.neighbours.NeighbourStore neighbours(String setting);

  /** The location a setting names: {@code solr://…} (or {@code solr:/…}), else a folder. */
  static IndexLocation parse(String setting) {
    if (!setting.startsWith("solr:")) {
      return new Embedded(Path.of(setting));
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

  /** The collection of {@code --solr-url URL --collection NAME}. */
  static Solr solr(String solrUrl, String collection) {
    URI u = URI.create(solrUrl.replaceFirst("/+$", ""));
    if (u.getScheme() == null || u.getAuthority() == null) {
      throw new IllegalArgumentException(
          "--solr-url must be like http://host:8983/solr; got " + solrUrl);
    }
    return (Solr) parse("solr://" + u.getAuthority() + u.getPath() + "/" + collection);
  }

  /** The embedded Lucene index in the folder {@code dir}. */
  record Embedded(Path dir) implements IndexLocation {
    public Embedded {
      java.util.Objects.requireNonNull(dir, "dir");
    }

    @Override
    public ImageIndex open(IndexSettings settings, IndexOptions options, boolean rebuild)
        throws IOException {
      return LuceneImageIndex.open(dir, settings, options, rebuild);
    }

    @Override
    public IndexSettings readSettings() throws IOException {
      return LuceneImageIndex.readSettings(dir);
    }

    @Override
    public Path localDir() {
      return dir;
    }

    @Override
    public dev.neardup.neighbours.NeighbourStore neighbours(String setting) {
      return new dev.neardup.neighbours.FileNeighbourStore(Path.of(setting));
    }

    @Override
    public String setting() {
      return dir.toString();
    }

    @Override
    public String toString() {
      return setting();
    }
  }

  /**
   * The collection {@code collection} of the SolrCloud whose base URL is {@code base} (e.g. {@code
   * http://host:8983/solr}); it must exist ({@code neardup solr init} creates it).
   */
  record Solr(URI base, String collection) implements IndexLocation {
    public Solr {
      java.util.Objects.requireNonNull(base, "base");
      java.util.Objects.requireNonNull(collection, "collection");
    }

    @Override
    public ImageIndex open(IndexSettings settings, IndexOptions options, boolean rebuild)
        throws IOException {
      return SolrImageIndex.open(
          base, collection, localDir(), settings, options.cache(), options.storePixels(), rebuild);
    }

    @Override
    public IndexSettings readSettings() throws IOException {
      return SolrImageIndex.readSettings(base, collection);
    }

    @Override
    public Path localDir() {
      return Path.of(setting());
    }

    @Override
    public dev.neardup.neighbours.NeighbourStore neighbours(String setting) {
      return new dev.neardup.index.solr.SolrNeighbourStore(base, collection, setting);
    }

    @Override
    public String setting() {
      return "solr://" + base.getAuthority() + base.getPath() + "/" + collection;
    }

    @Override
    public String toString() {
      return setting();
    }
  }
}
