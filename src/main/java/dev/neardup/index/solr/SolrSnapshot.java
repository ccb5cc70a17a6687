package dev.neardup.index.solr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.neardup.config.CacheBudget;
import dev.neardup.image.BlockSignature;
import dev.neardup.image.ContentHashes;
import dev.neardup.image.GrayImage;
import dev.neardup.image.Signatures;
import dev.neardup.index.Decisions;
import dev.neardup.index.DocFilter;
import dev.neardup.index.FailedFile;
import dev.neardup.index.ImageIds;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSettings;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.index.Neighbor;
import dev.neardup.index.Origin;
import dev.neardup.index.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A view of a Solr collection as of when it was opened. Solr has no point-in-time reader across
 * requests, so the snapshot lists every image and unreadable file once (metadata only, paged with a
 * cursor, sorted by path) and gives them dense doc ids in that order; k-NN hits on documents added
 * later are left out. Binaries (thumbnail, signature, variants, histogram, raw vector) are fetched
 * per image on first use with real-time get and cached. A document deleted after the snapshot was
 * opened reads as an {@link UncheckedIOException} naming it.
 */
final class SolrSnapshot implements IndexSnapshot {
  /**
   * Kept-image filters up to this many ids go to Solr as a terms pre-filter; larger ones as the
   * kept flag ({@link SolrKeptFlag}).
   */
  static final int MAX_TERMS_FILTER = 20_000;

  private int termsLimit = MAX_TERMS_FILTER;
  private final Map<DocFilter, SolrKeptFlag> flags = new java.util.IdentityHashMap<>();

  private final SolrImageIndex index;
  private final List<String> keys = new ArrayList<>(); // doc id -> unique key
  private final List<ImageRecord> records = new ArrayList<>();
  private final List<Origin> origins = new ArrayList<>();
  private final List<String> reasons = new ArrayList<>(); // null for images
  private final Map<String, Integer> docOf = new HashMap<>();
  private final int imageCount;
  private final long version;

  /**
   * Fetched binaries (thumbnails and signatures, as Solr's base64 text), within the budget's {@link
   * CacheBudget#documentBytes() document share}: the kept images a grouping compares with most,
   * bounded however many they are.
   */
  private final Cache<Integer, JsonNode> heavy;

  /** Fetched raw vectors, within the budget's {@link CacheBudget#vectorBytes() vector share}. */
  private final Cache<Integer, float[]> vectors;

  private Decisions decisions;
  private int shards = -1;

  SolrSnapshot(SolrImageIndex index, CacheBudget cache) throws IOException {
    this.index = index;
    this.heavy =
        Caffeine.newBuilder()
            .maximumWeight(cache.documentBytes())
            .weigher((Integer doc, JsonNode d) -> weight(d))
            .executor(Runnable::run) // evict on the caller's thread: no pool for a snapshot
            .build();
    this.vectors =
        Caffeine.newBuilder()
            .maximumWeight(cache.vectorBytes())
            .weigher((Integer doc, float[] v) -> v.length * Float.BYTES)
            .executor(Runnable::run)
            .build();
    int[] images = {0};
    long[] maxVersion = {0};
    forEachListed(
        index,
        "kind:(image OR failed)",
        d -> {
          int doc = keys.size();
          keys.add(d.path("id").asText());
          docOf.put(d.path("id").asText(), doc);
          boolean image = Schema.KIND_IMAGE.equals(d.path(Schema.KIND).asText());
          records.add(SolrDocs.meta(d));
          origins.add(image ? SolrDocs.origin(d) : Origin.UNKNOWN);
          reasons.add(image ? null : d.path(Schema.REASON).asText(""));
          images[0] += image ? 1 : 0;
          maxVersion[0] = Math.max(maxVersion[0], d.path("_version_").asLong());
        });
    this.imageCount = images[0];
    this.version = 31 * maxVersion[0] + keys.size();
  }

  /** Visits every document matching {@code query} (listed fields only), sorted by path. */
  static void forEachListed(SolrImageIndex index, String query, Consumer<JsonNode> visitor)
      throws IOException {
    String cursor = "*";
    while (true) {
      ObjectNode body = SolrHttp.JSON.createObjectNode();
      body.put("query", query);
      body.put("fields", SolrDocs.LISTED + ",_version_");
      body.put("sort", "path asc, id asc");
      body.put("limit", 1000);
      body.putObject("params").put("cursorMark", cursor);
      JsonNode r = index.select(body);
      for (JsonNode d : r.path("response").path("docs")) {
        visitor.accept(d);
      }
      String next = r.path("nextCursorMark").asText();
      if (next.equals(cursor) || next.isEmpty()) {
        return;
      }
      cursor = next;
    }
  }

