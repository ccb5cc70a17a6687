package dev.neardup.embed;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What produced a set of embeddings: the model file (by name and content hash), its weights, the
 * vector dimension and the preprocessing applied before the forward pass.
 *
 * <p>Two embeddings are comparable only when every field matches, so the index stores this and
 * refuses a mismatch; {@link #id()} is the short human-readable form printed in every report.
 *
 * @param fileName the model file's name without its folder, e.g. {@code resnet50.pt}
 * @param sha256 SHA-256 of the file's bytes, 64 lowercase hex digits
 * @param architecture the {@code architecture} field of the archive's {@code neardup.json}, or
 *     {@code "unknown"}
 * @param weights {@code "pretrained"}, {@code "random"} or {@code "unknown"} (no metadata in the
 *     archive, e.g. a user's own TorchScript export)
 * @param weightsTag where the weights came from, e.g. {@code
 *     torchvision:ResNet50_Weights.IMAGENET1K_V2} or {@code random:seed=42}; {@code "unknown"} when
 *     the archive does not say
 * @param dim length of each embedding vector (2048 for ResNet50 without its classifier)
 * @param preprocessing how images are turned into the model's input, e.g. {@link
 *     Preprocess#DESCRIPTION}
 * @param precision what the model computes in (see {@link Precision}); part of {@link #id()}
 */
public record ModelInfo(
    String fileName,
    String sha256,
    String architecture,
    String weights,
    String weightsTag,
    int dim,
    String preprocessing,
    Precision precision) {

  /** Weights trained on ImageNet: the only kind whose embeddings mean anything. */
  public static final String PRETRAINED = "pretrained";

  /** Seeded random weights: for tests and benchmarks only. */
  public static final String RANDOM = "random";

  /** The archive carries no {@code neardup.json}, so nobody vouches for its weights. */
  public static final String UNKNOWN = "unknown";

  private static final Set<String> WEIGHTS = Set.of(PRETRAINED, RANDOM, UNKNOWN);
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Number of hex digits of the hash shown in {@link #id()}: enough to tell files apart. */
  public static final int ID_HASH_DIGITS = 12;

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException naming the field and the bad value
   */
  public ModelInfo {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(weightsTag, "weightsTag");
    Objects.requireNonNull(preprocessing, "preprocessing");
    Objects.requireNonNull(precision, "precision");
    if (fileName.isBlank()) {
      throw new IllegalArgumentException("fileName must not be blank");
    }
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "sha256 must be 64 lowercase hex digits; got \"" + sha256 + "\"");
    }
    if (!WEIGHTS.contains(weights)) {
      throw new IllegalArgumentException(
          "weights must be one of " + WEIGHTS + "; got \"" + weights + "\"");
    }
    if (dim <= 0) {
      throw new IllegalArgumentException("dim must be > 0; got " + dim);
    }
  }

  /** An fp32 model, as every model file made before precisions existed. */
  public ModelInfo(
      String fileName,
      String sha256,
      String architecture,
      String weights,
      String weightsTag,
      int dim,
      String preprocessing) {
    this(fileName, sha256, architecture, weights, weightsTag, dim, preprocessing, Precision.FP32);
  }

  /**
   * Short identity printed in reports and stored in the index, e.g. {@code resnet50.pt
   * sha256:1a2b3c4d5e6f (pretrained)} for fp32 and {@code resnet50-int8.pt sha256:0f1e2d3c4b5a
   * (pretrained, int8)} for a reduced precision.
   *
   * <p>Why fp32 carries no label: ids are stored in existing indexes, which must still open with
   * the model that made them. Every other precision is named, so an index made with fp32 refuses
   * int8 vectors with a message that shows the difference (the file hashes differ too).
   */
  public String id() {
    String hash = fileName + " sha256:" + sha256.substring(0, ID_HASH_DIGITS);
    return precision == Precision.FP32
        ? hash + " (" + weights + ")"
        : hash + " (" + weights + ", " + precision.label() + ")";
  }

  /** True when the weights are the seeded random ones made for tests. */
  public boolean isRandom() {
    return RANDOM.equals(weights);
  }
}
