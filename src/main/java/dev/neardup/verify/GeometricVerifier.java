package dev.neardup.verify;

/**
 * The levels after the identity check: {@link VerifyMode#ALIGNED} (register the pair with local
 * features, as it is and mirrored, warp it, and run the classic pixel-diff on the overlap) and
 * {@link VerifyMode#SCENE} (enough homography inliers alone).
 *
 * <p>The identity check always runs first and its verdict stands when it accepts, or when the
 * candidate finder does not let the pair be aligned. A registration that comes out as the identity
 * transform also leaves the identity verdict standing (a fixed camera), so on camera frames this
 * level never says more than the plain check. Local features are computed once per image, when
 * first needed, and kept with its {@link Prepared}.
 */
final class GeometricVerifier implements Verifier {
  private final PixelVerifier identity;
  private final AlignParams align;
  private final SceneParams scene;
  private final VerifyMode mode;

  GeometricVerifier(PixelVerifier identity, AlignParams align, SceneParams scene, VerifyMode mode) {
    if (mode != VerifyMode.ALIGNED && mode != VerifyMode.SCENE) {
      throw new IllegalArgumentException("a geometric verifier is aligned or scene; got " + mode);
    }
    this.identity = identity;
    this.align = align;
    this.scene = scene;
    this.mode = mode;
  }

  @Override
  public VerifyMode mode() {
    return mode;
  }

  @Override
  public Prepared prepare(StoredImage image) {
    return identity.prepare(image);
  }

  @Override
  public boolean cannotPass(
      BlockSignature kept, BlockSignature candidate, long referencePixels, boolean mayAlign) {
    return !mayAlign && identity.cannotPass(kept, candidate, referencePixels);
  }

  @Override
  public Verdict verify(Prepared kept, Prepared candidate, boolean mayAlign) {
    Verdict plain = identity.verify(kept, candidate);
    if (plain.duplicate() || !mayAlign) {
      return plain;
    }
    Features fk = features(kept);
    Features fc = features(candidate);
    GrayImage gk = kept.image().gray();
    GrayImage gc = candidate.image().gray();
    AlignedResult r = AlignedCheck.check(gk, fk, gc, fc, align, identity.params());
    if (r != null && !r.transform().isIdentity() && r.diff().duplicate()) {
      return new Verdict(true, "aligned", r.diff(), null, r.transform(), r.transform().inliers());
    }
    if (mode == VerifyMode.SCENE) {
      SceneResult s = SceneCheck.check(fk, fc, scene);
      if (s.sameScene()) {
        return new Verdict(
            true,
            "scene",
            null,
            "same scene: "
                + s.inliers()
                + " homography inliers of "
                + s.matches()
                + " matches"
                + (s.mirrored() ? " (mirrored)" : ""),
            r == null ? null : r.transform(),
            s.inliers());
      }
    }
    if (r != null && !r.transform().isIdentity()) {
      // Registered but the overlap differs: report the aligned evidence, not the plain one.
      return new Verdict(
          false, "aligned", r.diff(), r.diff().note(), r.transform(), r.transform().inliers());
    }
    return plain;
  }

  private Features features(Prepared p) {
    return p.memo(Features.class, img -> Features.of(img.gray(), align.features()));
  }
}
