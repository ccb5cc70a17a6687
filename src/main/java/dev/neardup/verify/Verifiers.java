package dev.neardup.verify;

/** Assembles the verifier chain for a verify mode: the one place that does. */
public final class Verifiers {
  private Verifiers() {}

  /** The verifier of {@code mode} with the pixel check's {@code params}. */
  public static Verifier create(VerifyMode mode, PixelDiffParams params) {
    return switch (mode) {
      case PIXEL -> new PixelVerifier(params);
      case NONE -> new Unchecked(params);
    };
  }

  /** {@code --verify none}: every candidate is a duplicate. */
  private static final class Unchecked implements Verifier {
    private final PixelVerifier prepareOnly;

    Unchecked(PixelDiffParams params) {
      this.prepareOnly = new PixelVerifier(params);
    }

    @Override
    public Prepared prepare(StoredImage image) {
      return prepareOnly.prepare(image);
    }

    @Override
    public boolean cannotPass(BlockSignature kept, BlockSignature candidate, long referencePixels) {
      return false;
    }

    @Override
    public Verdict verify(Prepared kept, Prepared candidate) {
      return Verdict.UNCHECKED;
    }

    @Override
    public VerifyMode mode() {
      return VerifyMode.NONE;
    }
  }
}
