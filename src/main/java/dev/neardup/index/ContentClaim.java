package dev.neardup.index;

import java.time.Duration;
import java.util.Objects;

/**
 * A claim on an upload's (or a watched file's) bytes, made before they are stored, so that of
 * identical copies arriving at several machines sharing one index exactly one is kept (see {@link
 * ImageIndex#claimContent}).
 *
 * <p><b>Why a time and a lease.</b> A machine that crashed between claiming and indexing leaves its
 * claim behind. A claim older than {@code lease} whose image never appeared is therefore treated as
 * its owner's, gone, and is taken over by the next claimer. There is no liveness signal from the
 * owner: "gone" is approximated by the lease, so the lease must be longer than a live machine takes
 * from claiming to indexing (milliseconds) plus the clock skew between machines (the times come
 * from each claimer's clock).
 *
 * @param sha256 the content's SHA-256, hex
 * @param path where the claimer will store or index it
 * @param atMillis when it was claimed, by the claimer's clock (epoch milliseconds)
 * @param lease how long an unfinished claim stands; positive
 */
public record ContentClaim(String sha256, String path, long atMillis, Duration lease) {
  public ContentClaim {
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("a claim lease must be > 0; got " + lease);
    }
  }

  /**
   * True when a claim made at {@code claimedAtMillis} has outlived the lease at this claim's time:
   * its owner is taken to be gone.
   */
  public boolean outlives(long claimedAtMillis) {
    return atMillis - claimedAtMillis >= lease.toMillis();
  }
}
