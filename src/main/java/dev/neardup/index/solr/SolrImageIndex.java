package dev.neardup.index.solr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neardup.config.CacheBudget;
import dev.neardup.index.ContentClaim;
import dev.neardup.index.Decisions;
import dev.neardup.index.FileState;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexChecks;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexMismatchException;
import dev.neardup.index.IndexSettings;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.Origin;
import dev.neardup.index.Schema;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The image index as a SolrCloud collection, spoken to over Solr's JSON HTTP API: many neardup
 * processes on many machines can share one collection. The documents are those of the embedded
 * index ({@link SolrDocs}); the embedding is a {@code DenseVectorField} (HNSW, cosine) searched
 * with {@code {!knn}}, which Solr runs per shard and merges.
 *
 * <p><b>What made the collection</b> is one config document ({@code neardup:config}): model id,
 * dimension, preprocessing, thumbnail size, format version. The first process creates it (with
 * {@code _version_ = -1}, so two first processes cannot both write theirs); every later one must
 * match it, or {@link #open} refuses as the embedded index does.
 *
 * <p><b>Durability.</b> {@link #commit} and {@link #commitThrough} are hard commits ({@code
 * commit=true}, segments fsynced on every replica of every shard before Solr answers); an upload is
 * acknowledged only after one. {@link #refresh} is a soft commit (visible, not yet durable beyond
 * Solr's update log).
 *
 * <p><b>Exact copies between machines.</b> {@link #claimContent} creates a {@code claim:<sha256>}
 * document with optimistic concurrency ({@code _version_ = -1}: "must not exist"): of any number of
 * processes claiming the same bytes at once, exactly one wins. A claim records its owner and time;
 * one that outlived its lease (its machine crashed) is taken over, again with optimistic
 * concurrency ({@link SolrClaims}).
 */
public final class SolrImageIndex implements ImageIndex {

  /**
   * Not for a collection: Lucene segments from an embedded index cannot be added to Solr shards.
   * Use {@code neardup export} on the embedded index and {@code neardup import} into the
   * collection.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void addIndexes(java.util.List<IndexLocation> sources) {
    throw new UnsupportedOperationException(
        "merge-index adds Lucene segments and works on embedded indexes; to move images into a"
            + " Solr collection use 'neardup export' and 'neardup import --index solr://...'");
  }

  private final SolrHttp http;
  private final String collection;
  private final Path localDir;
  private final IndexSettings settings;
  private final CacheBudget cache;
  private final boolean storePixels;
  private final AtomicLong sequence = new AtomicLong();
  private final Object commitLock = new Object();
  private long committedSeqNo = 0;
  private final SolrClaims claims = new SolrClaims(this);

  private SolrImageIndex(
      SolrHttp http,
      String collection,
      Path localDir,
      IndexSettings settings,
      CacheBudget cache,
      boolean storePixels) {
    this.http = http;
    this.collection = collection;
    this.localDir = localDir;
    this.settings = settings;
    this.cache = cache;
    this.storePixels = storePixels;
  }

  /**
   * Opens the collection {@code collection} of the Solr at {@code baseUrl} (e.g. {@code
   * http://host:8983/solr}); it must exist ({@code neardup solr init} creates it).
   *
   * @param localDir the local folder callers exclude from scans (holds nothing)
   * @param cache the budget whose document and vector shares each snapshot caches fetched binaries
   *     within
   * @param storePixels whether image documents also store their verification image ({@link
   *     dev.neardup.index.IndexOptions#storePixels})
   * @param rebuild drop every image document first (decisions stay, as in the embedded index)
   * @throws IndexMismatchException when the collection was made with another model, dimension or
   *     preprocessing, or its vector field has another dimension than the model
   */
  public static SolrImageIndex open(
      URI baseUrl,
      String collection,
      Path localDir,
      IndexSettings settings,
      CacheBudget cache,
      boolean storePixels,
      boolean rebuild)
      throws IOException {
    checkName(collection);
    java.util.Objects.requireNonNull(cache, "cache");
    SolrHttp http = new SolrHttp(baseUrl, Duration.ofSeconds(60));
    SolrImageIndex index =
        new SolrImageIndex(http, collection, localDir, settings, cache, storePixels);
    index.checkVectorField();
    index.addMissingFields();
    if (rebuild) {
      index.update(
          SolrHttp.JSON
              .createObjectNode()
              .set(
                  "delete",
                  SolrHttp.JSON.createObjectNode().put("query", "kind:(image OR failed OR claim)")),
          "");
      index.update(array(SolrDocs.config(settings)), "");
      index.commit();
    } else {
      index.checkOrRecordSettings();
    }
    return index;
  }

  /**
   * The settings recorded in the config document of the collection {@code collection}, or null when
   * it has none yet.
   */
  public static IndexSettings readSettings(URI baseUrl, String collection) throws IOException {
    checkName(collection);
    SolrImageIndex index =
        new SolrImageIndex(
            new SolrHttp(baseUrl, Duration.ofSeconds(60)),
            collection,
            Path.of(""),
            null,
            CacheBudget.defaults(),
            false);
    JsonNode had = index.realTimeGet(SolrDocs.CONFIG_ID);
    return had == null ? null : IndexSettings.fromCommitData(SolrDocs.configData(had));
  }

  private static void checkName(String collection) {
    if (collection == null || !collection.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "a Solr collection name is letters, digits, '.', '_' or '-'; got " + collection);
    }
  }

  private String core(String handler) {
    return collection + "/" + handler;
  }

  /**
   * Adds the fields a collection made from an older configset lacks, through the Schema API, so
   * that its documents can be written: {@code content_box} (see {@link Schema#CONTENT_BOX}; the
   * documents it already holds are hashed from their thumbnails when read) and the origin's {@code
   * source}, {@code tag} and {@code arrived} (absent: {@link Origin#UNKNOWN}, as for an image
   * indexed from a folder), the claims' owner and time ({@link SolrClaims}), and the fields of the
   * two-phase dedup's results ({@link SolrNeighbourStore}), and the kept flag ({@link
   * SolrKeptFlag}).
   */
  private void addMissingFields() throws IOException {
    addField(Schema.CONTENT_BOX, "binary", false, false);
    addField(Schema.SOURCE, "string", true, false);
    addField(Schema.TAG, "string", true, true);
    addField(Schema.ARRIVED, "plong", false, false);
    addField(SolrClaims.OWNER, "string", false, false);
    addField(SolrClaims.AT, "plong", false, false);
    addField(SolrNeighbourStore.SET, "string", true, false);
    addField(SolrNeighbourStore.PART, "string", true, false);
    addField(SolrNeighbourStore.WRITE, "string", true, false);
    addField(SolrNeighbourStore.CHUNKS, "pint", false, false);
    addField(SolrNeighbourStore.DATA, "binary", false, false);
    addField(SolrKeptFlag.FIELD, "plong", false, false, false);
  }

  private void addField(String name, String type, boolean indexed, boolean multiValued)
      throws IOException {
    addField(name, type, indexed, multiValued, true);
  }

  private void addField(
      String name, String type, boolean indexed, boolean multiValued, boolean stored)
      throws IOException {
    if (hasField(name)) {
      return;
    }
    ObjectNode body = SolrHttp.JSON.createObjectNode();
    ObjectNode f =
        body.putObject("add-field")
            .put("name", name)
            .put("type", type)
            .put("indexed", indexed)
            .put("stored", stored);
    if (!stored) {
      f.put("docValues", true);
    }
    if (multiValued) {
      f.put("multiValued", true);
    }
    try {
      http.post(core("schema?wt=json"), body);
    } catch (SolrHttp.SolrException e) {
      if (!hasField(name)) { // not added by another process meanwhile
        throw e;
      }
    }
  }

  private boolean hasField(String name) throws IOException {
    try {
      http.get(core("schema/fields/" + name));
      return true;
    } catch (SolrHttp.SolrException e) {
      if (e.status == 404) {
        return false;
      }
      throw e;
    }
  }

  private void checkVectorField() throws IOException {
    if (!settings.hasVectors()) {
      return;
    }
    JsonNode f = http.get(core("schema/fields/" + Schema.VECTOR)).path("field");
    JsonNode type =
        http.get(core("schema/fieldtypes/" + f.path("type").asText())).path("fieldType");
    int dim = type.path("vectorDimension").asInt(-1);
    if (dim != settings.dim()) {
      throw new IndexMismatchException(
          String.format(
              java.util.Locale.ROOT,
              "Solr collection %s has a %d-d vector field, but model [%s] makes %d-d vectors;"
                  + " create the collection from a configset with vectorDimension=%d",
              location(),
              dim,
              settings.modelId(),
              settings.dim(),
              settings.dim()));
    }
  }

  private void checkOrRecordSettings() throws IOException {
    JsonNode had = realTimeGet(SolrDocs.CONFIG_ID);
    if (had == null) {
      ObjectNode config = SolrDocs.config(settings).put("_version_", -1);
      try {
        update(array(config), "");
        commit();
        return;
      } catch (SolrHttp.SolrException e) {
        if (e.status != 409) {
          throw e;
        }
        had = realTimeGet(SolrDocs.CONFIG_ID); // another process recorded its settings first
      }
    }
    Map<String, String> data = SolrDocs.configData(had);
    IndexChecks.checkCompatible(location(), data, settings);
  }

  /** The document with unique key {@code id}, as of now (Solr's real-time get), or null. */
  JsonNode realTimeGet(String id) throws IOException {
    JsonNode doc = http.get(core("get?wt=json&id=" + SolrHttp.enc(id))).path("doc");
    return doc.isObject() ? doc : null;
  }

  /** Several documents by unique key, as of now; missing ones are left out. */
  JsonNode realTimeGet(List<String> ids, String fields) throws IOException {
    ObjectNode body = SolrHttp.JSON.createObjectNode();
    ObjectNode params = body.putObject("params");
    params.put("ids", String.join(",", ids));
    params.put("fl", fields);
    return http.post(core("get?wt=json"), body).path("response").path("docs");
  }

  /** POSTs a JSON query body to {@code /select}. */
  JsonNode select(ObjectNode body) throws IOException {
    return http.post(core("select?wt=json"), body);
  }

  void update(JsonNode body, String params) throws IOException {
    http.post(core("update?wt=json" + params), body);
  }

  private static ArrayNode array(JsonNode doc) {
    return SolrHttp.JSON.createArrayNode().add(doc);
  }

  @Override
  public IndexSettings settings() {
    return settings;
  }

  @Override
  public Path directory() {
    return localDir;
  }

  @Override
  public String location() {
    return "solr:" + http.base() + collection;
  }

  /** Number of shards in the collection's cluster state (k-NN topK is per shard). */
  int shards() throws IOException {
    JsonNode c =
        http.get("admin/collections?action=CLUSTERSTATUS&wt=json&collection=" + collection)
            .path("cluster")
            .path("collections")
            .path(collection)
            .path("shards");
    return Math.max(1, c.size());
  }

  /** Adds or replaces an image, with who sent it and when it arrived. */
  @Override
  public long put(ImageRecord record, Origin origin) throws IOException {
    IndexChecks.checkVector(settings, record);
    update(array(SolrDocs.image(record, origin, storePixels)), "");
    return sequence.incrementAndGet();
  }

  @Override
  public long putFailure(String path, long fileSize, long mtimeMillis, String reason)
      throws IOException {
    update(array(SolrDocs.failure(path, fileSize, mtimeMillis, reason)), "");
    return sequence.incrementAndGet();
  }

  @Override
  public long delete(String path) throws IOException {
    update(deleteById(SolrDocs.key(path)), "");
    return sequence.incrementAndGet();
  }

  private static ObjectNode deleteById(String id) {
    ObjectNode body = SolrHttp.JSON.createObjectNode();
    body.putObject("delete").put("id", id);
    return body;
  }

  /**
   * Claims the content {@code claim.sha256()}, durably: true for the one caller (in any process on
   * any machine) that claimed it first, or that took over a claim outlived its lease ({@link
   * SolrClaims}), false for every other while the claim stands. Settles bursts of exact copies
   * arriving at different machines; the claim goes with {@link #releaseContent}.
   */
  @Override
  public boolean claimContent(ContentClaim claim) throws IOException {
    if (!claims.claim(claim)) {
      return false;
    }
    commitThrough(sequence.incrementAndGet());
    return true;
  }

  /** This machine's id in the claims it writes (see {@link SolrClaims#owner()}). */
  public String owner() {
    return claims.owner();
  }

  /** Drops the claim of {@code sha256} (its image was deleted). */
  @Override
  public void releaseContent(String sha256) throws IOException {
    update(deleteById(SolrDocs.claimKey(sha256)), "");
    commitThrough(sequence.incrementAndGet());
  }

  @Override
  public void markNotDuplicate(Collection<String> paths) throws IOException {
    SortedSet<String> set = IndexChecks.decisionPaths(paths);
    if (set.size() < 2) {
      throw new IllegalArgumentException(
          "a not-duplicate decision needs at least two distinct paths; got " + paths);
    }
    update(array(SolrDocs.decision(Schema.TYPE_NOT_DUPLICATE, set)), "");
    commit();
  }

  @Override
  public void unmarkNotDuplicate(Collection<String> paths) throws IOException {
    update(
        deleteById(
            SolrDocs.decisionId(Schema.TYPE_NOT_DUPLICATE, IndexChecks.decisionPaths(paths))),
        "");
    commit();
  }

  @Override
  public void pinKeeper(String path, Collection<String> unpin) throws IOException {
    for (String u : unpin) {
      if (!u.equals(path)) {
        update(deleteById(keepId(u)), "");
      }
    }
    update(
        array(SolrDocs.decision(Schema.TYPE_KEEP, IndexChecks.decisionPaths(List.of(path)))), "");
    commit();
  }

  @Override
  public void unpinKeeper(String path) throws IOException {
    update(deleteById(keepId(path)), "");
    commit();
  }

  private static String keepId(String path) {
    return SolrDocs.decisionId(Schema.TYPE_KEEP, IndexChecks.decisionPaths(List.of(path)));
  }

  @Override
  public Decisions decisions() throws IOException {
    return SolrSnapshot.readDecisions(this);
  }

  @Override
  public void commit() throws IOException {
    long upTo = sequence.get();
    update(SolrHttp.JSON.createObjectNode(), "&commit=true&waitSearcher=true");
    synchronized (commitLock) {
      committedSeqNo = Math.max(committedSeqNo, upTo);
    }
  }

  @Override
  public void commitThrough(long seqNo) throws IOException {
    synchronized (commitLock) {
      if (committedSeqNo >= seqNo) {
        return;
      }
      long upTo = sequence.get(); // every update that returned is in the commit
      update(SolrHttp.JSON.createObjectNode(), "&commit=true&waitSearcher=true");
      committedSeqNo = Math.max(committedSeqNo, upTo);
    }
  }

  @Override
  public void refresh() throws IOException {
    update(SolrHttp.JSON.createObjectNode(), "&softCommit=true&waitSearcher=true");
  }

  @Override
  public IndexSnapshot snapshot() throws IOException {
    return new SolrSnapshot(this, cache);
  }

  @Override
  public Map<String, FileState> fileStates(Predicate<String> pathFilter) throws IOException {
    Map<String, FileState> out = new HashMap<>();
    SolrSnapshot.forEachListed(
        this,
        "kind:(image OR failed)",
        d -> {
          String path = d.path(Schema.PATH).asText();
          if (pathFilter.test(path)) {
            out.put(
                path,
                new FileState(
                    d.path(Schema.SIZE).asLong(),
                    d.path(Schema.MTIME).asLong(),
                    Schema.KIND_FAILED.equals(d.path(Schema.KIND).asText())));
          }
        });
    return out;
  }

  @Override
  public int documentCount() throws IOException {
    ObjectNode body = SolrHttp.JSON.createObjectNode();
    body.put("query", "kind:(image OR failed)");
    body.put("limit", 0);
    return select(body).path("response").path("numFound").asInt();
  }

  @Override
  public void close() throws IOException {
    commit();
  }
}
