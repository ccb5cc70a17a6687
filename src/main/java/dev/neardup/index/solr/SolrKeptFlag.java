package dev.neardup.index.solr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neardup.index.DocFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A large "among the kept images" filter ({@link DocFilter}) as a flag in the collection, so that a
 * k-NN restricted to 100,000 or 100 M kept images is one {@code kept:TOKEN} pre-filter instead of
 * an id list.
 *
 * <p>The flag is the {@value #FIELD} field: a docValues-only long, changed with Solr's in-place
 * updates ({@code {"set": TOKEN}}, {@code update.partial.requireInPlace=true}: the vector, which is
 * not stored, is never re-indexed, and an update that could not be in place fails instead). Each
 * kept set flags its images with its own random token. Images added to the set since the last flush
 * are searched by id ({@code kept:TOKEN OR {!terms f=id}…}, at most {@link #PENDING} of them); past
 * that many they are flagged in one batch and made visible with a soft commit.
 *
 * <p><b>Exact, whoever else writes.</b> Another kept set flagging the same images with its token,
 * or an image indexed again, clears this set's flag on them. So every search also counts the
 * documents that carry this token (a query facet over the whole collection, on the pre-filter's
 * cached doc set): when the count is not the number flagged, the flag is given up for the rest of
 * the snapshot and the search is answered without it ({@link SolrSnapshot}'s wider search).
 */
final class SolrKeptFlag {
  /** The field: the token of the kept set that last flagged the image (0 when none). */
  static final String FIELD = "kept";

  /** Images of the set searched by id until they are flagged. */
  static final int PENDING = 1_000;

  private static final int BATCH = 1_000;

  private final SolrImageIndex index;
  private final int pending;
  private final long token;
  private final BitSet flagged = new BitSet();
  private int flaggedCount;
  private boolean usable = true;
  private long flushes;

  /**
   * @param pending the most images of the set searched by id before they are flagged
   */
  SolrKeptFlag(SolrImageIndex index, int pending) {
    this.index = index;
    this.pending = pending;
    this.token = 1 + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE - 1);
  }

  /** False once the flag was given up (an update was not in place, or flags were overwritten). */
  boolean usable() {
    return usable;
  }

  /** Images flagged so far. */
  int flagged() {
    return flaggedCount;
  }

  /** Batches flagged so far (each one soft commit). */
  long flushes() {
    return flushes;
  }

  /** The token this set flags with. */
  long token() {
    return token;
  }

  /**
   * The pre-filter for the images in {@code allowed} ({@code keys}: doc id to unique key), flagging
   * the ones not yet flagged first when there are more than {@link #PENDING}; null when the flag
   * cannot be used.
   */
  String filter(DocFilter allowed, List<String> keys) throws IOException {
    if (!usable) {
      return null;
    }
    List<Integer> fresh = new ArrayList<>();
    for (int d = allowed.next(0); d >= 0 && d < keys.size(); d = allowed.next(d + 1)) {
      if (!flagged.get(d)) {
        fresh.add(d);
      }
    }
    if (fresh.size() > pending) {
      if (!flag(fresh, keys)) {
        usable = false;
        return null;
      }
      fresh = List.of();
    }
    StringBuilder f = new StringBuilder(FIELD + ":" + token);
    if (!fresh.isEmpty()) {
      f.append(" OR _query_:\"{!terms f=id separator=' '}");
      for (int d : fresh) {
        f.append(keys.get(d)).append(' ');
      }
      f.append('"');
    }
    return f.toString();
  }

  /** The facet to add to a search so that {@link #stillValid} can check the flags. */
  ObjectNode countFacet() {
    ObjectNode f = SolrHttp.JSON.createObjectNode();
    f.putObject("flagged")
        .put("type", "query")
        .put("q", FIELD + ":" + token)
        .putObject("domain")
        .put("query", "*:*");
    return f;
  }

  /**
   * Whether a search's answer (with {@link #countFacet}) saw every flag this set wrote; when not,
   * the flag is given up.
   */
  boolean stillValid(JsonNode response) {
    long seen = response.path("facets").path("flagged").path("count").asLong(-1);
    if (seen != flaggedCount) {
      usable = false;
    }
    return usable;
  }

  private boolean flag(List<Integer> docs, List<String> keys) throws IOException {
    for (int from = 0; from < docs.size(); from += BATCH) {
      ArrayNode batch = SolrHttp.JSON.createArrayNode();
      for (int d : docs.subList(from, Math.min(docs.size(), from + BATCH))) {
        ObjectNode u = batch.addObject();
        u.put("id", keys.get(d));
        u.putObject(FIELD).put("set", token);
      }
      try {
        index.update(batch, "&update.partial.requireInPlace=true");
      } catch (SolrHttp.SolrException e) {
        if (e.status / 100 == 4) {
          return false; // not in place (a collection without the field, or a deleted image)
        }
        throw e;
      }
    }
    index.refresh();
    for (int d : docs) {
      flagged.set(d);
    }
    flaggedCount += docs.size();
    flushes++;
    return true;
  }
}