  static Decisions readDecisions(SolrImageIndex index) throws IOException {
    List<Set<String>> sets = new ArrayList<>();
    List<String> keepers = new ArrayList<>();
    String cursor = "*";
    while (true) {
      ObjectNode body = SolrHttp.JSON.createObjectNode();
      body.put("query", "kind:" + Schema.KIND_DECISION);
      body.put("fields", Schema.DECISION_TYPE + "," + Schema.DECISION_PATH);
      body.put("sort", "id asc");
      body.put("limit", 1000);
      body.putObject("params").put("cursorMark", cursor);
      JsonNode r = index.select(body);
      for (JsonNode d : r.path("response").path("docs")) {
        Set<String> paths = new TreeSet<>();
        d.path(Schema.DECISION_PATH).forEach(p -> paths.add(p.asText()));
        String type = d.path(Schema.DECISION_TYPE).asText();
        if (Schema.TYPE_KEEP.equals(type)) {
          keepers.addAll(paths);
        } else if (Schema.TYPE_NOT_DUPLICATE.equals(type)) {
          sets.add(paths);
        }
      }
      String next = r.path("nextCursorMark").asText();
      if (next.equals(cursor) || next.isEmpty()) {
        return new Decisions(sets, keepers);
      }
      cursor = next;
    }
  }

  @Override
  public int maxDoc() {
    return keys.size();
  }

