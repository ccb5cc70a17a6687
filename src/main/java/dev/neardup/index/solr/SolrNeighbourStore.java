package dev.neardup.index.solr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neardup.group.Partition;
import dev.neardup.group.PartitionResult;
import dev.neardup.neighbours.FileNeighbourStore;
import dev.neardup.neighbours.MissingPartitionsException;
import dev.neardup.neighbours.NeighbourStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Phase 1 results in the collection itself, so that workers on different machines need no shared
 * folder: a set of results has a name ({@code --neighbours NAME}), and each partition's result is a
 * few small documents of it.
 *
 * <ul>
 *   <li>{@code neighbours:NAME:part-K-of-N} (kind {@code neighbours}): the partition's header, the
 *       number of its chunks and the id of the write they belong to;
 *   <li>{@code neighbours:NAME:part-K-of-N:WRITE:I} (kind {@code neighbours_chunk}): chunk I of the
 *       result's bytes, {@link FileNeighbourStore#encode the same gzipped JSON lines} as a file
 *       holds, at most {@link #CHUNK_BYTES} each.
 * </ul>
 *
 * <p><b>Whole or not at all.</b> A write stores its chunks under a fresh write id and hard-commits
 * them, then replaces the header (hard commit), then deletes the chunks of earlier writes of the
 * partition. A worker killed before the header's commit leaves the earlier result (or none) in
 * place, never half of a new one; its orphaned chunks are deleted by the next write of the
 * partition.
 */
public final class SolrNeighbourStore implements NeighbourStore {
  /** Kind of a partition's header document. */
  static final String KIND_PART = "neighbours";

  /** Kind of a chunk of a partition's bytes. */
  static final String KIND_CHUNK = "neighbours_chunk";

  /** The set of results a document belongs to (indexed string). */
  static final String SET = "nb_set";

  /** The partition of a chunk, {@code K/N} (indexed string). */
  static final String PART = "nb_part";

  /** The write a chunk belongs to, or a header names (indexed string). */
  static final String WRITE = "nb_write";

  /** The number of chunks a header's write has (stored int). */
  static final String CHUNKS = "nb_chunks";

  /** A chunk's bytes (stored binary). */
  static final String DATA = "nb_data";

  /** The most bytes one chunk holds: documents stay small (~340 KB as base64 JSON). */
  static final int CHUNK_BYTES = 256 * 1024;

  private final SolrHttp http;
  private final String collection;
  private final String name;
  private final int chunkBytes;

  /**
   * The results named {@code name} in the collection {@code collection} of the SolrCloud at {@code
   * base}.
   *
   * @throws IllegalArgumentException when {@code name} is empty or holds a comma, a space or a
   *     control character
   */
  public SolrNeighbourStore(URI base, String collection, String name) {
    this(base, collection, name, CHUNK_BYTES);
  }

  /** As {@link #SolrNeighbourStore(URI, String, String)}, with chunks of {@code chunkBytes}. */
  SolrNeighbourStore(URI base, String collection, String name, int chunkBytes) {
    if (name == null || name.isEmpty() || !name.matches("[^,\\s\\p{Cntrl}]+")) {
      throw new IllegalArgumentException(
          "--neighbours on a Solr collection names its phase 1 results in the collection (e.g."
              + " run1): no comma, space or control character; got '"
              + name
              + "'");
    }
    this.http = new SolrHttp(base, Duration.ofSeconds(60));
    this.collection = collection;
    this.name = name;
    this.chunkBytes = chunkBytes;
  }

  private String headerId(Partition p) {
    return "neighbours:" + name + ":part-" + p.index() + "-of-" + p.count();
  }

  private String chunkId(Partition p, String write, int i) {
    return headerId(p) + ":" + write + ":" + i;
  }

  @Override
  public void write(PartitionResult r) throws IOException {
    Partition p = r.partition();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FileNeighbourStore.encode(r, bytes);
    byte[] all = bytes.toByteArray();
    String write = newWriteId();
    int chunks = Math.max(1, (all.length + chunkBytes - 1) / chunkBytes);
    ArrayNode batch = SolrHttp.JSON.createArrayNode();
    for (int i = 0; i < chunks; i++) {
      int from = i * chunkBytes;
      int to = Math.min(all.length, from + chunkBytes);
      ObjectNode d = batch.addObject();
      d.put("id", chunkId(p, write, i));
      d.put("kind", KIND_CHUNK);
      d.put(SET, name);
      d.put(PART, p.toString());
      d.put(WRITE, write);
      d.put(DATA, Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(all, from, to)));
      if (batch.size() == 8 || i == chunks - 1) {
        update(batch, "");
        batch = SolrHttp.JSON.createArrayNode();
      }
    }
    commit();
    ObjectNode h = SolrHttp.JSON.createObjectNode();
    h.put("id", headerId(p));
    h.put("kind", KIND_PART);
    h.put(SET, name);
    h.put(PART, p.toString());
    h.put(WRITE, write);
    h.put(CHUNKS, chunks);
    update(SolrHttp.JSON.createArrayNode().add(h), "");
    commit();
    ObjectNode delete = SolrHttp.JSON.createObjectNode();
    delete
        .putObject("delete")
        .put(
            "query",
            "+kind:"
                + KIND_CHUNK
                + " +"
                + SET
                + ":"
                + escape(name)
                + " +"
                + PART
                + ":"
                + escape(p.toString())
                + " -"
                + WRITE
                + ":"
                + escape(write));
    update(delete, "&commit=true&waitSearcher=true");
  }

  @Override
  public List<PartitionResult> readAll() throws IOException {
    Map<Integer, Map<Integer, JsonNode>> byCount = new TreeMap<>();
    for (JsonNode h : headers()) {
      Partition p = Partition.parse(h.path(PART).asText());
      byCount.computeIfAbsent(p.count(), c -> new TreeMap<>()).put(p.index(), h);
    }
    if (byCount.isEmpty()) {
      throw new MissingPartitionsException(
          List.of(),
          "no phase 1 results named '"
              + name
              + "' in "
              + where()
              + ": run 'neardup dedup ... --partition K/N --neighbours "
              + name
              + "' for each K of N first");
    }
    if (byCount.size() > 1) {
      throw new IOException(
          describe()
              + " holds phase 1 results of different partition counts "
              + byCount.keySet()
              + ": run the partitions of one count again, or use another name");
    }
    int count = byCount.keySet().iterator().next();
    Map<Integer, JsonNode> present = byCount.get(count);
    List<String> missing = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      if (!present.containsKey(k)) {
        missing.add("part-" + k + "-of-" + count);
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingPartitionsException(
          missing,
          "phase 1 results missing in "
              + describe()
              + ": "
              + String.join(", ", missing)
              + " (run 'neardup dedup ... --partition K/"
              + count
              + " --neighbours "
              + name
              + "' for each; a worker that was killed leaves no result)");
    }
    List<PartitionResult> out = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      out.add(read(new Partition(k, count), present.get(k)));
    }
    return out;
  }

  private PartitionResult read(Partition p, JsonNode header) throws IOException {
    String write = header.path(WRITE).asText();
    int chunks = header.path(CHUNKS).asInt();
    List<java.io.InputStream> parts = new ArrayList<>(chunks);
    for (int i = 0; i < chunks; i++) {
      String id = chunkId(p, write, i);
      JsonNode d = http.get(collection + "/get?wt=json&id=" + SolrHttp.enc(id)).path("doc");
      byte[] b = d.isObject() ? SolrDocs.bytes(d, DATA) : null;
      if (b == null) {
        throw new IOException(
            describe(p)
                + " lacks its chunk "
                + i
                + " of "
                + chunks
                + ": write the partition again");
      }
      parts.add(new ByteArrayInputStream(b));
    }
    return FileNeighbourStore.decode(
        new SequenceInputStream(Collections.enumeration(parts)), p, describe(p));
  }

  private List<JsonNode> headers() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    String cursor = "*";
    while (true) {
      ObjectNode body = SolrHttp.JSON.createObjectNode();
      body.put("query", "+kind:" + KIND_PART + " +" + SET + ":" + escape(name));
      body.put("fields", "id," + PART + "," + WRITE + "," + CHUNKS);
      body.put("sort", "id asc");
      body.put("limit", 1000);
      body.putObject("params").put("cursorMark", cursor);
      JsonNode r = http.post(collection + "/select?wt=json", body);
      r.path("response").path("docs").forEach(out::add);
      String next = r.path("nextCursorMark").asText();
      if (next.equals(cursor) || next.isEmpty()) {
        return out;
      }
      cursor = next;
    }
  }

  private void update(JsonNode body, String params) throws IOException {
    http.post(collection + "/update?wt=json" + params, body);
  }

  private void commit() throws IOException {
    update(SolrHttp.JSON.createObjectNode(), "&commit=true&waitSearcher=true");
  }

  /** A term for Solr's standard query syntax: every character but letters and digits escaped. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() * 2);
    s.codePoints()
        .forEach(
            c -> {
              if (!Character.isLetterOrDigit(c)) {
                b.append('\\');
              }
              b.appendCodePoint(c);
            });
    return b.toString();
  }

  private static String newWriteId() {
    byte[] random = new byte[8];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private String where() {
    return "solr://" + http.base().getAuthority() + http.base().getPath() + collection;
  }

  @Override
  public String describe() {
    return where() + " (results named '" + name + "')";
  }

  @Override
  public String describe(Partition p) {
    return headerId(p) + " in " + where();
  }
}
