package dev.neardup.verify;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.GrayImage;
import dev.neardup.image.StoredImage;
import dev.neardup.verify.align.AlignParams;
import dev.neardup.verify.align.AlignedCheck;
import dev.neardup.verify.align.AlignedResult;
import dev.neardup.verify.align.Features;
import dev.neardup.verify.align.Geometry;
import dev.neardup.verify.align.Transform;
import java.util.Arrays;

/**
 * The levels after the identity check: {@link VerifyMode#ALIGNED} (register the pair with local
 * features, as it is and mirrored, warp it, and run the classic pixel-diff on the overlap) and
 * {@link VerifyMode#SCENE} (enough homography inliers of a well-shaped homography alone).
 *
 * <p>The identity check always runs first and its verdict stands when it accepts, or when the
 * candidate finder does not let the pair be aligned (two frames of one named fixed camera, or a
 * pair no geometric candidate stage proposed). A registration that comes out as the identity to
 * within a pixel also leaves the identity verdict standing; one that moves the candidate by a pixel
 * or more is warped by that whole-pixel shift and checked ({@link AlignedCheck}). Local features
 * are computed once per image, when first needed, and kept with its {@link Prepared}.
 *
 * <p><b>Total.</b> A pair beyond the comparable limits ({@link
 * PixelDiffParams#MIN_COMPARABLE_SIDE}, {@link PixelDiffParams#MAX_SIZE_RATIO}) is "not comparable"
 * at every level; an image too small for local features has none, so it is never registered; a
 * degenerate registration or homography is refused with its reason in the note.
 *
 * <p><b>Symmetric.</b> The geometric levels run on the pair in a canonical order: the image with
 * more original pixels is the frame (as the pixel check brings the larger to the smaller), ties
 * broken by stored width, height and pixel bytes. So {@code verify(a, b)} and {@code verify(b, a)}
 * give one verdict; the transform reported is always the candidate's, onto the kept image.
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
    if (Comparability.tooSmall(kept.width(), kept.height())
        || Comparability.tooSmall(candidate.width(), candidate.height())) {
      return true; // not comparable at any level
    }
    return !mayAlign && identity.cannotPass(kept, candidate, referencePixels);
  }

  /** The identity check's: {@link #cannotPass} without alignment is that check's bound. */
  @Override
  public SignatureBound signatureBound() {
    return identity.signatureBound();
  }

  @Override
  public Verdict verify(Prepared kept, Prepared candidate, boolean mayAlign) {
    Verdict plain = identity.verify(kept, candidate);
    if (plain.duplicate() || !mayAlign || !comparable(plain)) {
      return plain;
    }
    boolean swap = canonicalOrder(kept, candidate) > 0;
    Prepared first = swap ? candidate : kept;
    Prepared second = swap ? kept : candidate;
    Features f1 = features(first);
    Features f2 = features(second);
    GrayImage g1 = first.image().gray();
    GrayImage g2 = second.image().gray();
    AlignedResult r = AlignedCheck.check(g1, f1, g2, f2, align, identity.params(), true);
    boolean warped = r != null && !AlignedCheck.plainStands(r);
    if (warped && r.diff().duplicate()) {
      Transform t = oriented(r.transform(), swap);
      return new Verdict(true, Verdict.Level.ALIGNED, r.diff(), null, t, t.inliers());
    }
    String sceneNote = null;
    if (mode == VerifyMode.SCENE) {
      SceneResult s = SceneCheck.check(f1, f2, scene);
      if (s.sameScene()) {
        return new Verdict(
            true,
            Verdict.Level.SCENE,
            null,
            "same scene: "
                + s.inliers()
                + " homography inliers of "
                + s.matches()
                + " matches"
                + (s.mirrored() ? " (mirrored)" : ""),
            r == null ? null : oriented(r.transform(), swap),
            s.inliers());
      }
      if (s.homography() != null && s.inliers() >= scene.minInliers()) {
        sceneNote =
            "not the same scene: "
                + SceneCheck.degenerate(s.homography(), f2, f1, scene)
                + " ("
                + s.inliers()
                + " inliers)";
      }
    }
    if (warped) {
      // Registered but the overlap differs: report the aligned evidence, not the plain one.
      Transform t = oriented(r.transform(), swap);
      String note = r.diff().note();
      if (sceneNote != null) {
        note = note == null ? sceneNote : note + "; " + sceneNote;
      }
      return new Verdict(false, Verdict.Level.ALIGNED, r.diff(), note, t, t.inliers());
    }
    if (sceneNote != null) {
      return new Verdict(false, Verdict.Level.SCENE, plain.diff(), sceneNote, null, 0);
    }
    if (r == null && (f1.count() == 0 || f2.count() == 0)) {
      return new Verdict(
          false,
          plain.level(),
          plain.diff(),
          "too few pixels or no texture for local features: not registered"
              + (plain.note() == null ? "" : "; " + plain.note()),
          null,
          0);
    }
    return plain;
  }

  /** Whether the identity verdict leaves the pair to the geometric levels at all. */
  private static boolean comparable(Verdict plain) {
    return plain.note() == null || !plain.note().startsWith("not comparable");
  }

  /**
   * Negative when {@code a} comes first in the canonical order of a pair: more original pixels
   * first, then the wider and the taller stored image, then the stored pixel bytes. Zero only for
   * two equal images.
   */
  static int canonicalOrder(Prepared a, Prepared b) {
    StoredImage x = a.image();
    StoredImage y = b.image();
    int c = Long.compare(y.pixels(), x.pixels());
    if (c == 0) {
      c = Integer.compare(y.gray().width(), x.gray().width());
    }
    if (c == 0) {
      c = Integer.compare(y.gray().height(), x.gray().height());
    }
    if (c == 0) {
      c = Arrays.compare(x.gray().pixels(), y.gray().pixels());
    }
    return c;
  }

  /** {@code t} (second → first of the canonical order) as the caller's candidate → kept. */
  private static Transform oriented(Transform t, boolean swapped) {
    if (!swapped) {
      return t;
    }
    double[] inverse = Geometry.invert(t.matrix());
    return Transform.of(
        inverse,
        t.mirrored(),
        t.inliers(),
        t.matches(),
        t.keptWidth(),
        t.keptHeight(),
        t.candidateWidth(),
        t.candidateHeight());
  }

  @Override
  public Features features(Prepared p) {
    return p.memo(Features.class, img -> Features.of(img.gray(), align.features()));
  }
}