  @Override
  public List<IndexedImage> images(Predicate<String> pathFilter) {
    List<IndexedImage> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (reasons.get(i) == null && pathFilter.test(records.get(i).path())) {
        out.add(new IndexedImage(i, records.get(i)));
      }
    }
    return out;
  }

  @Override
  public List<FailedFile> failures(Predicate<String> pathFilter) {
    List<FailedFile> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (reasons.get(i) != null && pathFilter.test(records.get(i).path())) {
        out.add(new FailedFile(records.get(i).path(), reasons.get(i)));
      }
    }
    out.sort(Comparator.comparing(FailedFile::path));
    return out;
  }

  @Override
  public Decisions decisions() {
    if (decisions == null) {
      try {
        decisions = readDecisions(index);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the decisions in " + index.location(), e);
      }
    }
    return decisions;
  }

  @Override
  public int liveCount() {
    return keys.size();
  }

  @Override
  public List<Integer> withSha256(String sha256) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (reasons.get(i) == null && records.get(i).sha256().equals(sha256)) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public List<Integer> withId(String id) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (reasons.get(i) == null && ImageIds.of(records.get(i).path()).equals(id)) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public ImageRecord record(int docId) {
    return records.get(docId);
  }

  @Override
  public IndexSettings settings() {
    return index.settings();
  }

  private JsonNode heavy(int docId) {
    JsonNode d = heavy.getIfPresent(docId);
    if (d == null) {
      try {
        JsonNode docs = index.realTimeGet(List.of(keys.get(docId)), SolrDocs.HEAVY);
        if (docs.size() == 0) {
          throw new IOException(records.get(docId).path() + " was deleted after the snapshot");
        }
        d = docs.get(0);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read doc " + docId + " from " + index.location(), e);
      }
      heavy.put(docId, d);
    }
    return d;
  }

  /** Approximate bytes a fetched document holds: the length of its (mostly base64) values. */
  static int weight(JsonNode d) {
    long bytes = 64;
    for (JsonNode v : d) {
      bytes += 16 + (v.isTextual() ? v.textValue().length() : 8);
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  @Override
  public Origin origin(int docId) {
    return origins.get(docId);
  }

  /** Counted in the documents this snapshot listed, so that it agrees with {@link #images}. */
  @Override
  public int countFromSource(String source) {
    int n = 0;
    for (int i = 0; i < keys.size(); i++) {
      if (reasons.get(i) == null && source.equals(origins.get(i).source())) {
        n++;
      }
    }
    return n;
  }

  @Override
  public GrayImage thumbnail(int docId) {
    return SolrDocs.thumbnail(heavy(docId));
  }

  @Override
  public BlockSignature signature(int docId) {
    byte[] b = SolrDocs.bytes(heavy(docId), Schema.SIGNATURE);
    return b != null ? BlockSignature.decode(b) : fromThumbnail(docId).signature();
  }

  @Override
  public long[] phashVariants(int docId) {
    long[] v = SolrDocs.longs(SolrDocs.bytes(heavy(docId), Schema.PHASH_VARIANTS));
    return v != null ? v : fromThumbnail(docId).phashVariants();
  }

  @Override
  public float[] histogram(int docId) {
    float[] h = SolrDocs.floats(SolrDocs.bytes(heavy(docId), Schema.HISTOGRAM));
    return h != null ? h : fromThumbnail(docId).histogram();
  }

  @Override
  public ContentHashes contentHashes(int docId) {
    byte[] b = SolrDocs.bytes(heavy(docId), Schema.CONTENT_BOX);
    return b != null ? ContentHashes.decode(b, 0, b.length) : fromThumbnail(docId).content();
  }

  /**
   * The signatures of a document written before its collection stored one of them (e.g. before
   * {@code content_box}), computed from its stored thumbnail as the analyzer computes them.
   */
  private Signatures fromThumbnail(int docId) {
    return Signatures.of(thumbnail(docId));
  }

  @Override
  public boolean hasVectors() {
    return index.settings().hasVectors() && imageCount > 0;
  }

  @Override
  public float[] vector(int docId) {
    float[] v = vectors.getIfPresent(docId);
    if (v == null) {
      try {
        JsonNode docs = index.realTimeGet(List.of(keys.get(docId)), SolrDocs.VECTOR_RAW);
        v = docs.size() == 0 ? null : SolrDocs.floats(SolrDocs.bytes(docs.get(0), "vector_raw"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the vector of doc " + docId, e);
      }
      if (v == null) {
        return null;
      }
      vectors.put(docId, v);
    }
    return v.clone();
  }

  @Override
  public List<Neighbor> nearest(float[] query, int k) {
    return search(query, k, k, null, null);
  }

  @Override
  public List<Neighbor> nearestAmong(float[] query, int k, DocFilter allowed) {
    int n = allowed.cardinality();
    if (n == 0 || k <= 0) {
      return List.of();
    }
    if (n <= termsLimit) {
      StringBuilder ids = new StringBuilder("{!terms f=id separator=\" \"}");
      for (int d = allowed.next(0); d >= 0 && d < keys.size(); d = allowed.next(d + 1)) {
        ids.append(keys.get(d)).append(' ');
      }
      return search(query, k, k, ids.toString(), allowed);
    }
    if (n >= imageCount) {
      // Every image is allowed (as in serve's lookups, where the kept set is every image): no
      // filter to send, and nothing to flag again for each new snapshot.
      return search(query, k, k, null, allowed);
    }
    SolrKeptFlag flag =
        flags.computeIfAbsent(
            allowed, a -> new SolrKeptFlag(index, Math.min(SolrKeptFlag.PENDING, termsLimit)));
    try {
      String filter = flag.filter(allowed, keys);
      if (filter != null) {
        List<Neighbor> hits = search(query, k, k, filter, allowed, flag);
        if (hits != null) {
          return hits;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flag the kept images in " + index.location(), e);
    }
    // The flag could not be used (see SolrKeptFlag): search wider than k without a filter and drop
    // the rest.
    int width = 4 * k;
    while (true) {
      List<Neighbor> hits = search(query, k, width, null, allowed);
      if (hits.size() >= k || width >= imageCount) {
        return hits;
      }
      width = (int) Math.min(4L * width, imageCount);
    }
  }

  /** Sets the largest kept set searched by id list (tests: the kept flag on a small collection). */
  void termsLimit(int n) {
    this.termsLimit = n;
  }

  /** The kept flag of {@code allowed}, or null when it never needed one. */
  SolrKeptFlag flag(DocFilter allowed) {
    return flags.get(allowed);
  }

  private List<Neighbor> search(float[] query, int k, int topK, String filter, DocFilter allowed) {
    return search(query, k, topK, filter, allowed, null);
  }

  /**
   * The k-NN search; with {@code flag}, null when its answer shows that the flags were overwritten
   * (then nothing it found is trusted).
   */
  private List<Neighbor> search(
      float[] query, int k, int topK, String filter, DocFilter allowed, SolrKeptFlag flag) {
    try {
      if (shards < 0) {
        shards = index.shards();
      }
      ObjectNode body = SolrHttp.JSON.createObjectNode();
      body.put(
          "query",
          "{!knn f=" + Schema.VECTOR + " topK=" + topK + "}" + SolrDocs.vectorLiteral(query));
      body.put("fields", "id,score");
      body.put("limit", (long) topK * shards); // topK is per shard; the coordinator merges
      if (filter != null) {
        body.putArray("filter").add(filter);
      }
      if (flag != null) {
        body.set("facet", flag.countFacet());
      }
      JsonNode answer = index.select(body);
      if (flag != null && !flag.stillValid(answer)) {
        return null;
      }
      List<Neighbor> out = new ArrayList<>();
      for (JsonNode d : answer.path("response").path("docs")) {
        Integer doc = docOf.get(d.path("id").asText());
        if (doc != null && (allowed == null || allowed.contains(doc))) {
          out.add(new Neighbor(doc, 2f * (float) d.path("score").asDouble() - 1f));
        }
      }
      out.sort(
          Comparator.comparingDouble((Neighbor x) -> -x.cosine())
              .thenComparingInt(Neighbor::docId));
      return out.size() > k ? new ArrayList<>(out.subList(0, k)) : out;
    } catch (IOException e) {
      throw new UncheckedIOException("k-NN search in " + index.location() + " failed", e);
    }
  }

  @Override
  public void close() {}
}
