package dev.neardup.cli;

import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.report.Reports;
import dev.neardup.verify.DiffResult;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.PixelDiffParams;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neardup compare A B}: the pixel-diff check alone, at the files' own resolution. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Runs the classic pixel-diff check on two image files at their own resolution"
            + " (grayscale, blur, border mask, absdiff, threshold 45, dilate x2, contour areas) and"
            + " prints JSON with score, changed_fraction, duplicate and the changed regions.")
final class CompareCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "A", description = "First image.")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "Second image.")
  Path b;

  @Mixin PixelDiffOptions pixelDiff;

  @Option(
      names = "--max-pixels",
      paramLabel = "N",
      description = "Refuse images with more pixels than this. Default: ${DEFAULT-VALUE}")
  long maxPixels = ImageDecoder.DEFAULT_MAX_PIXELS;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PixelDiffParams params = pixelDiff.params();
    ImageDecoder decoder = new ImageDecoder(maxPixels);
    DiffResult r;
    try (DecodedImage ia = decoder.decode(a);
        DecodedImage ib = decoder.decode(b)) {
      r = new PixelDiff(params).compare(ia.bgr(), ib.bgr());
    } catch (dev.neardup.decode.DecodeException e) {
      throw new java.io.IOException(e.getMessage(), e);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("a", a.toString());
    json.put("b", b.toString());
    json.put("score", r.score());
    json.put("changed_fraction", r.changedFraction());
    json.put("duplicate", r.duplicate());
    json.put("width", r.width());
    json.put("height", r.height());
    json.put("regions", r.regions());
    if (r.note() != null) {
      json.put("note", r.note());
    }
    json.put("settings", params);
    spec.commandLine().getOut().println(Reports.JSON.writeValueAsString(json));
    return 0;
  }
}
