package dev.neardup.group;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.StoredImage;
import dev.neardup.verify.Prepared;
import dev.neardup.verify.SignatureBound;
import dev.neardup.verify.Verdict;
import dev.neardup.verify.Verifier;
import dev.neardup.verify.VerifyMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A verifier that remembers its verdicts, for tests that run the same searches many times (the
 * two-phase dedup with 1, 2 and 3 partitions, and the sequential run they are compared with): the
 * same stored image gets the same prepared image, and the same ordered pair (kept, candidate,
 * mayAlign) the verdict the wrapped verifier gave it the first time. Every {@link Verifier} is a
 * pure function of its inputs ({@link Verifier}: no per-pair state), so no answer changes; only the
 * second and later checks of a pair cost nothing. Checks are still counted by the search.
 */
final class MemoVerifier implements Verifier {
  private final Verifier inner;
  private final Map<StoredImage, Prepared> prepared = new ConcurrentHashMap<>();
  private final Map<Pair, Verdict> verdicts = new ConcurrentHashMap<>();

  private record Pair(Prepared kept, Prepared candidate, boolean mayAlign) {}

  MemoVerifier(Verifier inner) {
    this.inner = inner;
  }

  @Override
  public Prepared prepare(StoredImage image) {
    return prepared.computeIfAbsent(image, inner::prepare);
  }

  @Override
  public boolean cannotPass(
      BlockSignature kept, BlockSignature candidate, long referencePixels, boolean mayAlign) {
    return inner.cannotPass(kept, candidate, referencePixels, mayAlign);
  }

  @Override
  public SignatureBound signatureBound() {
    return inner.signatureBound();
  }

  @Override
  public Verdict verify(Prepared kept, Prepared candidate, boolean mayAlign) {
    return verdicts.computeIfAbsent(
        new Pair(kept, candidate, mayAlign), p -> inner.verify(kept, candidate, mayAlign));
  }

  @Override
  public VerifyMode mode() {
    return inner.mode();
  }
}
