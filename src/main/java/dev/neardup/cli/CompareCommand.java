package dev.neardup.cli;

import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.Grayscale;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.report.Reports;
import dev.neardup.verify.AlignParams;
import dev.neardup.verify.AlignedCheck;
import dev.neardup.verify.AlignedResult;
import dev.neardup.verify.DiffResult;
import dev.neardup.verify.FeatureParams;
import dev.neardup.verify.Features;
import dev.neardup.verify.GrayImage;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.SceneCheck;
import dev.neardup.verify.SceneParams;
import dev.neardup.verify.SceneResult;
import dev.neardup.verify.Transform;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opencv.core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neardup compare A B}: the verification levels on one pair, at the files' own resolution:
 * the pixel-diff check, then (by default) the aligned check, optionally the same-scene check.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Runs the classic pixel-diff check on two image files at their own resolution"
            + " (grayscale, blur, border mask, absdiff, threshold 45, dilate x2, contour areas) and"
            + " prints JSON with score, changed_fraction, duplicate and the changed regions. With"
            + " --verify aligned (the default) a pair the plain check rejects, or whose aspect"
            + " ratios differ, is registered from local features (flips, rotations, crops,"
            + " resizes) and diffed on the overlap: 'aligned' holds the transform and its"
            + " evidence. --verify scene also asks whether the photos show the same scene."
            + " duplicate_at names the first level that accepted the pair (absent: none did).")
final class CompareCommand implements Callable<Integer> {
  /** The levels of verification compare can run. */
  enum Level {
    PIXEL,
    ALIGNED,
    SCENE
  }

  @Parameters(index = "0", paramLabel = "A", description = "First image (the one kept).")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "Second image (the candidate).")
  Path b;

  @Mixin PixelDiffOptions pixelDiff;

  @Option(
      names = "--max-pixels",
      paramLabel = "N",
      description = "Refuse images with more pixels than this. Default: ${DEFAULT-VALUE}")
  long maxPixels = ImageDecoder.DEFAULT_MAX_PIXELS;

  @Option(
      names = "--verify",
      paramLabel = "LEVEL",
      description =
          "pixel: the plain pixel-diff only; aligned: also register and diff on the overlap when"
              + " the plain check fails; scene: also the same-scene check. Default:"
              + " ${DEFAULT-VALUE}")
  String verify =
      dev.neardup.group.GroupingOptions.defaults()
          .verify()
          .name()
          .toLowerCase(java.util.Locale.ROOT);

  @Option(
      names = "--feature-long-side",
      paramLabel = "PX",
      description =
          "Longer side the images are shrunk to before detecting local features."
              + " Default: ${DEFAULT-VALUE}")
  int featureLongSide = FeatureParams.DEFAULT_LONG_SIDE;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Level level = Cli.parseEnum(Level.class, "--verify", verify);
    PixelDiffParams params = pixelDiff.params();
    AlignParams alignParams =
        AlignParams.defaults().withFeatures(FeatureParams.defaults().withLongSide(featureLongSide));
    ImageDecoder decoder = new ImageDecoder(maxPixels);
    Map<String, Object> json = new LinkedHashMap<>();
    try (DecodedImage ia = decoder.decode(a);
        DecodedImage ib = decoder.decode(b)) {
      DiffResult r = new PixelDiff(params).compare(ia.bgr(), ib.bgr());
      json.put("a", a.toString());
      json.put("b", b.toString());
      // An incomparable pair has no score: JSON null, with the reason in "note" (never "NaN").
      json.put("score", finite(r.score()));
      json.put("changed_fraction", finite(r.changedFraction()));
      json.put("duplicate", r.duplicate());
      json.put("width", r.width());
      json.put("height", r.height());
      json.put("regions", r.regions());
      if (r.note() != null) {
        json.put("note", r.note());
      }
      json.put("verify", level.name().toLowerCase(java.util.Locale.ROOT));
      String acceptedAt = r.duplicate() ? "pixel" : null;
      if (level != Level.PIXEL && (!r.duplicate() || !r.comparable() || level == Level.SCENE)) {
        GrayImage ga = gray(ia.bgr());
        GrayImage gb = gray(ib.bgr());
        Features fa = Features.of(ga, alignParams.features());
        Features fb = Features.of(gb, alignParams.features());
        if (!r.duplicate()) {
          AlignedResult aligned = AlignedCheck.check(ga, fa, gb, fb, alignParams, params);
          json.put("aligned", alignedJson(aligned, fa, fb));
          if (acceptedAt == null && aligned != null && aligned.duplicate()) {
            acceptedAt = "aligned";
          }
        }
        if (level == Level.SCENE) {
          SceneResult scene = SceneCheck.check(fa, fb, SceneParams.defaults());
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("same_scene", scene.sameScene());
          s.put("inliers", scene.inliers());
          s.put("matches", scene.matches());
          s.put("min_inliers", SceneParams.defaults().minInliers());
          s.put("mirrored", scene.mirrored());
          s.put("homography", scene.homography());
          json.put("scene", s);
          if (acceptedAt == null && scene.sameScene()) {
            acceptedAt = "scene";
          }
        }
      }
      json.put("duplicate_at", acceptedAt);
    } catch (dev.neardup.decode.DecodeException e) {
      throw new java.io.IOException(e.getMessage(), e);
    }
    json.put("settings", params);
    spec.commandLine().getOut().println(Reports.JSON.writeValueAsString(json));
    return 0;
  }

  private static GrayImage gray(Mat bgr) {
    Mat g = Grayscale.copyOf(bgr);
    try {
      return GrayImage.of(g);
    } finally {
      g.release();
    }
  }

  private static Map<String, Object> alignedJson(AlignedResult r, Features fa, Features fb) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("registered", r != null);
    j.put("keypoints_a", fa.count());
    j.put("keypoints_b", fb.count());
    if (r == null) {
      j.put("duplicate", false);
      j.put("note", "no plausible transform: too few consistent feature matches");
      return j;
    }
    Transform t = r.transform();
    DiffResult d = r.diff();
    j.put("duplicate", r.duplicate());
    j.put("transform", t.label());
    j.put("identity", t.isIdentity());
    j.put("mirrored", t.mirrored());
    j.put("rotation_degrees", t.rotationDegrees());
    j.put("residual_degrees", t.residualDegrees());
    j.put("scale", t.scale());
    j.put("scale_x", t.scaleX());
    j.put("scale_y", t.scaleY());
    j.put("crop_fraction", t.cropFraction());
    j.put("inliers", t.inliers());
    j.put("matches", t.matches());
    j.put("overlap", r.overlap());
    j.put("ecc_refined", r.refined());
    j.put("matrix", t.matrix());
    j.put("score", finite(d.score()));
    j.put("changed_fraction", finite(d.changedFraction()));
    j.put("width", d.width());
    j.put("height", d.height());
    j.put("regions", d.regions());
    if (d.note() != null) {
      j.put("note", d.note());
    }
    return j;
  }

  /**
   * {@code v}, or JSON null when it is not a number (the check did not run). A {@code NullNode},
   * not Java null: the mapper leaves nulls out, and a client must see {@code "score": null}.
   */
  static Object finite(double v) {
    return Double.isFinite(v) ? v : com.fasterxml.jackson.databind.node.NullNode.getInstance();
  }
}
