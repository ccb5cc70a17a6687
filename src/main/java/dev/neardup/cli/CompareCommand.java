package dev.neardup.cli;

import dev.neardup.config.Defaults;
import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.image.StoredImage;
import dev.neardup.image.Thumbnails;
import dev.neardup.report.Reports;
import dev.neardup.verify.DiffResult;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.Prepared;
import dev.neardup.verify.SceneParams;
import dev.neardup.verify.Verdict;
import dev.neardup.verify.Verifier;
import dev.neardup.verify.Verifiers;
import dev.neardup.verify.VerifyMode;
import dev.neardup.verify.align.AlignParams;
import dev.neardup.verify.align.FeatureParams;
import dev.neardup.verify.align.Transform;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neardup compare A B}: the verifier chain of {@code dedup} on one pair, with its evidence.
 *
 * <p>The pair is decoded, stored for verification as the index stores it ({@link
 * Thumbnails#verificationImage}: whole up to 800×600, else a 320-px thumbnail), and judged by the
 * one chain ({@link Verifiers#create}), with the geometric levels allowed (no candidate stage
 * stands between the user and this pair). So {@code compare} and a {@code dedup} of the two files
 * give one answer. The top-level score fields are the identity check's (the classic pixel-diff);
 * {@code duplicate} is the final verdict and {@code duplicate_at} the level that decided.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Runs the verifier chain of dedup on two image files and prints JSON: score,"
            + " changed_fraction and regions of the classic pixel-diff check (grayscale, blur,"
            + " border mask, absdiff, threshold 45, dilate x2, contour areas) on the images as the"
            + " index stores them, duplicate (the final verdict) and duplicate_at (the level that"
            + " accepted: pixel, aligned or scene; absent: none did). With --verify aligned (the"
            + " default) a pair the plain check rejects is registered from local features (flips,"
            + " rotations, crops, resizes, shifts, stretches) and diffed on the overlap: 'aligned'"
            + " holds the transform and its evidence. --verify scene also asks whether the photos"
            + " show the same scene. The verdict does not depend on the order of A and B.")
final class CompareCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "A", description = "First image (the one kept).")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "Second image (the candidate).")
  Path b;

  @Mixin PixelDiffOptions pixelDiff;

  @Option(
      names = "--max-pixels",
      paramLabel = "N",
      description = "Refuse images with more pixels than this. Default: ${DEFAULT-VALUE}")
  long maxPixels = Defaults.MAX_PIXELS.asLong();

  @Option(
      names = "--verify",
      paramLabel = "LEVEL",
      description =
          "pixel: the plain pixel-diff only; aligned: also register and diff on the overlap when"
              + " the plain check fails; scene: also the same-scene check. Default:"
              + " ${DEFAULT-VALUE}")
  String verify = Defaults.VERIFY.text();

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
    VerifyMode level = level(verify);
    PixelDiffParams params = pixelDiff.params();
    AlignParams alignParams =
        AlignParams.defaults().toBuilder()
            .features(FeatureParams.defaults().withLongSide(featureLongSide))
            .build();
    Verifier chain = Verifiers.create(level, params, alignParams);
    // The identity level alone, for the top-level score fields: the same factory, mode pixel.
    Verifier identity = Verifiers.create(VerifyMode.PIXEL, params, alignParams);
    ImageDecoder decoder = new ImageDecoder(maxPixels);
    Map<String, Object> json = new LinkedHashMap<>();
    try (DecodedImage ia = decoder.decode(a);
        DecodedImage ib = decoder.decode(b)) {
      StoredImage sa = stored(ia);
      StoredImage sb = stored(ib);
      Prepared pa = chain.prepare(sa);
      Prepared pb = chain.prepare(sb);
      Verdict v = chain.verify(pa, pb, true);
      // The identity level's full score, for the top-level fields (the chain may stop early).
      DiffResult r = scored(identity, new PixelDiff(params), pa, pb, v);
      json.put("a", a.toString());
      json.put("b", b.toString());
      // An incomparable pair has no score: JSON null, with the reason in "note" (never "NaN").
      json.put("score", finite(r.score()));
      json.put("changed_fraction", finite(r.changedFraction()));
      json.put("duplicate", v.duplicate());
      json.put("pixel_duplicate", r.duplicate());
      json.put("width", r.width());
      json.put("height", r.height());
      json.put("regions", r.regions());
      if (r.note() != null) {
        json.put("note", r.note());
      }
      json.put("verify", level.name().toLowerCase(Locale.ROOT));
      boolean plainAccepted = v.duplicate() && v.level() == Verdict.Level.IDENTITY;
      if (level != VerifyMode.PIXEL && !plainAccepted) {
        json.put("aligned", alignedJson(v));
        if (level == VerifyMode.SCENE) {
          json.put("scene", sceneJson(v));
        }
      }
      json.put("duplicate_at", v.duplicate() ? levelName(v) : null);
      if (v.note() != null && !v.note().equals(r.note())) {
        json.put("verdict_note", v.note());
      }
    } catch (dev.neardup.decode.DecodeException e) {
      throw new java.io.IOException(e.getMessage(), e);
    }
    json.put("settings", params);
    spec.commandLine().getOut().println(Reports.JSON.writeValueAsString(json));
    return 0;
  }

  /**
   * The verify level compare runs: any {@link VerifyMode} but {@link VerifyMode#NONE} (compare
   * judges the pair itself; there is no candidate stage to trust), refused with the message of any
   * other unknown value.
   */
  static VerifyMode level(String value) {
    VerifyMode mode = null;
    try {
      mode = Cli.parseEnum(VerifyMode.class, "--verify", value);
    } catch (IllegalArgumentException e) {
      // the message below lists what compare accepts
    }
    if (mode == null || mode == VerifyMode.NONE) {
      String allowed =
          java.util.Arrays.stream(VerifyMode.values())
              .filter(m -> m != VerifyMode.NONE)
              .map(m -> m.name().toLowerCase(Locale.ROOT))
              .collect(java.util.stream.Collectors.joining(", "));
      throw new IllegalArgumentException(
          "--verify must be one of " + allowed + "; got '" + value + "'");
    }
    return mode;
  }

  /** The image as the index stores it for verification. */
  private static StoredImage stored(DecodedImage d) {
    return new StoredImage(
        Thumbnails.verificationImage(d.bgr(), Thumbnails.DEFAULT_MAX_SIDE),
        d.bgr().cols(),
        d.bgr().rows());
  }

  /** The identity level's diff, scored in full (the chain's own may be pruned, without a score). */
  private static DiffResult scored(
      Verifier identity, PixelDiff definition, Prepared a, Prepared b, Verdict v) {
    if (v.level() == Verdict.Level.IDENTITY && v.diff() != null) {
      return v.diff();
    }
    Verdict plain = identity.verify(a, b, false);
    if (plain.diff() != null) {
      return plain.diff();
    }
    StoredImage sa = a.image();
    StoredImage sb = b.image();
    return definition.compareThumbnails(sa.gray(), sb.gray(), Math.min(sa.pixels(), sb.pixels()));
  }

  /** The deciding level in the names of {@code --verify}: pixel, aligned, scene. */
  private static String levelName(Verdict v) {
    return v.level() == Verdict.Level.IDENTITY ? "pixel" : v.level().toString();
  }

  private static Map<String, Object> alignedJson(Verdict v) {
    Map<String, Object> j = new LinkedHashMap<>();
    Transform t = v.transform();
    j.put("registered", t != null);
    j.put("duplicate", v.duplicate() && v.level() == Verdict.Level.ALIGNED);
    if (t == null) {
      String why = v.note();
      j.put(
          "note",
          why != null && (why.startsWith("not comparable") || why.startsWith("too few pixels"))
              ? why
              : "no plausible transform: too few consistent feature matches");
      return j;
    }
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
    j.put("overlap", t.overlap());
    j.put("matrix", t.matrix());
    DiffResult d = v.level() == Verdict.Level.ALIGNED ? v.diff() : null;
    if (d != null) {
      j.put("score", finite(d.score()));
      j.put("changed_fraction", finite(d.changedFraction()));
      j.put("width", d.width());
      j.put("height", d.height());
      j.put("regions", d.regions());
      if (d.note() != null) {
        j.put("note", d.note());
      }
    }
    return j;
  }

  private static Map<String, Object> sceneJson(Verdict v) {
    Map<String, Object> s = new LinkedHashMap<>();
    boolean decided = v.level() == Verdict.Level.SCENE;
    s.put("same_scene", decided && v.duplicate());
    s.put("inliers", decided ? v.inliers() : 0);
    s.put("min_inliers", SceneParams.defaults().minInliers());
    if (v.duplicate() && !decided) {
      s.put("note", "not run: the " + levelName(v) + " level accepted the pair");
    } else if (decided || (v.note() != null && v.note().startsWith("not comparable"))) {
      s.put("note", v.note());
    }
    return s;
  }

  /**
   * {@code v}, or JSON null when it is not a number (the check did not run). A {@code NullNode},
   * not Java null: the mapper leaves nulls out, and a client must see {@code "score": null}.
   */
  static Object finite(double v) {
    return Double.isFinite(v) ? v : com.fasterxml.jackson.databind.node.NullNode.getInstance();
  }
}
