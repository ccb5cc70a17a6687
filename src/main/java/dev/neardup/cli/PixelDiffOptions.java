package dev.neardup.cli;

import dev.neardup.config.Defaults;
import dev.neardup.verify.BorderMask;
import dev.neardup.verify.PixelDiffParams;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The pixel-diff check's options, shared by {@code compare}, {@code dedup} and {@code query}. */
final class PixelDiffOptions {
  @Option(
      names = "--blur",
      paramLabel = "K[,K...]",
      description =
          "Gaussian blur kernel sizes applied in turn before differencing (odd, e.g. 5,5);"
              + " empty for none. Default: ${DEFAULT-VALUE}")
  String blur = Defaults.BLUR.asString();

  @Option(
      names = "--mask",
      paramLabel = "L,T,R,B",
      description =
          "Border strips painted black before differencing, in percent of width/height"
              + " (left,top,right,bottom): hides timestamp overlays and car bonnets."
              + " Default: ${DEFAULT-VALUE}")
  String mask = Defaults.MASK.asString();

  @Option(
      names = "--min-contour-area",
      paramLabel = "PX",
      description =
          "Changed regions smaller than this many pixels (at the images' full resolution) are"
              + " ignored. On thumbnails it is scaled by the area ratio. Default: ${DEFAULT-VALUE}")
  double minContourArea = Defaults.MIN_CONTOUR_AREA.asDouble();

  @Option(
      names = "--fraction",
      paramLabel = "F",
      description =
          "A pair is a duplicate when the changed area is at most F x width x height."
              + " Default: ${DEFAULT-VALUE}")
  double fraction = Defaults.FRACTION.asDouble();

  PixelDiffParams params() {
    return PixelDiffParams.defaults()
        .withBlurKernels(blurKernels())
        .withMask(BorderMask.parse(mask))
        .withMinContourArea(minContourArea)
        .withFraction(fraction);
  }

  List<Integer> blurKernels() {
    List<Integer> out = new ArrayList<>();
    for (String part : blur.split(",")) {
      String s = part.trim();
      if (s.isEmpty()) {
        continue;
      }
      try {
        out.add(Integer.parseInt(s));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--blur must be odd integers like 5,5; got '" + blur + "'");
      }
    }
    return out;
  }
}
