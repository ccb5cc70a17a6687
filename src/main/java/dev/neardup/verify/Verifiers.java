package dev.neardup.verify;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.StoredImage;
import dev.neardup.verify.align.AlignParams;

/** Assembles the verifier chain for a verify mode: the one place that does. */
public final class Verifiers {
  private Verifiers() {}

  /**
   * The verifier of {@code mode} with the pixel check's {@code params} and the measured defaults of
   * the geometric levels ({@link AlignParams#defaults()}, {@link SceneParams#defaults()}).
   */
  public static Verifier create(VerifyMode mode, PixelDiffParams params) {
    return create(mode, params, AlignParams.defaults());
  }

  /** {@link #create(VerifyMode, PixelDiffParams)} with other alignment settings. */
  public static Verifier create(VerifyMode mode, PixelDiffParams params, AlignParams align) {
    return switch (mode) {
      case NONE -> new Unchecked(params);
      case PIXEL -> new PixelVerifier(params);
      case ALIGNED, SCENE ->
          new GeometricVerifier(new PixelVerifier(params), align, SceneParams.defaults(), mode);
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
    public boolean cannotPass(
        BlockSignature kept, BlockSignature candidate, long referencePixels, boolean mayAlign) {
      return false;
    }

    @Override
    public Verdict verify(Prepared kept, Prepared candidate, boolean mayAlign) {
      return Verdict.UNCHECKED;
    }

    @Override
    public VerifyMode mode() {
      return VerifyMode.NONE;
    }
  }
}
