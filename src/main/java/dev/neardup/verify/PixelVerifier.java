package dev.neardup.verify;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.GrayImage;
import dev.neardup.image.StoredImage;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.opencv.core.Size;

/**
 * The classic pixel-diff check on stored verification images, fast and with exactly the verdict and
 * score of {@link PixelDiff#compareThumbnails} (the definition, step by step in OpenCV).
 *
 * <p>Where the time goes, and what is saved:
 *
 * <ul>
 *   <li>A blur ({@link PixelDiff#preprocess}) is applied once per image ({@link #prepare}), not
 *       once per pair; the border mask is not painted at all: the check reads only the rectangle it
 *       leaves ({@link PixelDiff#unmasked}), where both images keep their pixels, and outside it
 *       both would be black, so equal ({@code HeapPreprocessTest}).
 *   <li>Two stored images of one size, scored at that size (every camera frame: frames up to {@link
 *       dev.neardup.image.Thumbnails#FULL_RESOLUTION_PIXELS} are stored whole), go through {@link
 *       MaskWorkspace}: absolute difference and threshold row by row into a pooled buffer, stopping
 *       as soon as the changed pixels alone prove that the pair fails (see below); then dilation
 *       and external contours in Java ({@link ExternalContours}), on the changed pixels' bounding
 *       box only. Nothing is allocated per pair but the result, nothing crosses into native code,
 *       and the result is OpenCV's ({@code PixelCheckExactnessTest}).
 *   <li>A pair with no changed pixel scores 0 and is a duplicate without any contour work.
 *   <li>A mask that is enlarged (thumbnail mode) or dilated more than {@link
 *       MaskWorkspace#MAX_DILATE} times goes to the same {@link MaskScore} as the definition:
 *       enlargement, dilation, contours and areas are OpenCV's (without enlargement, on the changed
 *       pixels' bounding box only).
 * </ul>
 *
 * <p><b>Why a changed-pixel count proves a failure.</b> With at least one dilation and a minimum
 * contour area of 0, the counted score is at least the number of changed pixels: a dilation
 * surrounds every changed pixel by a ring of at least one pixel, so the unit square of each changed
 * pixel lies inside the polygon that {@code contourArea} measures through the centres of the
 * boundary pixels of its region (external contours include holes, so pixels in holes are inside
 * too); the squares do not overlap. Nearest-neighbour enlargement by {@code f} turns each changed
 * pixel into at least {@code floor(f)²}. So {@code changed · floor(f)² > fraction · scored pixels}
 * proves that the check fails. The same bound from {@link BlockSignature}s lets {@link #cannotPass}
 * skip a pair without reading it. The bound is not used (every pair is fully checked) when the
 * minimum contour area is above 0 (dropped regions break it), when there is no dilation, or when a
 * blur is configured (signatures only: they are of the unblurred image). {@code PixelVerifierTest}
 * checks the inequality on seeded random masks, image edges included.
 *
 * <p>Images of different stored sizes go through {@link PixelDiff#compareThumbnails} itself
 * (resize, aspect check), unchanged.
 */
public final class PixelVerifier implements Verifier {
  private final PixelDiffParams params;
  private final PixelDiff definition;
  private final boolean boundHolds;
  private final SignatureBound bound;

  /**
   * Workspaces of the fast check, each used by one pair at a time and reused by the next. Not
   * thread locals: the common fork-join pool's threads (the parallel checks, {@code group/Checks})
   * erase their thread locals after every task, so each check allocated its buffers again (9.4 GB
   * over a whole dedup of 2,180 photos, the largest share of its garbage).
   */
  private final ConcurrentLinkedQueue<MaskWorkspace> workspaces = new ConcurrentLinkedQueue<>();

  private volatile PrunedVerdict lastPruned;

  public PixelVerifier(PixelDiffParams params) {
    this.params = params;
    this.definition = new PixelDiff(params);
    this.boundHolds = params.minContourArea() == 0 && params.dilateIterations() >= 1;
    this.bound =
        boundHolds && params.blurKernels().isEmpty()
            ? new SignatureBound() {
              @Override
              public int threshold() {
                return params.binaryThreshold();
              }

              @Override
              public BorderMask mask() {
                return params.mask();
              }

              @Override
              public long changedLimit(int width, int height, long referencePixels) {
                return PixelVerifier.this.changedLimit(width, height, referencePixels);
              }
            }
            : null;
  }

  /**
   * The bound {@link #cannotPass} uses on same-grid signatures (its threshold, mask and {@link
   * #changedLimit}), or null when it uses none (a blur, a minimum contour area, no dilation).
   */
  @Override
  public SignatureBound signatureBound() {
    return bound;
  }

  /** The pixel check's settings. */
  public PixelDiffParams params() {
    return params;
  }

  /** The step-by-step check this verifier reproduces. */
  public PixelDiff definition() {
    return definition;
  }

  @Override
  public VerifyMode mode() {
    return VerifyMode.PIXEL;
  }

  @Override
  public Prepared prepare(StoredImage image) {
    return new Prepared(image, definition.checkedPixels(image.gray()));
  }

  @Override
  public boolean cannotPass(
      BlockSignature kept, BlockSignature candidate, long referencePixels, boolean mayAlign) {
    return cannotPass(kept, candidate, referencePixels);
  }

  /** {@link #cannotPass(BlockSignature, BlockSignature, long, boolean)} of the identity check. */
  boolean cannotPass(BlockSignature kept, BlockSignature candidate, long referencePixels) {
    if (Comparability.tooSmall(kept.width(), kept.height())
        || Comparability.tooSmall(candidate.width(), candidate.height())) {
      return true; // not comparable at any level (see Comparability)
    }
    if (!sameGrid(kept, candidate)) {
      return !aspectComparable(kept.width(), kept.height(), candidate.width(), candidate.height());
    }
    return bound != null && bound.fails(kept, candidate, referencePixels);
  }

