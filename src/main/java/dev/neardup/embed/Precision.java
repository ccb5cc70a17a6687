package dev.neardup.embed;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The number format a model computes in. Input and output are float32 for every precision; only the
 * arithmetic inside the model differs, so the vectors of two precisions are close but not
 * interchangeable without measurement (see docs/benchmarks.md): an index records the precision with
 * the model id and refuses a mix.
 *
 * <p>Which one a model file holds is written by {@code models/export_resnet50.py} into its {@code
 * neardup.json} ({@code "precision"}); a file without that field is fp32, as every export before
 * the field existed.
 */
public enum Precision {
  /** The float model as trained. */
  FP32,
  /**
   * Post-training static quantisation (onednn): int8 weights per channel, uint8 activations
   * calibrated on real images. About 5× the fp32 forward speed on AVX-512 VNNI CPUs.
   */
  INT8,
  /** bfloat16 weights and activations inside the model. */
  BF16;

  /** The lower-case name used on the command line, in {@code neardup.json} and in model ids. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@link #label()} (any case).
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static Precision parse(String value) {
    for (Precision p : values()) {
      if (p.label().equalsIgnoreCase(value == null ? "" : value.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "precision must be one of "
            + Arrays.stream(values()).map(Precision::label).collect(Collectors.joining(", "))
            + "; got \""
            + value
            + "\"");
  }

  @Override
  public String toString() {
    return label();
  }
}
