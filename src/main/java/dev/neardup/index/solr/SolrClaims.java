package dev.neardup.index.solr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neardup.index.ContentClaim;
import dev.neardup.index.Schema;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The claims of one opened collection: {@code claim:<sha256>} documents that settle identical
 * copies arriving at several machines, each recording its owner ({@link #owner()}) and its time.
 *
 * <p><b>How a claim is won.</b> The claim document is created with {@code _version_ = -1} ("must
 * not exist"): of any number of machines claiming the same bytes at once, Solr lets exactly one
 * create it. A loser reads the standing claim; when it outlived the lease ({@link
 * ContentClaim#outlives}: a machine that crashed between claiming and indexing left it behind) the
 * loser takes it over by writing its own claim with {@code _version_} set to the version it read,
 * so Solr accepts it only if nobody changed the claim meanwhile: of several machines taking over
 * one stale claim, exactly one wins, and the others see a fresh claim.
 *
 * <p><b>Owner gone.</b> Nothing tells whether the owner still runs (no heartbeat): a claim is taken
 * to be its owner's, gone, once it outlived the lease. A claim without a time (written before
 * claims recorded one) is taken to be stale.
 */
final class SolrClaims {
  /** Who made a claim: {@link #owner()} of the machine's opened collection. */
  static final String OWNER = "claim_owner";

  /** When a claim was made, by its owner's clock (epoch milliseconds). */
  static final String AT = "claim_at";

  private final SolrImageIndex index;
  private final String owner;

  SolrClaims(SolrImageIndex index) {
    this.index = index;
    this.owner = newOwnerId();
  }

  /**
   * This machine's id: host name, process id and a random part, made once per opened collection (so
   * two engines in one process, as in tests, are two owners). Stable for the life of the process;
   * it names the owner in the claim documents, for people reading them.
   */
  String owner() {
    return owner;
  }

  /**
   * Creates the claim, or takes over a stale one; true when this machine now holds it. Not yet
   * committed: the caller commits before storing anything.
   */
  boolean claim(ContentClaim c) throws IOException {
    String id = SolrDocs.claimKey(c.sha256());
    for (int attempt = 0; attempt < 3; attempt++) {
      if (write(c, -1)) {
        return true;
      }
      JsonNode had = index.realTimeGet(id);
      if (had == null) {
        continue; // released meanwhile: claim it afresh
      }
      if (!stale(had, c)) {
        return false; // a live claim stands
      }
      return write(c, had.path("_version_").asLong());
    }
    return false;
  }

  private static boolean stale(JsonNode had, ContentClaim c) {
    JsonNode at = had.get(AT);
    return at == null || !at.canConvertToLong() || c.outlives(at.asLong());
  }

  /** Writes the claim if the stored one still has {@code version} (-1: none); false if not. */
  private boolean write(ContentClaim c, long version) throws IOException {
    ObjectNode d = SolrHttp.JSON.createObjectNode();
    d.put("id", SolrDocs.claimKey(c.sha256()));
    d.put(Schema.KIND, SolrDocs.KIND_CLAIM);
    d.put(Schema.SHA256, c.sha256());
    d.put(Schema.PATH, c.path());
    d.put(OWNER, owner);
    d.put(AT, c.atMillis());
    d.put("_version_", version);
    try {
      index.update(SolrHttp.JSON.createArrayNode().add(d), "");
      return true;
    } catch (SolrHttp.SolrException e) {
      if (e.status == 409) {
        return false; // version conflict: another claim stands, or another machine took it over
      }
      throw e;
    }
  }

  private static String newOwnerId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown-host";
    }
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    return host + "/" + ProcessHandle.current().pid() + "/" + HexFormat.of().formatHex(random);
  }
}