  @Override
  public Verdict verify(Prepared kept, Prepared candidate, boolean mayAlign) {
    return verify(kept, candidate);
  }

  /** The identity check: the classic pixel-diff on the stored images as they are. */
  Verdict verify(Prepared kept, Prepared candidate) {
    String why = Comparability.whyNot(kept.image(), candidate.image());
    if (why != null) {
      return Comparability.verdict(kept.image(), candidate.image(), why);
    }
    GrayImage a = kept.image().gray();
    GrayImage b = candidate.image().gray();
    long reference = Math.min(kept.image().pixels(), candidate.image().pixels());
    if (a.width() != b.width() || a.height() != b.height()) {
      // The definition brings the larger to the smaller; of two with one pixel count it takes the
      // first as the frame. The wider goes first, so that the verdict does not depend on the order.
      boolean swap = a.pixelCount() == b.pixelCount() && b.width() > a.width();
      return Verdict.identity(
          swap
              ? definition.compareThumbnails(b, a, reference)
              : definition.compareThumbnails(a, b, reference));
    }
    int w = a.width();
    int h = a.height();
    byte[] pa = kept.checked();
    byte[] pb = candidate.checked();
    int[] area = definition.unmasked(w, h);
    int t = params.binaryThreshold();
    long limit = boundHolds ? changedLimit(w, h, reference) : Long.MAX_VALUE;
    Size up = PixelDiff.upscaled(w, h, reference);
    MaskWorkspace ws = workspaces.poll();
    if (ws == null) {
      ws = new MaskWorkspace();
    }
    try {
      return check(ws, pa, pb, w, h, area, t, limit, up, reference);
    } finally {
      workspaces.offer(ws);
    }
  }

  private Verdict check(
      MaskWorkspace ws,
      byte[] pa,
      byte[] pb,
      int w,
      int h,
      int[] area,
      int t,
      long limit,
      Size up,
      long reference) {
    if (up == null && params.dilateIterations() <= MaskWorkspace.MAX_DILATE) {
      DiffResult r =
          ws.score(
              pa,
              pb,
              w,
              h,
              area,
              t,
              params.dilateIterations(),
              limit,
              definition.unscaledMaskMinContourArea(w, h, reference),
              params.fraction());
      return r == null ? pruned(limit) : Verdict.identity(r);
    }
    long changed = 0;
    for (int y = area[1]; y < area[3] && changed <= limit; y++) {
      int row = y * w + area[0];
      changed += ChangedPixels.count(pa, pb, row, area[2] - area[0], t, limit - changed);
    }
    if (changed > limit) {
      return pruned(limit);
    }
    if (changed == 0) {
      int sw = up == null ? w : (int) up.width;
      int sh = up == null ? h : (int) up.height;
      return Verdict.identity(new DiffResult(0, 0, true, sw, sh, java.util.List.of(), null));
    }
    byte[] mask = ws.scratch(w * h);
    java.util.Arrays.fill(mask, 0, w * h, (byte) 0);
    for (int y = area[1]; y < area[3]; y++) {
      int row = y * w + area[0];
      ChangedPixels.mask(pa, pb, row, area[2] - area[0], t, mask);
    }
    return Verdict.identity(definition.scoreMask(mask, w, h, reference));
  }

  private Verdict pruned(long limit) {
    // One verdict per limit (a camera's frames share one): formatting the sentence costs
    // microseconds, a large share of a pair that stops early.
    PrunedVerdict last = lastPruned;
    if (last == null || last.limit() != limit) {
      last =
          new PrunedVerdict(
              limit,
              Verdict.pruned(
                  String.format(
                      Locale.ROOT,
                      "more than %d changed pixels: more than fraction %s allows",
                      limit,
                      params.fraction())));
      lastPruned = last;
    }
    return last.verdict();
  }

  /** The pruned verdict of one limit; immutable, so threads may share the last one made. */
  private record PrunedVerdict(long limit, Verdict verdict) {}

  /** Whether {@code changed} thumbnail pixels prove that a {@code w × h} pair fails. */
  /** The most changed thumbnail pixels a passing pair of {@code w × h} can have (bound holds). */
  private long changedLimit(int w, int h, long referencePixels) {
    return changedLimit(params, w, h, referencePixels);
  }

  /**
   * {@link #changedLimit(int, int, long)} under {@code params} (also the old path's, {@link
   * OpenCvPixelCheck}).
   */
  static long changedLimit(PixelDiffParams params, int w, int h, long referencePixels) {
    Size up = PixelDiff.upscaled(w, h, referencePixels);
    double scored = up == null ? (double) w * h : up.width * up.height;
    long perPixel = 1;
    if (up != null) {
      long fx = (long) Math.floor(up.width / w);
      long fy = (long) Math.floor(up.height / h);
      perPixel = Math.max(1, fx * fy);
    }
    return (long) Math.floor(params.fraction() * scored / perPixel);
  }

  private static boolean sameGrid(BlockSignature a, BlockSignature b) {
    return a.width() == b.width() && a.height() == b.height() && a.block() == b.block();
  }

  /** The aspect test of {@link PixelDiff}, on stored sizes. */
  private boolean aspectComparable(int wa, int ha, int wb, int hb) {
    boolean aSmaller = (long) wa * ha <= (long) wb * hb;
    double rs = aSmaller ? (double) wa / ha : (double) wb / hb;
    double rl = aSmaller ? (double) wb / hb : (double) wa / ha;
    return Math.abs(rs - rl) / Math.min(rs, rl) <= params.aspectTolerance();
  }
}
